#include "gmm.h"

#include <string.h>

#include "family_math.h"

namespace emflow {

namespace {

const size_t kGmmHeaderSize = 4;

struct GmmState {
  size_t means;
  size_t precisions;
  uint8_t covariance;
};

size_t precision_floats(uint8_t covariance, size_t k, size_t f) {
  switch (covariance) {
    case kGmmFull:
      return mul_size(k, mul_size(f, f));
    case kGmmTied:
      return mul_size(f, f);
    case kGmmDiag:
      return mul_size(k, f);
    default:
      return k;
  }
}

void weighted_log_prob(const ModelBlob* blob, const GmmState& s, const float* x, double* out) {
  const uint16_t f = blob->n_features;
  for (uint16_t k = 0; k < blob->n_outputs; ++k) {
    const size_t mean_row = static_cast<size_t>(k) * f;
    double squares = 0;
    if (s.covariance == kGmmFull || s.covariance == kGmmTied) {
      // y_j = sum_i (x_i - mean_i) P[i][j]. sklearn's P is upper triangular, but nothing here
      // relies on it: a hostile blob cannot make the result depend on unread values.
      const size_t matrix = s.covariance == kGmmFull ? static_cast<size_t>(k) * f * f : 0;
      for (uint16_t j = 0; j < f; ++j) {
        double y = 0;
        for (uint16_t i = 0; i < f; ++i) {
          const double c = static_cast<double>(x[i]) - payload_f32(blob, s.means, mean_row + i);
          y += c * payload_f32(blob, s.precisions, matrix + static_cast<size_t>(i) * f + j);
        }
        squares += y * y;
      }
    } else {
      for (uint16_t j = 0; j < f; ++j) {
        const double c = static_cast<double>(x[j]) - payload_f32(blob, s.means, mean_row + j);
        const double p =
            payload_f32(blob, s.precisions, s.covariance == kGmmDiag ? mean_row + j : k);
        squares += (c * p) * (c * p);
      }
    }
    out[k] = payload_f32(blob, kGmmHeaderSize, k) - 0.5 * squares;
  }
}

}  // namespace

Status gmm_open(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(GmmState) <= EMFLOW_MODEL_STATE_BYTES, "GMM state must fit Model::state");
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  if (blob->payload_size < kGmmHeaderSize) return kErrTruncated;
  GmmState s;
  s.covariance = blob_u8(blob->data, blob->space, blob_payload_offset(0));
  for (size_t i = 1; i < kGmmHeaderSize; ++i)
    if (blob_u8(blob->data, blob->space, blob_payload_offset(i)) != 0) return kErrCorrupt;
  if (s.covariance > kGmmSpherical) return kErrCorrupt;
  const size_t k = blob->n_outputs, f = blob->n_features;
  if (k > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  s.means = add_size(kGmmHeaderSize, mul_size(4, k));
  s.precisions = add_size(s.means, mul_size(4, mul_size(k, f)));
  const size_t precisions = precision_floats(s.covariance, k, f);
  const size_t expected = add_size(s.precisions, mul_size(4, precisions));
  if (expected == kSizeOverflow || blob->payload_size < expected) return kErrTruncated;
  if (blob->payload_size > expected) return kErrCorrupt;
  if (!payload_all_finite(blob, kGmmHeaderSize, (expected - kGmmHeaderSize) / 4))
    return kErrCorrupt;
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status gmm_predict(const Model* model, const float* features, float* outputs, int32_t* label) {
  GmmState s;
  memcpy(&s, model->state.other, sizeof s);
  const uint16_t k = model->blob.n_outputs;
  double log_prob[EMFLOW_FAMILY_MAX_OUTPUTS];
  weighted_log_prob(&model->blob, s, features, log_prob);
  if (label) *label = argmax_double(log_prob, k);
  softmax_double(log_prob, k);
  for (uint16_t c = 0; c < k; ++c) outputs[c] = static_cast<float>(log_prob[c]);
  return kOk;
}

Status gmm_score_samples(const Model* model, const float* features, float* score) {
  GmmState s;
  memcpy(&s, model->state.other, sizeof s);
  double log_prob[EMFLOW_FAMILY_MAX_OUTPUTS];
  weighted_log_prob(&model->blob, s, features, log_prob);
  *score = static_cast<float>(logsumexp_double(log_prob, model->blob.n_outputs));
  return kOk;
}

}  // namespace emflow
