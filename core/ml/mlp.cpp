#include "mlp.h"

#include <math.h>
#include <string.h>

#include "family_math.h"

namespace emflow {

namespace {

struct MlpState {
  size_t params;  // payload offset of the first weight matrix
  uint8_t n_layers;
  uint8_t hidden;
  uint8_t output;
};

uint16_t layer_size(const ModelBlob* blob, uint8_t index) {
  return blob_u16(blob->data, blob->space, blob_payload_offset(4 + 2 * index));
}

double activate(uint8_t activation, double v) {
  switch (activation) {
    case kMlpLogistic:
      return logistic(v);
    case kMlpTanh:
      return tanh(v);
    case kMlpRelu:
      return v > 0 ? v : 0;
    default:
      return v;
  }
}

}  // namespace

Status mlp_open(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(MlpState) <= EMFLOW_MODEL_STATE_BYTES, "MLP state must fit Model::state");
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  if (blob->payload_size < 4) return kErrTruncated;
  MlpState s;
  s.n_layers = blob_u8(blob->data, blob->space, blob_payload_offset(0));
  s.hidden = blob_u8(blob->data, blob->space, blob_payload_offset(1));
  s.output = blob_u8(blob->data, blob->space, blob_payload_offset(2));
  if (blob_u8(blob->data, blob->space, blob_payload_offset(3)) != 0) return kErrCorrupt;
  if (s.n_layers == 0 || s.n_layers > EMFLOW_MLP_MAX_LAYERS) return kErrOutOfRange;
  if (s.hidden > kMlpRelu || s.output > kMlpOutSoftmax) return kErrCorrupt;
  const size_t sizes_end = 4 + 2 * (static_cast<size_t>(s.n_layers) + 1);
  s.params = (sizes_end + 3) & ~static_cast<size_t>(3);
  if (blob->payload_size < s.params) return kErrTruncated;
  for (size_t i = sizes_end; i < s.params; ++i)
    if (blob_u8(blob->data, blob->space, blob_payload_offset(i)) != 0) return kErrCorrupt;
  if (layer_size(blob, 0) != blob->n_features) return kErrFeatureCount;
  size_t floats = 0;
  for (uint8_t l = 0; l < s.n_layers; ++l) {
    const uint16_t in = layer_size(blob, l), out = layer_size(blob, l + 1);
    if (out == 0 || out > EMFLOW_MLP_MAX_WIDTH) return kErrOutOfRange;
    floats = add_size(floats, mul_size(add_size(in, 1), out));
  }
  const size_t expected = add_size(s.params, mul_size(4, floats));
  if (expected == kSizeOverflow || blob->payload_size < expected) return kErrTruncated;
  if (blob->payload_size > expected) return kErrCorrupt;
  if (!payload_all_finite(blob, s.params, floats)) return kErrCorrupt;
  // The output layer must agree with the kind: a regressor's identity units are its outputs; a
  // classifier has one logistic unit for two classes or one softmax unit per class.
  const uint16_t units = layer_size(blob, s.n_layers);
  const uint16_t n_outputs = blob->n_outputs;
  if (n_outputs > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  if (blob->kind == kKindMlpRegressor) {
    if (s.output != kMlpOutIdentity || units != n_outputs) return kErrCorrupt;
  } else {
    const bool binary = s.output == kMlpOutLogistic && units == 1 && n_outputs == 2;
    const bool multiclass = s.output == kMlpOutSoftmax && units == n_outputs && n_outputs >= 2;
    if (!binary && !multiclass) return kErrCorrupt;
  }
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status mlp_predict(const Model* model, const float* features, float* outputs, int32_t* label) {
  const ModelBlob* blob = &model->blob;
  MlpState s;
  memcpy(&s, model->state.other, sizeof s);
  double buffers[2][EMFLOW_MLP_MAX_WIDTH];
  double* out = buffers[0];
  double* in = NULL;  // NULL: read the float features
  size_t offset = s.params;
  for (uint8_t l = 0; l < s.n_layers; ++l) {
    const uint16_t n_in = layer_size(blob, l), n_out = layer_size(blob, l + 1);
    const size_t bias = offset + 4 * static_cast<size_t>(n_in) * n_out;
    for (uint16_t o = 0; o < n_out; ++o) {
      double sum = 0;
      for (uint16_t i = 0; i < n_in; ++i) {
        const double a = in ? in[i] : static_cast<double>(features[i]);
        sum += a * payload_f32(blob, offset, static_cast<size_t>(i) * n_out + o);
      }
      sum += payload_f32(blob, bias, o);
      out[o] = (l + 1 < s.n_layers) ? activate(s.hidden, sum) : sum;
    }
    offset = bias + 4 * static_cast<size_t>(n_out);
    in = out;
    out = (out == buffers[0]) ? buffers[1] : buffers[0];
  }
  double* last = in;
  const uint16_t units = layer_size(blob, s.n_layers);
  int32_t predicted = 0;
  if (s.output == kMlpOutLogistic) {
    const double p = logistic(last[0]);
    outputs[0] = static_cast<float>(1.0 - p);
    outputs[1] = static_cast<float>(p);
    predicted = p > 0.5 ? 1 : 0;
  } else {
    if (s.output == kMlpOutSoftmax) {
      softmax_double(last, units);
      predicted = argmax_double(last, units);
    }
    for (uint16_t o = 0; o < units; ++o) outputs[o] = static_cast<float>(last[o]);
  }
  if (label) *label = predicted;
  return kOk;
}

}  // namespace emflow
