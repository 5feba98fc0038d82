#include "families.h"

#include "elliptic.h"
#include "family_math.h"
#include "gmm.h"
#include "knn.h"
#include "linear.h"
#include "mlp.h"
#include "naive_bayes.h"

namespace emflow {

bool family_kind_known(uint8_t kind) {
  return kind >= kModelGaussianNB && kind <= kModelGaussianMixture;
}

bool features_finite(const float* features, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (!blob_finite(features[i])) return false;
  return true;
}

Status family_open(const ModelBlob* blob, uint8_t* state) {
  switch (static_cast<uint8_t>(blob->kind)) {
    case kModelGaussianNB:
      return naive_bayes_open(blob, state);
    case kModelMlpClassifier:
    case kModelMlpRegressor:
      return mlp_open(blob, state);
    case kModelKNeighborsClassifier:
      return knn_open(blob, state);
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      return linear_open(blob, state);
    case kModelEllipticEnvelope:
      return elliptic_open(blob, state);
    case kModelGaussianMixture:
      return gmm_open(blob, state);
    default:
      return kErrModelType;
  }
}

Status family_predict(const Model* model, const float* features, float* outputs, int32_t* label) {
  if (!features_finite(features, model->blob.n_features)) return kErrOutOfRange;
  switch (static_cast<uint8_t>(model->blob.kind)) {
    case kModelGaussianNB:
      return naive_bayes_predict(model, features, outputs, label);
    case kModelMlpClassifier:
    case kModelMlpRegressor:
      return mlp_predict(model, features, outputs, label);
    case kModelKNeighborsClassifier:
      return knn_predict(model, features, outputs, label);
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      return linear_predict(model, features, outputs, label);
    case kModelEllipticEnvelope:
      return elliptic_predict(model, features, outputs, label);
    case kModelGaussianMixture:
      return gmm_predict(model, features, outputs, label);
    default:
      return kErrModelType;
  }
}

Status family_predict_int16(const Model* model, const int16_t* features, float* outputs,
                            int32_t* label) {
  switch (static_cast<uint8_t>(model->blob.kind)) {
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      return linear_predict_int16(model, features, outputs, label);
    case kModelMlpClassifier:
    case kModelMlpRegressor:
      return mlp_predict_int16(model, features, outputs, label);
    default:
      return kErrModelType;
  }
}

ModelRole family_role(uint8_t kind) {
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

Status family_scores(const Model* model, const float* features, float* scores, size_t capacity,
                     size_t* written) {
  if (!model || !features || !scores || !written) return kErrOutOfRange;
  if (!features_finite(features, model->blob.n_features)) return kErrOutOfRange;
  if (model_is_int16(model)) return kErrModelType;
  const ModelBlob* blob = &model->blob;
  size_t count = 0;
  switch (static_cast<uint8_t>(blob->kind)) {
    case kModelGaussianNB:
    case kModelEllipticEnvelope:
      count = blob->n_outputs;
      break;
    case kModelLinearClassifier:
    case kModelLinearRegressor:
      count = linear_rows(blob);
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
      return naive_bayes_scores(model, features, scores);
    case kModelEllipticEnvelope:
      return elliptic_predict(model, features, scores, NULL);
    case kModelGaussianMixture:
      return gmm_score_samples(model, features, scores);
    default:
      return linear_scores(model, features, scores);
  }
}

Status family_scores_int16(const Model* model, const int16_t* features, float* scores,
                           size_t capacity, size_t* written) {
  if (!model || !features || !scores || !written) return kErrOutOfRange;
  if (!model_is_int16(model)) return kErrModelType;
  const ModelBlob* blob = &model->blob;
  if (blob->kind != kModelLinearClassifier && blob->kind != kModelLinearRegressor)
    return kErrModelType;
  const size_t count = linear_rows(blob);
  if (capacity < count) return kErrBufferTooSmall;
  *written = count;
  return linear_scores_int16(model, features, scores);
}

}  // namespace emflow
