#include "linear.h"

#include <math.h>
#include <string.h>

#include "family_math.h"

namespace emflow {

namespace {

struct LinearState {
  size_t weights;       // payload offset of W (f32) or W_q (i16)
  size_t intercept;     // payload offset of b
  float inverse_scale;  // int16 mode: 1 / (2^s * input_scale)
  uint16_t rows;
  uint8_t mode;
};

LinearState load_state(const Model* model) {
  LinearState s;
  memcpy(&s, model->state.other, sizeof s);
  return s;
}

void decision_float(const ModelBlob* blob, const LinearState& s, const float* x, double* d) {
  const uint16_t features = blob->n_features;
  for (uint16_t r = 0; r < s.rows; ++r) {
    double sum = 0;
    for (uint16_t j = 0; j < features; ++j)
      sum += static_cast<double>(x[j]) *
             payload_f32(blob, s.weights, static_cast<size_t>(r) * features + j);
    d[r] = sum + payload_f32(blob, s.intercept, r);
  }
}

void decision_int16(const ModelBlob* blob, const LinearState& s, const int16_t* x, double* d) {
  const uint16_t features = blob->n_features;
  for (uint16_t r = 0; r < s.rows; ++r) {
    int64_t acc = 0;
    for (uint16_t j = 0; j < features; ++j) {
      const size_t at =
          blob_payload_offset(s.weights + 2 * (static_cast<size_t>(r) * features + j));
      acc += static_cast<int32_t>(blob_i16(blob->data, blob->space, at)) * x[j];
    }
    d[r] = static_cast<double>(acc) * s.inverse_scale + payload_f32(blob, s.intercept, r);
  }
}

// Turns decision values into outputs and a label, as sklearn's predict / predict_proba.
void finish(const ModelBlob* blob, const LinearState& s, double* d, float* outputs,
            int32_t* label) {
  const uint16_t n_outputs = blob->n_outputs;
  if (blob->kind == kModelLinearRegressor) {
    for (uint16_t r = 0; r < s.rows; ++r) outputs[r] = static_cast<float>(d[r]);
    if (label) *label = 0;
    return;
  }
  const bool binary = s.rows == 1;
  if (label) *label = binary ? (d[0] > 0 ? 1 : 0) : argmax_double(d, s.rows);
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
    for (uint16_t c = 0; c < n_outputs; ++c) p[c] = d[c];
    if (s.mode == kLinearSoftmax) {
      softmax_double(p, n_outputs);
    } else if (s.mode == kLinearOvrLogistic || s.mode == kLinearModifiedHuber) {
      double sum = 0;
      for (uint16_t c = 0; c < n_outputs; ++c) {
        if (s.mode == kLinearOvrLogistic) {
          p[c] = logistic(p[c]);
        } else {
          p[c] = ((p[c] > 1 ? 1 : p[c] < -1 ? -1 : p[c]) + 1.0) / 2.0;
        }
        sum += p[c];
      }
      // sklearn's modified Huber: all-zero rows become uniform instead of 0/0.
      if (sum == 0) {
        for (uint16_t c = 0; c < n_outputs; ++c) p[c] = 1;
        sum = n_outputs;
      }
      for (uint16_t c = 0; c < n_outputs; ++c) p[c] /= sum;
    }
  }
  for (uint16_t c = 0; c < n_outputs; ++c) outputs[c] = static_cast<float>(p[c]);
}

}  // namespace

uint16_t linear_rows(const ModelBlob* blob) {
  if (blob->kind == kModelLinearClassifier && blob->n_outputs == 2) return 1;
  return blob->n_outputs;
}

Status linear_open(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(LinearState) <= EMFLOW_MODEL_STATE_BYTES,
                "linear state must fit Model::state");
  const bool fixed = (blob->flags & kModelFlagInt16) != 0;
  const size_t header = fixed ? 8 : 4;
  if (blob->payload_size < header) return kErrTruncated;
  LinearState s;
  s.mode = blob_u8(blob->data, blob->space, blob_payload_offset(0));
  const int8_t shift =
      static_cast<int8_t>(blob_u8(blob->data, blob->space, blob_payload_offset(1)));
  if (blob_u16(blob->data, blob->space, blob_payload_offset(2)) != 0) return kErrCorrupt;
  if (s.mode > kLinearModifiedHuber) return kErrCorrupt;
  if (blob->kind == kModelLinearRegressor && s.mode != kLinearScores) return kErrCorrupt;
  if (blob->kind == kModelLinearClassifier && blob->n_outputs < 2) return kErrOutOfRange;
  if (blob->n_outputs > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  s.rows = linear_rows(blob);
  const size_t weights = mul_size(s.rows, blob->n_features);
  s.weights = header;
  s.inverse_scale = 1.0f;
  if (fixed) {
    const float input_scale = payload_f32(blob, 4, 0);
    if (!blob_finite(input_scale) || !(input_scale > 0)) return kErrCorrupt;
    if (shift < -30 || shift > 30) return kErrOutOfRange;
    s.inverse_scale = static_cast<float>(1.0 / (ldexp(1.0, shift) * input_scale));
    if (!blob_finite(s.inverse_scale) || s.inverse_scale == 0) return kErrOutOfRange;
    const size_t end = add_size(s.weights, mul_size(2, weights));
    s.intercept = end == kSizeOverflow ? end : (end + 3) & ~static_cast<size_t>(3);
  } else {
    if (shift != 0) return kErrCorrupt;
    s.intercept = add_size(s.weights, mul_size(4, weights));
  }
  const size_t expected = add_size(s.intercept, mul_size(4, s.rows));
  if (expected == kSizeOverflow || blob->payload_size < expected) return kErrTruncated;
  if (blob->payload_size > expected) return kErrCorrupt;
  if (fixed) {
    for (size_t i = s.weights + 2 * weights; i < s.intercept; ++i)
      if (blob_u8(blob->data, blob->space, blob_payload_offset(i)) != 0) return kErrCorrupt;
  } else if (!payload_all_finite(blob, s.weights, weights)) {
    return kErrCorrupt;
  }
  if (!payload_all_finite(blob, s.intercept, s.rows)) return kErrCorrupt;
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status linear_scores(const Model* model, const float* features, float* scores) {
  const LinearState s = load_state(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decision_float(&model->blob, s, features, d);
  for (uint16_t r = 0; r < s.rows; ++r) scores[r] = static_cast<float>(d[r]);
  return kOk;
}

Status linear_scores_int16(const Model* model, const int16_t* features, float* scores) {
  const LinearState s = load_state(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decision_int16(&model->blob, s, features, d);
  for (uint16_t r = 0; r < s.rows; ++r) scores[r] = static_cast<float>(d[r]);
  return kOk;
}

Status linear_predict(const Model* model, const float* features, float* outputs, int32_t* label) {
  const LinearState s = load_state(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decision_float(&model->blob, s, features, d);
  finish(&model->blob, s, d, outputs, label);
  return kOk;
}

Status linear_predict_int16(const Model* model, const int16_t* features, float* outputs,
                            int32_t* label) {
  const LinearState s = load_state(model);
  double d[EMFLOW_FAMILY_MAX_OUTPUTS];
  decision_int16(&model->blob, s, features, d);
  finish(&model->blob, s, d, outputs, label);
  return kOk;
}

}  // namespace emflow
