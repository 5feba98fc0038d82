#include "naive_bayes.h"

#include "family_math.h"

namespace emflow {

namespace {

struct NaiveBayesLayout {
  size_t theta;     // payload offset of theta
  size_t variance;  // payload offset of var
};

NaiveBayesLayout layout_of(const ModelBlob* blob) {
  NaiveBayesLayout layout;
  const size_t classes = blob->n_outputs;
  layout.theta = 4 * classes;
  layout.variance = layout.theta + 4 * classes * blob->n_features;
  return layout;
}

void joint_log_likelihood(const ModelBlob* blob, const float* x, double* jll) {
  const NaiveBayesLayout layout = layout_of(blob);
  const uint16_t features = blob->n_features;
  for (uint16_t k = 0; k < blob->n_outputs; ++k) {
    double sum = 0;
    for (uint16_t j = 0; j < features; ++j) {
      const size_t index = static_cast<size_t>(k) * features + j;
      const double d = static_cast<double>(x[j]) - payload_f32(blob, layout.theta, index);
      sum += d * d / payload_f32(blob, layout.variance, index);
    }
    jll[k] = payload_f32(blob, 0, k) - 0.5 * sum;
  }
}

}  // namespace

Status naive_bayes_open(const ModelBlob* blob, uint8_t* state) {
  (void)state;  // the layout follows from the header alone
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  const size_t classes = blob->n_outputs;
  if (classes < 2 || classes > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  const size_t per_class = add_size(1, mul_size(2, blob->n_features));
  const size_t expected = mul_size(4, mul_size(classes, per_class));
  if (expected == kSizeOverflow || blob->payload_size < expected) return kErrTruncated;
  if (blob->payload_size > expected) return kErrCorrupt;
  if (!payload_all_finite(blob, 0, expected / 4)) return kErrCorrupt;
  const NaiveBayesLayout layout = layout_of(blob);
  for (size_t i = 0; i < classes * blob->n_features; ++i)
    if (!(payload_f32(blob, layout.variance, i) > 0.0f)) return kErrCorrupt;  // divides by var
  return kOk;
}

Status naive_bayes_scores(const Model* model, const float* features, float* scores) {
  double jll[EMFLOW_FAMILY_MAX_OUTPUTS];
  joint_log_likelihood(&model->blob, features, jll);
  for (uint16_t k = 0; k < model->blob.n_outputs; ++k) scores[k] = static_cast<float>(jll[k]);
  return kOk;
}

Status naive_bayes_predict(const Model* model, const float* features, float* outputs,
                           int32_t* label) {
  const uint16_t classes = model->blob.n_outputs;
  double jll[EMFLOW_FAMILY_MAX_OUTPUTS];
  joint_log_likelihood(&model->blob, features, jll);
  if (label) *label = argmax_double(jll, classes);
  softmax_double(jll, classes);
  for (uint16_t k = 0; k < classes; ++k) outputs[k] = static_cast<float>(jll[k]);
  return kOk;
}

}  // namespace emflow
