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

size_t precisionFloats(uint8_t covariance, size_t k, size_t f) {
  switch (covariance) {
    case kGmmFull:
      return mulSize(k, mulSize(f, f));
    case kGmmTied:
      return mulSize(f, f);
    case kGmmDiag:
      return mulSize(k, f);
    default:
      return k;
  }
}

void weightedLogProb(const ModelBlob* blob, const GmmState& s, const float* x, double* out) {
  const uint16_t f = blob->nFeatures;
  for (uint16_t k = 0; k < blob->nOutputs; ++k) {
    const size_t meanRow = static_cast<size_t>(k) * f;
    double squares = 0;
    if (s.covariance == kGmmFull || s.covariance == kGmmTied) {
      // y_j = sum_i (x_i - mean_i) P[i][j]. sklearn's P is upper triangular, but nothing here
      // relies on it: a hostile blob cannot make the result depend on unread values.
      const size_t matrix = s.covariance == kGmmFull ? static_cast<size_t>(k) * f * f : 0;
      for (uint16_t j = 0; j < f; ++j) {
        double y = 0;
        for (uint16_t i = 0; i < f; ++i) {
          const double c = static_cast<double>(x[i]) - payloadF32(blob, s.means, meanRow + i);
          y += c * payloadF32(blob, s.precisions, matrix + static_cast<size_t>(i) * f + j);
        }
        squares += y * y;
      }
    } else {
      for (uint16_t j = 0; j < f; ++j) {
        const double c = static_cast<double>(x[j]) - payloadF32(blob, s.means, meanRow + j);
        const double p = payloadF32(blob, s.precisions, s.covariance == kGmmDiag ? meanRow + j : k);
        squares += (c * p) * (c * p);
      }
    }
    out[k] = payloadF32(blob, kGmmHeaderSize, k) - 0.5 * squares;
  }
}

}  // namespace

Status gmmOpen(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(GmmState) <= EMFLOW_MODEL_STATE_BYTES, "GMM state must fit Model::state");
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  if (blob->payloadSize < kGmmHeaderSize) return kErrTruncated;
  GmmState s;
  s.covariance = blobU8(blob->data, blob->space, blobPayloadOffset(0));
  for (size_t i = 1; i < kGmmHeaderSize; ++i)
    if (blobU8(blob->data, blob->space, blobPayloadOffset(i)) != 0) return kErrCorrupt;
  if (s.covariance > kGmmSpherical) return kErrCorrupt;
  const size_t k = blob->nOutputs, f = blob->nFeatures;
  if (k > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  s.means = addSize(kGmmHeaderSize, mulSize(4, k));
  s.precisions = addSize(s.means, mulSize(4, mulSize(k, f)));
  const size_t precisions = precisionFloats(s.covariance, k, f);
  const size_t expected = addSize(s.precisions, mulSize(4, precisions));
  if (expected == kSizeOverflow || blob->payloadSize < expected) return kErrTruncated;
  if (blob->payloadSize > expected) return kErrCorrupt;
  if (!payloadAllFinite(blob, kGmmHeaderSize, (expected - kGmmHeaderSize) / 4)) return kErrCorrupt;
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status gmmPredict(const Model* model, const float* features, float* outputs, int32_t* label) {
  GmmState s;
  memcpy(&s, model->state.other, sizeof s);
  const uint16_t k = model->blob.nOutputs;
  double logProb[EMFLOW_FAMILY_MAX_OUTPUTS];
  weightedLogProb(&model->blob, s, features, logProb);
  if (label) *label = argmaxDouble(logProb, k);
  softmaxDouble(logProb, k);
  for (uint16_t c = 0; c < k; ++c) outputs[c] = static_cast<float>(logProb[c]);
  return kOk;
}

Status gmmScoreSamples(const Model* model, const float* features, float* score) {
  GmmState s;
  memcpy(&s, model->state.other, sizeof s);
  double logProb[EMFLOW_FAMILY_MAX_OUTPUTS];
  weightedLogProb(&model->blob, s, features, logProb);
  *score = static_cast<float>(logsumexpDouble(logProb, model->blob.nOutputs));
  return kOk;
}

}  // namespace emflow
