#include "mlp.h"

#include <math.h>
#include <string.h>

#include "family_math.h"

namespace emflow {

namespace {

struct MlpState {
  size_t params;  // payload offset of the first weight matrix
  size_t shifts;  // int16 mode: payload offset of weight_shift[L] (activation_q[L] follows)
  uint8_t nLayers;
  uint8_t hidden;
  uint8_t output;
};

// Float payloads have the sizes at offset 4; int16 payloads at 8 (after input_scale).
size_t sizesOffset(const ModelBlob* blob) {
  return (blob->flags & kModelFlagInt16) ? 8 : 4;
}

uint16_t layerSize(const ModelBlob* blob, uint8_t index) {
  return blobU16(blob->data, blob->space, blobPayloadOffset(sizesOffset(blob) + 2 * index));
}

size_t align4(size_t n) {
  const size_t padded = addSize(n, 3);
  return padded == kSizeOverflow ? padded : padded & ~static_cast<size_t>(3);
}

bool zeroBytes(const ModelBlob* blob, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i)
    if (blobU8(blob->data, blob->space, blobPayloadOffset(i)) != 0) return false;
  return true;
}

// tanh(k / 32) in Q14 for k = 0..256 (argument 0..8), round(tanh(k / 32) * 16384); the Python
// reference (python/emflow/mlp.py) computes the same table from math.tanh.
#if defined(__AVR__)
#define EMFLOW_MLP_TABLE_ATTR PROGMEM
#else
#define EMFLOW_MLP_TABLE_ATTR
#endif
// clang-format off
const int16_t kTanhQ14[257] EMFLOW_MLP_TABLE_ATTR = {
    0, 512, 1023, 1532, 2037, 2539, 3036, 3528, 4013, 4490, 4960, 5420,
    5871, 6312, 6743, 7163, 7571, 7968, 8353, 8726, 9087, 9435, 9771, 10095,
    10406, 10706, 10993, 11269, 11533, 11785, 12027, 12258, 12478, 12688, 12888, 13078,
    13260, 13432, 13595, 13751, 13898, 14038, 14171, 14296, 14415, 14528, 14634, 14735,
    14830, 14920, 15005, 15085, 15161, 15232, 15300, 15363, 15423, 15480, 15533, 15584,
    15631, 15676, 15718, 15757, 15795, 15830, 15863, 15894, 15923, 15951, 15977, 16001,
    16024, 16046, 16066, 16085, 16103, 16120, 16136, 16151, 16165, 16178, 16190, 16202,
    16213, 16223, 16233, 16242, 16251, 16259, 16266, 16273, 16280, 16286, 16292, 16298,
    16303, 16308, 16312, 16317, 16321, 16325, 16328, 16332, 16335, 16338, 16341, 16343,
    16346, 16348, 16350, 16352, 16354, 16356, 16358, 16359, 16361, 16362, 16363, 16365,
    16366, 16367, 16368, 16369, 16370, 16371, 16372, 16372, 16373, 16374, 16374, 16375,
    16375, 16376, 16376, 16377, 16377, 16378, 16378, 16378, 16379, 16379, 16379, 16380,
    16380, 16380, 16380, 16381, 16381, 16381, 16381, 16381, 16382, 16382, 16382, 16382,
    16382, 16382, 16382, 16382, 16383, 16383, 16383, 16383, 16383, 16383, 16383, 16383,
    16383, 16383, 16383, 16383, 16383, 16383, 16383, 16383, 16383, 16383, 16384, 16384,
    16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384,
    16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384,
    16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384,
    16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384,
    16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384,
    16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384, 16384,
    16384, 16384, 16384, 16384, 16384,
};
// clang-format on

int16_t tanhEntry(uint16_t k) {
#if defined(__AVR__)
  return static_cast<int16_t>(pgm_read_word(&kTanhQ14[k]));
#else
  return kTanhQ14[k];
#endif
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

namespace {

// The output layer must agree with the kind: a regressor's identity units are its outputs; a
// classifier has one logistic unit for two classes or one softmax unit per class.
Status checkOutputLayer(const ModelBlob* blob, const MlpState& s) {
  const uint16_t units = layerSize(blob, s.nLayers);
  const uint16_t nOutputs = blob->nOutputs;
  if (nOutputs > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  if (blob->kind == kModelMlpRegressor) {
    if (s.output != kMlpOutIdentity || units != nOutputs) return kErrCorrupt;
  } else {
    const bool binary = s.output == kMlpOutLogistic && units == 1 && nOutputs == 2;
    const bool multiclass = s.output == kMlpOutSoftmax && units == nOutputs && nOutputs >= 2;
    if (!binary && !multiclass) return kErrCorrupt;
  }
  return kOk;
}

// Header fields common to both modes; fills n_layers / hidden / output and checks the sizes.
Status openHeader(const ModelBlob* blob, MlpState* s, size_t* sizesEnd) {
  const size_t sizes = sizesOffset(blob);
  if (blob->payloadSize < sizes) return kErrTruncated;
  s->nLayers = blobU8(blob->data, blob->space, blobPayloadOffset(0));
  s->hidden = blobU8(blob->data, blob->space, blobPayloadOffset(1));
  s->output = blobU8(blob->data, blob->space, blobPayloadOffset(2));
  if (blobU8(blob->data, blob->space, blobPayloadOffset(3)) != 0) return kErrCorrupt;
  if (s->nLayers == 0 || s->nLayers > EMFLOW_MLP_MAX_LAYERS) return kErrOutOfRange;
  if (s->hidden > kMlpRelu || s->output > kMlpOutSoftmax) return kErrCorrupt;
  *sizesEnd = sizes + 2 * (static_cast<size_t>(s->nLayers) + 1);
  if (blob->payloadSize < *sizesEnd) return kErrTruncated;
  if (layerSize(blob, 0) != blob->nFeatures) return kErrFeatureCount;
  for (uint8_t l = 0; l < s->nLayers; ++l) {
    const uint16_t out = layerSize(blob, l + 1);
    if (out == 0 || out > EMFLOW_MLP_MAX_WIDTH) return kErrOutOfRange;
  }
  return checkOutputLayer(blob, *s);
}

Status openFloat(const ModelBlob* blob, MlpState* s) {
  size_t sizesEnd = 0;
  Status status = openHeader(blob, s, &sizesEnd);
  if (status != kOk) return status;
  s->params = align4(sizesEnd);
  s->shifts = 0;
  if (blob->payloadSize < s->params) return kErrTruncated;
  if (!zeroBytes(blob, sizesEnd, s->params)) return kErrCorrupt;
  size_t floats = 0;
  for (uint8_t l = 0; l < s->nLayers; ++l) {
    const uint16_t in = layerSize(blob, l), out = layerSize(blob, l + 1);
    floats = addSize(floats, mulSize(addSize(in, 1), out));
  }
  const size_t expected = addSize(s->params, mulSize(4, floats));
  if (expected == kSizeOverflow || blob->payloadSize < expected) return kErrTruncated;
  if (blob->payloadSize > expected) return kErrCorrupt;
  if (!payloadAllFinite(blob, s->params, floats)) return kErrCorrupt;
  return kOk;
}

int8_t payloadI8(const ModelBlob* blob, size_t offset) {
  return static_cast<int8_t>(blobU8(blob->data, blob->space, blobPayloadOffset(offset)));
}

// Q format that a hidden layer's rescaling shift targets: Q12 for the tanh table's argument,
// Q11 for logistic (z in Q11 is z / 2 in Q12, and logistic(z) = (1 + tanh(z / 2)) / 2), the layer's
// own Q for relu/identity.
int8_t targetQ(uint8_t hidden, int8_t activationQ) {
  return hidden == kMlpTanh ? 12 : hidden == kMlpLogistic ? 11 : activationQ;
}

// Layer l's shifts: weight_shift in [-32, 32]; hidden layers' rescaling shift in [-15, 30]
// (what requantize() handles without overflow); tanh/logistic outputs in Q14; the output
// layer's activation_q byte 0.
Status checkShifts(const ModelBlob* blob, const MlpState& s, uint8_t l) {
  const int8_t shift = payloadI8(blob, s.shifts + l);
  const int8_t q = payloadI8(blob, s.shifts + s.nLayers + l);
  const int8_t qIn = l == 0 ? 0 : payloadI8(blob, s.shifts + s.nLayers + l - 1);
  if (shift < -32 || shift > 32 || q < -32 || q > 32) return kErrOutOfRange;
  if (l + 1 == s.nLayers) return q == 0 ? kOk : kErrCorrupt;
  if ((s.hidden == kMlpTanh || s.hidden == kMlpLogistic) && q != 14) return kErrCorrupt;
  const int rescale = shift + qIn - targetQ(s.hidden, q);
  return rescale < -15 || rescale > 30 ? kErrOutOfRange : kOk;
}

// Every unit's accumulator stays within 2^30 for any int16 inputs: 32768 * sum|W_q| + |b_q|.
bool sumsBounded(const ModelBlob* blob, size_t weights, size_t bias, uint16_t nIn, uint16_t nOut) {
  for (uint16_t o = 0; o < nOut; ++o) {
    uint32_t sum = 0;
    for (uint16_t i = 0; i < nIn; ++i) {
      const int16_t w =
          blobI16(blob->data, blob->space,
                  blobPayloadOffset(weights + 2 * (static_cast<size_t>(i) * nOut + o)));
      sum += w < 0 ? static_cast<uint32_t>(-static_cast<int32_t>(w)) : static_cast<uint32_t>(w);
      if (sum > 32768u) return false;
    }
    const int32_t b =
        blobI32(blob->data, blob->space, blobPayloadOffset(bias + 4 * static_cast<size_t>(o)));
    const uint32_t magnitude = b < 0 ? 0u - static_cast<uint32_t>(b) : static_cast<uint32_t>(b);
    if (magnitude > (static_cast<uint32_t>(1) << 30) - sum * 32768u) return false;
  }
  return true;
}

Status openInt16(const ModelBlob* blob, MlpState* s) {
  size_t sizesEnd = 0;
  Status status = openHeader(blob, s, &sizesEnd);
  if (status != kOk) return status;
  const float inputScale = payloadF32(blob, 4, 0);
  if (!blobFinite(inputScale) || !(inputScale > 0)) return kErrCorrupt;
  s->shifts = sizesEnd;
  s->params = align4(sizesEnd + 2 * static_cast<size_t>(s->nLayers));
  if (blob->payloadSize < s->params) return kErrTruncated;
  if (!zeroBytes(blob, sizesEnd + 2 * static_cast<size_t>(s->nLayers), s->params))
    return kErrCorrupt;
  size_t expected = s->params;
  for (uint8_t l = 0; l < s->nLayers; ++l) {
    const uint16_t in = layerSize(blob, l), out = layerSize(blob, l + 1);
    expected = addSize(align4(addSize(expected, mulSize(2 * static_cast<size_t>(in), out))),
                       mulSize(4, out));
  }
  if (expected == kSizeOverflow || blob->payloadSize < expected) return kErrTruncated;
  if (blob->payloadSize > expected) return kErrCorrupt;
  size_t offset = s->params;
  for (uint8_t l = 0; l < s->nLayers; ++l) {
    status = checkShifts(blob, *s, l);
    if (status != kOk) return status;
    const uint16_t in = layerSize(blob, l), out = layerSize(blob, l + 1);
    const size_t weightsEnd = offset + 2 * static_cast<size_t>(in) * out;
    const size_t bias = align4(weightsEnd);
    if (!zeroBytes(blob, weightsEnd, bias)) return kErrCorrupt;
    if (!sumsBounded(blob, offset, bias, in, out)) return kErrOutOfRange;
    offset = bias + 4 * static_cast<size_t>(out);
  }
  return kOk;
}

}  // namespace

Status mlpOpen(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(MlpState) <= EMFLOW_MODEL_STATE_BYTES, "MLP state must fit Model::state");
  MlpState s;
  const Status status = (blob->flags & kModelFlagInt16) ? openInt16(blob, &s) : openFloat(blob, &s);
  if (status != kOk) return status;
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status mlpPredict(const Model* model, const float* features, float* outputs, int32_t* label) {
  const ModelBlob* blob = &model->blob;
  MlpState s;
  memcpy(&s, model->state.other, sizeof s);
  double buffers[2][EMFLOW_MLP_MAX_WIDTH];
  double* out = buffers[0];
  double* in = NULL;  // NULL: read the float features
  size_t offset = s.params;
  for (uint8_t l = 0; l < s.nLayers; ++l) {
    const uint16_t nIn = layerSize(blob, l), nOut = layerSize(blob, l + 1);
    const size_t bias = offset + 4 * static_cast<size_t>(nIn) * nOut;
    for (uint16_t o = 0; o < nOut; ++o) {
      double sum = 0;
      for (uint16_t i = 0; i < nIn; ++i) {
        const double a = in ? in[i] : static_cast<double>(features[i]);
        sum += a * payloadF32(blob, offset, static_cast<size_t>(i) * nOut + o);
      }
      sum += payloadF32(blob, bias, o);
      out[o] = (l + 1 < s.nLayers) ? activate(s.hidden, sum) : sum;
    }
    offset = bias + 4 * static_cast<size_t>(nOut);
    in = out;
    out = (out == buffers[0]) ? buffers[1] : buffers[0];
  }
  double* last = in;
  const uint16_t units = layerSize(blob, s.nLayers);
  int32_t predicted = 0;
  if (s.output == kMlpOutLogistic) {
    const double p = logistic(last[0]);
    outputs[0] = static_cast<float>(1.0 - p);
    outputs[1] = static_cast<float>(p);
    predicted = p > 0.5 ? 1 : 0;
  } else {
    if (s.output == kMlpOutSoftmax) {
      softmaxDouble(last, units);
      predicted = argmaxDouble(last, units);
    }
    for (uint16_t o = 0; o < units; ++o) outputs[o] = static_cast<float>(last[o]);
  }
  if (label) *label = predicted;
  return kOk;
}

int16_t mlpTanhQ14(int16_t t) {
  const bool negative = t < 0;
  uint16_t u =
      negative ? static_cast<uint16_t>(-static_cast<int32_t>(t)) : static_cast<uint16_t>(t);
  if (u > 32767) u = 32767;  // tanh(8) rounds to 1.0 in Q14 anyway
  const uint16_t k = u >> 7, fraction = u & 127;
  const int16_t low = tanhEntry(k);
  // The table rises by at most 512 per step: the product fits 16 bits, cheap on AVR.
  const uint16_t rise = static_cast<uint16_t>(tanhEntry(k + 1) - low);
  const int16_t y = static_cast<int16_t>(low + ((rise * fraction + 64u) >> 7));
  return negative ? static_cast<int16_t>(-y) : y;
}

namespace {

// acc / 2^shift rounded half up (shift > 0) or acc * 2^-shift (shift <= 0), saturated to int16.
// shift is in [-15, 30] and |acc| <= 2^30 (checked by the loader), so nothing overflows. `half`
// = 2^(shift - 1), computed once per layer (a variable 32-bit shift is a loop on AVR).
int16_t requantize(int32_t acc, int8_t shift, int32_t half) {
  int32_t v;
  if (shift > 0) {
    v = (acc + half) >> shift;
  } else {
    if (acc > 32767) return 32767;
    if (acc < -32768) return -32768;
    v = acc * (static_cast<int32_t>(1) << -shift);
  }
  return static_cast<int16_t>(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

#if defined(__AVR__)
// Kept out of line on AVR: inlined into a large caller, its loop variables spill to the stack.
#define EMFLOW_MLP_NOINLINE __attribute__((noinline))
#else
#define EMFLOW_MLP_NOINLINE
#endif

#if defined(__AVR__)
// acc + a * b with the hardware multiplier (Atmel AVR201's signed 16x16 -> 32 multiply-add):
// about 20 cycles instead of a __mulhisi3 call plus a 32-bit add.
inline int32_t multiply_add(int32_t acc, int16_t a, int16_t b) {
  uint8_t zero;
  asm("clr %[zero]\n\t"
      "muls %B[a], %B[b]\n\t"
      "add %C[acc], r0\n\t"
      "adc %D[acc], r1\n\t"
      "mul %A[a], %A[b]\n\t"
      "add %A[acc], r0\n\t"
      "adc %B[acc], r1\n\t"
      "adc %C[acc], %[zero]\n\t"
      "adc %D[acc], %[zero]\n\t"
      "mulsu %B[a], %A[b]\n\t"
      "sbc %D[acc], %[zero]\n\t"
      "add %B[acc], r0\n\t"
      "adc %C[acc], r1\n\t"
      "adc %D[acc], %[zero]\n\t"
      "mulsu %B[b], %A[a]\n\t"
      "sbc %D[acc], %[zero]\n\t"
      "add %B[acc], r0\n\t"
      "adc %C[acc], r1\n\t"
      "adc %D[acc], %[zero]\n\t"
      "clr __zero_reg__"
      : [acc] "+r"(acc), [zero] "=&r"(zero)
      : [a] "a"(a), [b] "a"(b)
      : "r0");
  return acc;
}
#endif

// acc + sum_i W_q[i][o] * in[i], the weights `stride` bytes apart from blob offset `at`. On AVR
// a flash blob is read with one pgm_read_word per weight: the generic accessor costs two calls.
EMFLOW_MLP_NOINLINE int32_t dotColumn(const ModelBlob* blob, size_t at, size_t stride,
                                      const int16_t* in, uint16_t nIn, int32_t acc) {
#if defined(__AVR__)
  if (blob->space == kMemoryFlash) {
    const uint8_t* p = blob->data + at;
    for (uint16_t i = 0; i < nIn; ++i, p += stride)
      acc = multiply_add(acc, static_cast<int16_t>(pgm_read_word(p)), in[i]);
    return acc;
  }
#endif
  for (uint16_t i = 0; i < nIn; ++i, at += stride)
    acc += static_cast<int32_t>(blobI16(blob->data, blob->space, at)) * in[i];
  return acc;
}

// A bias b_q (int32); on AVR from flash one pgm_read_dword.
int32_t biasAt(const ModelBlob* blob, size_t at) {
#if defined(__AVR__)
  if (blob->space == kMemoryFlash) return static_cast<int32_t>(pgm_read_dword(blob->data + at));
#endif
  return blobI32(blob->data, blob->space, at);
}

int16_t activateInt16(uint8_t hidden, int32_t acc, int8_t shift, int32_t half) {
  const int16_t v = requantize(acc, shift, half);
  switch (hidden) {
    case kMlpRelu:
      return v > 0 ? v : 0;
    case kMlpTanh:
      return mlpTanhQ14(v);
    case kMlpLogistic:
      return static_cast<int16_t>((16384 + mlpTanhQ14(v) + 1) >> 1);
    default:
      return v;
  }
}

}  // namespace

Status mlpPredictInt16(const Model* model, const int16_t* features, float* outputs,
                       int32_t* label) {
  const ModelBlob* blob = &model->blob;
  MlpState s;
  memcpy(&s, model->state.other, sizeof s);
  int16_t buffers[2][EMFLOW_MLP_MAX_WIDTH];
  int16_t* out = buffers[0];
  const int16_t* in = features;
  int32_t last[EMFLOW_FAMILY_MAX_OUTPUTS];
  size_t offset = s.params;
  int8_t qIn = 0;
  int8_t exponent = 0;  // the output layer's acc = value * 2^exponent
  for (uint8_t l = 0; l < s.nLayers; ++l) {
    const uint16_t nIn = layerSize(blob, l), nOut = layerSize(blob, l + 1);
    const size_t bias = align4(offset + 2 * static_cast<size_t>(nIn) * nOut);
    const int8_t shift = payloadI8(blob, s.shifts + l);
    const int8_t q = payloadI8(blob, s.shifts + s.nLayers + l);
    const bool hidden = l + 1 < s.nLayers;
    // Hidden layers only: the loader bounds their rescaling shift to [-15, 30], not the output's.
    const int8_t rescale = hidden ? static_cast<int8_t>(shift + qIn - targetQ(s.hidden, q)) : 0;
    const int32_t half = rescale > 0 ? static_cast<int32_t>(1) << (rescale - 1) : 0;
    for (uint16_t o = 0; o < nOut; ++o) {
      int32_t acc = biasAt(blob, blobPayloadOffset(bias + 4 * static_cast<size_t>(o)));
      acc = dotColumn(blob, blobPayloadOffset(offset + 2 * static_cast<size_t>(o)),
                      2 * static_cast<size_t>(nOut), in, nIn, acc);
      if (hidden) {
        out[o] = activateInt16(s.hidden, acc, rescale, half);
      } else {
        last[o] = acc;
      }
    }
    exponent = static_cast<int8_t>(shift + qIn);
    qIn = q;
    offset = bias + 4 * static_cast<size_t>(nOut);
    in = out;
    out = (out == buffers[0]) ? buffers[1] : buffers[0];
  }
  const uint16_t units = layerSize(blob, s.nLayers);
  double values[EMFLOW_FAMILY_MAX_OUTPUTS];
  int32_t predicted = 0;
  for (uint16_t o = 0; o < units; ++o) {
    values[o] = ldexp(static_cast<double>(last[o]), -exponent);
    if (last[o] > last[predicted]) predicted = o;
  }
  if (s.output == kMlpOutLogistic) {
    const double p = logistic(values[0]);
    outputs[0] = static_cast<float>(1.0 - p);
    outputs[1] = static_cast<float>(p);
    predicted = last[0] > 0 ? 1 : 0;
  } else {
    if (s.output == kMlpOutSoftmax) softmaxDouble(values, units);
    for (uint16_t o = 0; o < units; ++o) outputs[o] = static_cast<float>(values[o]);
    if (s.output != kMlpOutSoftmax) predicted = 0;
  }
  if (label) *label = predicted;
  return kOk;
}

}  // namespace emflow
