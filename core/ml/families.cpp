#include "families.h"

#include "elliptic.h"
#include "family_math.h"
#include "gmm.h"
#include "knn.h"
#include "linear.h"
#include "mlp.h"
#include "naive_bayes.h"

namespace emflow {

bool familyKindKnown(uint8_t kind) {
  return kind >= kModelGaussianNB && kind <= kModelGaussianMixture;
}

bool featuresFinite(const float* features, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (!blobFinite(features[i])) return false;
  return true;
}

Status familyOpen(const ModelBlob* blob, uint8_t* state) {
  switch (static_cast<uint8_t>(blob->kind)) {
    case kModelGaussianNB:
      return naiveBayesOpen(blob, state);
    case kModelMlpClassifier:
    case kModelMlpRegressor:
      return mlpOpen(blob, state);
    case kModelKNeighborsClassifier:
      return knnOpen(blob, state);
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      return linearOpen(blob, state);
    case kModelEllipticEnvelope:
      return ellipticOpen(blob, state);
    case kModelGaussianMixture:
      return gmmOpen(blob, state);
    default:
      return kErrModelType;
  }
}

Status familyPredict(const Model* model, const float* features, float* outputs, int32_t* label) {
  if (!featuresFinite(features, model->blob.nFeatures)) return kErrOutOfRange;
  switch (static_cast<uint8_t>(model->blob.kind)) {
    case kModelGaussianNB:
      return naiveBayesPredict(model, features, outputs, label);
    case kModelMlpClassifier:
    case kModelMlpRegressor:
      return mlpPredict(model, features, outputs, label);
    case kModelKNeighborsClassifier:
      return knnPredict(model, features, outputs, label);
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      return linearPredict(model, features, outputs, label);
    case kModelEllipticEnvelope:
      return ellipticPredict(model, features, outputs, label);
    case kModelGaussianMixture:
      return gmmPredict(model, features, outputs, label);
    default:
      return kErrModelType;
  }
}

Status familyPredictInt16(const Model* model, const int16_t* features, float* outputs,
                          int32_t* label) {
  switch (static_cast<uint8_t>(model->blob.kind)) {
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      return linearPredictInt16(model, features, outputs, label);
    case kModelMlpClassifier:
    case kModelMlpRegressor:
      return mlpPredictInt16(model, features, outputs, label);
    default:
      return kErrModelType;
  }
}

ModelRole familyRole(uint8_t kind) {
  switch (kind) {
    case kModelGaussianNB:
    case kModelMlpClassifier:
    case kModelKNeighborsClassifier:
    case kModelLinearClassifier:
    case kModelGaussianMixture:  // outputs: responsibility of each component; label: component
      return kRoleClassifier;
    case kModelMlpRegressor:
    case kModelLinearRegressor:
      return kRoleRegressor;
    case kModelEllipticEnvelope:
      return kRoleAnomaly;
    default:
      return kRoleUnknown;
  }
}

Status familyScores(const Model* model, const float* features, float* scores, size_t capacity,
                    size_t* written) {
  if (!model || !features || !scores || !written) return kErrOutOfRange;
  if (!featuresFinite(features, model->blob.nFeatures)) return kErrOutOfRange;
  if (modelIsInt16(model)) return kErrModelType;
  const ModelBlob* blob = &model->blob;
  size_t count = 0;
  switch (static_cast<uint8_t>(blob->kind)) {
    case kModelGaussianNB:
    case kModelEllipticEnvelope:
      count = blob->nOutputs;
      break;
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      count = linearRows(blob);
      break;
    case kModelGaussianMixture:
      count = 1;
      break;
    default:
      return kErrModelType;
  }
  if (capacity < count) return kErrBufferTooSmall;
  *written = count;
  switch (static_cast<uint8_t>(blob->kind)) {
    case kModelGaussianNB:
      return naiveBayesScores(model, features, scores);
    case kModelEllipticEnvelope:
      return ellipticPredict(model, features, scores, NULL);
    case kModelGaussianMixture:
      return gmmScoreSamples(model, features, scores);
    default:
      return linearScores(model, features, scores);
  }
}

Status familyScoresInt16(const Model* model, const int16_t* features, float* scores,
                         size_t capacity, size_t* written) {
  if (!model || !features || !scores || !written) return kErrOutOfRange;
  if (!modelIsInt16(model)) return kErrModelType;
  const ModelBlob* blob = &model->blob;
  if (blob->kind != kModelLinearClassifier && blob->kind != kModelLinearRegressor)
    return kErrModelType;
  const size_t count = linearRows(blob);
  if (capacity < count) return kErrBufferTooSmall;
  *written = count;
  return linearScoresInt16(model, features, scores);
}

}  // namespace emflow
