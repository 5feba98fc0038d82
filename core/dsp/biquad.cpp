#include "biquad.h"

namespace emflow {
namespace dsp {

static bool isFinite(float v) {
  return v == v && v - v == 0.0f;  // NaN fails the first test, +-inf the second
}

Status biquadInit(BiquadCascade* cascade, BiquadSection* sections, uint8_t count,
                  const float* sos) {
  if (!cascade || !sections || !sos) return kErrBufferTooSmall;
  if (count == 0) return kErrOutOfRange;
  for (uint8_t s = 0; s < count; ++s) {
    const float* row = sos + 6 * s;
    for (uint8_t i = 0; i < 6; ++i)
      if (!isFinite(row[i])) return kErrOutOfRange;
    if (row[3] == 0.0f) return kErrOutOfRange;
  }
  for (uint8_t s = 0; s < count; ++s) {
    const float* row = sos + 6 * s;
    const float a0 = row[3];
    BiquadSection& section = sections[s];
    section.b0 = row[0] / a0;
    section.b1 = row[1] / a0;
    section.b2 = row[2] / a0;
    section.a1 = row[4] / a0;
    section.a2 = row[5] / a0;
  }
  cascade->sections = sections;
  cascade->count = count;
  biquadReset(cascade);
  return kOk;
}

void biquadReset(BiquadCascade* cascade) {
  for (uint8_t s = 0; s < cascade->count; ++s) {
    cascade->sections[s].z1 = 0.0f;
    cascade->sections[s].z2 = 0.0f;
  }
}

float biquadStep(BiquadCascade* cascade, float x) {
  for (uint8_t s = 0; s < cascade->count; ++s) {
    BiquadSection& q = cascade->sections[s];
    const float y = q.b0 * x + q.z1;
    q.z1 = q.b1 * x - q.a1 * y + q.z2;
    q.z2 = q.b2 * x - q.a2 * y;
    x = y;
  }
  return x;
}

void biquadProcess(BiquadCascade* cascade, const float* input, float* output, uint16_t length) {
  for (uint16_t i = 0; i < length; ++i) output[i] = biquadStep(cascade, input[i]);
}

}  // namespace dsp
}  // namespace emflow
