#include "linear.h"

#include <math.h>
#include <string.h>

#include "family_math.h"

namespace emflow {

namespace {

struct LinearState {
  size_t weights;      // payload offset of W (f32) or W_q (i16)
  size_t intercept;    // payload offset of b
  float inverseScale;  // int16 mode: 1 / (2^s * input_scale)
  uint16_t rows;
  uint8_t mode;
};

LinearState loadState(const Model* model) {
  LinearState s;
  memcpy(&s, model->state.other, sizeof s);
  return s;
}

void decisionFloat(const ModelBlob* blob, const LinearState& s, const float* x, double* d) {
  const uint16_t features = blob->nFeatures;
  for (uint16_t r = 0; r < s.rows; ++r) {
    double sum = 0;
    for (uint16_t j = 0; j < features; ++j)
      sum += static_cast<double>(x[j]) *
             payloadF32(blob, s.weights, static_cast<size_t>(r) * features + j);
    d[r] = sum + payloadF32(blob, s.intercept, r);
  }
}

void decisionInt16(const ModelBlob* blob, const LinearState& s, const int16_t* x, double* d) {
  const uint16_t features = blob->nFeatures;
  for (uint16_t r = 0; r < s.rows; ++r) {
    int64_t acc = 0;
    for (uint16_t j = 0; j < features; ++j) {
      const size_t at = blobPayloadOffset(s.weights + 2 * (static_cast<size_t>(r) * features + j));
      acc += static_cast<int32_t>(blobI16(blob->data, blob->space, at)) * x[j];
    }
    d[r] = static_cast<double>(acc) * s.inverseScale + payloadF32(blob, s.intercept, r);
  }
}

// Turns decision values into outputs and a label, as sklearn's predict / predict_proba.
void finish(const ModelBlob* blob, const LinearState& s, double* d, float* outputs,
            int32_t* label) {
  const uint16_t nOutputs = blob->nOutputs;
  if (blob->kind == kModelLinearRegressor) {
    for (uint16_t r = 0; r < s.rows; ++r) outputs[r] = static_cast<float>(d[r]);
    if (label) *label = 0;
    return;
  }
  const bool binary = s.rows == 1;
  if (label) *label = binary ? (d[0] > 0 ? 1 : 0) : argmaxDouble(d, s.rows);
  double p[EMFLOW_FAMILY_MAX_OUTPUTS];
  if (binary) {
    switch (s.mode) {
      case kLinearOvrLogistic:
        p[1] = logistic(d[0]);
        break;
      case kLinearSoftmax:
        p[1] = logistic(2 * d[0]);  // softmax([-d, d])[1]
        break;
      case kLinearModifiedHuber:
        p[1] = ((d[0] > 1 ? 1 : d[0] < -1 ? -1 : d[0]) + 1.0) / 2.0;
        break;
      default:
        p[1] = d[0];
        break;
    }
    p[0] = s.mode == kLinearScores ? -d[0] : 1.0 - p[1];
  } else {
    for (uint16_t c = 0; c < nOutputs; ++c) p[c] = d[c];
    if (s.mode == kLinearSoftmax) {
      softmaxDouble(p, nOutputs);
    } else if (s.mode == kLinearOvrLogistic || s.mode == kLinearModifiedHuber) {
      double sum = 0;
      for (uint16_t c = 0; c < nOutputs; ++c) {
        if (s.mode == kLinearOvrLogistic) {
          p[c] = logistic(p[c]);
        } else {
          p[c] = ((p[c] > 1 ? 1 : p[c] < -1 ? -1 : p[c]) + 1.0) / 2.0;
        }
        sum += p[c];
      }
      // sklearn's modified Huber: all-zero rows become uniform instead of 0/0.
      if (sum == 0) {
        for (uint16_t c = 0; c < nOutputs; ++c) p[c] = 1;
        sum = nOutputs;
      }
      for (uint16_t c = 0; c < nOutputs; ++c) p[c] /= sum;
    }
  }
  for (uint16_t c = 0; c < nOutputs; ++c) outputs[c] = static_cast<float>(p[c]);
}

}  // namespace

uint16_t linearRows(const ModelBlob* blob) {
  if (blob->kind == kModelLinearClassifier && blob->nOutputs == 2) return 1;
  return blob->nOutputs;
}

Status linearOpen(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(LinearState) <= EMFLOW_MODEL_STATE_BYTES,
                "linear state must fit Model::state");
  const bool fixed = (blob->flags & kModelFlagInt16) != 0;
  const size_t header = fixed ? 8 : 4;
  if (blob->payloadSize < header) return kErrTruncated;
  LinearState s;
  s.mode = blobU8(blob->data, blob->space, blobPayloadOffset(0));
  const int8_t shift = static_cast<int8_t>(blobU8(blob->data, blob->space, blobPayloadOffset(1)));
  if (blobU16(blob->data, blob->space, blobPayloadOffset(2)) != 0) return kErrCorrupt;
  if (s.mode > kLinearModifiedHuber) return kErrCorrupt;
  if (blob->kind == kModelLinearRegressor && s.mode != kLinearScores) return kErrCorrupt;
  if (blob->kind == kModelLinearClassifier && blob->nOutputs < 2) return kErrOutOfRange;
  if (blob->nOutputs > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  s.rows = linearRows(blob);
  const size_t weights = mulSize(s.rows, blob->nFeatures);
  s.weights = header;
  s.inverseScale = 1.0f;
  if (fixed) {
    const float inputScale = payloadF32(blob, 4, 0);
    if (!blobFinite(inputScale) || !(inputScale > 0)) return kErrCorrupt;
    if (shift < -30 || shift > 30) return kErrOutOfRange;
    s.inverseScale = static_cast<float>(1.0 / (ldexp(1.0, shift) * inputScale));
    if (!blobFinite(s.inverseScale) || s.inverseScale == 0) return kErrOutOfRange;
    const size_t end = addSize(s.weights, mulSize(2, weights));
    s.intercept = end == kSizeOverflow ? end : (end + 3) & ~static_cast<size_t>(3);
  } else {
    if (shift != 0) return kErrCorrupt;
    s.intercept = addSize(s.weights, mulSize(4, weights));
  }
  const size_t expected = addSize(s.intercept, mulSize(4, s.rows));
  if (expected == kSizeOverflow || blob->payloadSize < expected) return kErrTruncated;
  if (blob->payloadSize > expected) return kErrCorrupt;
  if (fixed) {
    for (size_t i = s.weights + 2 * weights; i < s.intercept; ++i)
      if (blobU8(blob->data, blob->space, blobPayloadOffset(i)) != 0) return kErrCorrupt;
  } else if (!payloadAllFinite(blob, s.weights, weights)) {
    return kErrCorrupt;
  }
  if (!payloadAllFinite(blob, s.intercept, s.rows)) return kErrCorrupt;
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status linearScores(const Model* model, const float* features, float* scores) {
  const LinearState s = loadState(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decisionFloat(&model->blob, s, features, d);
  for (uint16_t r = 0; r < s.rows; ++r) scores[r] = static_cast<float>(d[r]);
  return kOk;
}

Status linearScoresInt16(const Model* model, const int16_t* features, float* scores) {
  const LinearState s = loadState(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decisionInt16(&model->blob, s, features, d);
  for (uint16_t r = 0; r < s.rows; ++r) scores[r] = static_cast<float>(d[r]);
  return kOk;
}

Status linearPredict(const Model* model, const float* features, float* outputs, int32_t* label) {
  const LinearState s = loadState(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decisionFloat(&model->blob, s, features, d);
  finish(&model->blob, s, d, outputs, label);
  return kOk;
}

Status linearPredictInt16(const Model* model, const int16_t* features, float* outputs,
                          int32_t* label) {
  const LinearState s = loadState(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decisionInt16(&model->blob, s, features, d);
  finish(&model->blob, s, d, outputs, label);
  return kOk;
}

}  // namespace emflow
