// IIR filter as a cascade of second-order sections (biquads), in scipy's `sosfilt` layout:
// each section is six coefficients b0 b1 b2 a0 a1 a2 (as from
// scipy.signal.butter(..., output='sos')), run in direct form II transposed with two state
// values per section. Coefficients are divided by a0 when loaded, so a0 need not be 1 (scipy
// insists on 1; a0 = 0 is rejected here). The caller owns the sections array.
#ifndef EMFLOW_DSP_BIQUAD_H
#define EMFLOW_DSP_BIQUAD_H

#include <stdint.h>

#include "runtime/status.h"

namespace emflow {
namespace dsp {

struct BiquadSection {
  float b0, b1, b2, a1, a2;  // normalised so that a0 == 1
  float z1, z2;              // direct form II transposed state
};

struct BiquadCascade {
  BiquadSection* sections;  // caller-owned, `count` entries
  uint8_t count;
};

// Loads `count` sections from `sos` (count rows of 6 floats) into `sections` and clears the
// state (scipy's default zero initial conditions). Rejects non-finite coefficients and a0 == 0
// with kErrOutOfRange; a zero count is rejected too (an empty filter is almost always a bug).
Status biquadInit(BiquadCascade* cascade, BiquadSection* sections, uint8_t count, const float* sos);

// Sets every section's state to zero.
void biquadReset(BiquadCascade* cascade);

// Filters one sample through every section.
float biquadStep(BiquadCascade* cascade, float x);

// Filters `length` samples from `input` into `output` (may be the same buffer); the state
// carries over between calls, so a long signal can be filtered block by block.
void biquadProcess(BiquadCascade* cascade, const float* input, float* output, uint16_t length);

}  // namespace dsp
}  // namespace emflow

#endif  // EMFLOW_DSP_BIQUAD_H
