#include "naive_bayes.h"

#include "family_math.h"

namespace emflow {

namespace {

struct NaiveBayesLayout {
  size_t theta;     // payload offset of theta
  size_t variance;  // payload offset of var
};

NaiveBayesLayout layoutOf(const ModelBlob* blob) {
  NaiveBayesLayout layout;
  const size_t classes = blob->nOutputs;
  layout.theta = 4 * classes;
  layout.variance = layout.theta + 4 * classes * blob->nFeatures;
  return layout;
}

void jointLogLikelihood(const ModelBlob* blob, const float* x, double* jll) {
  const NaiveBayesLayout layout = layoutOf(blob);
  const uint16_t features = blob->nFeatures;
  for (uint16_t k = 0; k < blob->nOutputs; ++k) {
    double sum = 0;
    for (uint16_t j = 0; j < features; ++j) {
      const size_t index = static_cast<size_t>(k) * features + j;
      const double d = static_cast<double>(x[j]) - payloadF32(blob, layout.theta, index);
      sum += d * d / payloadF32(blob, layout.variance, index);
    }
    jll[k] = payloadF32(blob, 0, k) - 0.5 * sum;
  }
}

}  // namespace

Status naiveBayesOpen(const ModelBlob* blob, uint8_t* state) {
  (void)state;  // the layout follows from the header alone
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  const size_t classes = blob->nOutputs;
  if (classes < 2 || classes > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  const size_t perClass = addSize(1, mulSize(2, blob->nFeatures));
  const size_t expected = mulSize(4, mulSize(classes, perClass));
  if (expected == kSizeOverflow || blob->payloadSize < expected) return kErrTruncated;
  if (blob->payloadSize > expected) return kErrCorrupt;
  if (!payloadAllFinite(blob, 0, expected / 4)) return kErrCorrupt;
  const NaiveBayesLayout layout = layoutOf(blob);
  for (size_t i = 0; i < classes * blob->nFeatures; ++i)
    if (!(payloadF32(blob, layout.variance, i) > 0.0f)) return kErrCorrupt;  // divides by var
  return kOk;
}

Status naiveBayesScores(const Model* model, const float* features, float* scores) {
  double jll[EMFLOW_FAMILY_MAX_OUTPUTS];
  jointLogLikelihood(&model->blob, features, jll);
  for (uint16_t k = 0; k < model->blob.nOutputs; ++k) scores[k] = static_cast<float>(jll[k]);
  return kOk;
}

Status naiveBayesPredict(const Model* model, const float* features, float* outputs,
                         int32_t* label) {
  const uint16_t classes = model->blob.nOutputs;
  double jll[EMFLOW_FAMILY_MAX_OUTPUTS];
  jointLogLikelihood(&model->blob, features, jll);
  if (label) *label = argmaxDouble(jll, classes);
  softmaxDouble(jll, classes);
  for (uint16_t k = 0; k < classes; ++k) outputs[k] = static_cast<float>(jll[k]);
  return kOk;
}

}  // namespace emflow
