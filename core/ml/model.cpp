#include "model.h"

#include "families.h"

namespace emflow {

Status model_open(Model* model, const uint8_t* data, size_t size, MemorySpace space) {
  if (model == NULL) return kErrOutOfRange;
  Status status = model_blob_parse(data, size, space, &model->blob);
  if (status != kOk) return status;
  switch (model->blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
    case kModelGradientBoostingClassifier:
    case kModelGradientBoostingRegressor:
    case kModelIsolationForest:
      return trees_open(&model->blob, &model->state.trees);
    default:  // other families (kinds 32-63): core/ml/families.h; kErrModelType if unknown
      return family_open(&model->blob, model->state.other);
  }
}

namespace {

Status check_call(const Model* model, size_t n_features, const void* features, float* outputs,
                  size_t n_outputs) {
  if (model == NULL || features == NULL || outputs == NULL) return kErrOutOfRange;
  if (n_features != model->blob.n_features) return kErrFeatureCount;
  if (n_outputs < model->blob.n_outputs) return kErrBufferTooSmall;
  return kOk;
}

}  // namespace

Status model_predict(const Model* model, const float* features, size_t n_features, float* outputs,
                     size_t n_outputs, int32_t* label) {
  Status status = check_call(model, n_features, features, outputs, n_outputs);
  if (status != kOk) return status;
  if (model_is_int16(model)) return kErrModelType;
  switch (model->blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
    case kModelGradientBoostingClassifier:
    case kModelGradientBoostingRegressor:
    case kModelIsolationForest:
      return trees_predict(&model->blob, &model->state.trees, features, outputs, label);
    default:  // other families
      return family_predict(model, features, outputs, label);
  }
}

Status model_predict_int16(const Model* model, const int16_t* features, size_t n_features,
                           float* outputs, size_t n_outputs, int32_t* label) {
  Status status = check_call(model, n_features, features, outputs, n_outputs);
  if (status != kOk) return status;
  if (!model_is_int16(model)) return kErrModelType;
  switch (model->blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
    case kModelGradientBoostingClassifier:
    case kModelGradientBoostingRegressor:
    case kModelIsolationForest:
      return trees_predict_int16(&model->blob, &model->state.trees, features, outputs, label);
    default:  // other families (int16 mode)
      return family_predict_int16(model, features, outputs, label);
  }
}

ModelRole model_role(ModelKind kind) {
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
      return family_role(kind);
  }
}

}  // namespace emflow
