#include "model.h"

#include "families.h"

namespace emflow {

Status modelOpen(Model* model, const uint8_t* data, size_t size, MemorySpace space) {
  if (model == NULL) return kErrOutOfRange;
  Status status = modelBlobParse(data, size, space, &model->blob);
  if (status != kOk) return status;
  switch (model->blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
    case kModelGradientBoostingClassifier:
    case kModelGradientBoostingRegressor:
    case kModelIsolationForest:
      return treesOpen(&model->blob, &model->state.trees);
    default:  // other families (kinds 32-63): core/ml/families.h; kErrModelType if unknown
      return familyOpen(&model->blob, model->state.other);
  }
}

namespace {

Status checkCall(const Model* model, size_t nFeatures, const void* features, float* outputs,
                 size_t nOutputs) {
  if (model == NULL || features == NULL || outputs == NULL) return kErrOutOfRange;
  if (nFeatures != model->blob.nFeatures) return kErrFeatureCount;
  if (nOutputs < model->blob.nOutputs) return kErrBufferTooSmall;
  return kOk;
}

}  // namespace

Status modelPredict(const Model* model, const float* features, size_t nFeatures, float* outputs,
                    size_t nOutputs, int32_t* label) {
  Status status = checkCall(model, nFeatures, features, outputs, nOutputs);
  if (status != kOk) return status;
  if (modelIsInt16(model)) return kErrModelType;
  switch (model->blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
    case kModelGradientBoostingClassifier:
    case kModelGradientBoostingRegressor:
    case kModelIsolationForest:
      return treesPredict(&model->blob, &model->state.trees, features, outputs, label);
    default:  // other families
      return familyPredict(model, features, outputs, label);
  }
}

Status modelPredictInt16(const Model* model, const int16_t* features, size_t nFeatures,
                         float* outputs, size_t nOutputs, int32_t* label) {
  Status status = checkCall(model, nFeatures, features, outputs, nOutputs);
  if (status != kOk) return status;
  if (!modelIsInt16(model)) return kErrModelType;
  switch (model->blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
    case kModelGradientBoostingClassifier:
    case kModelGradientBoostingRegressor:
    case kModelIsolationForest:
      return treesPredictInt16(&model->blob, &model->state.trees, features, outputs, label);
    default:  // other families (int16 mode)
      return familyPredictInt16(model, features, outputs, label);
  }
}

ModelRole modelRole(ModelKind kind) {
  switch (kind) {
    case kModelTreeClassifier:
    case kModelGradientBoostingClassifier:
      return kRoleClassifier;
    case kModelTreeRegressor:
    case kModelGradientBoostingRegressor:
      return kRoleRegressor;
    case kModelIsolationForest:
      return kRoleAnomaly;
    default:  // other families
      return familyRole(kind);
  }
}

}  // namespace emflow
