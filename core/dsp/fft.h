// Real FFT for power-of-two sizes, in place, no heap: the spectrum step of feature extraction.
//
// Layout of the result (the "packed" real-FFT layout, N floats for N real samples):
//   data[0] = Re X[0]        (DC; its imaginary part is always 0)
//   data[1] = Re X[N/2]      (Nyquist; its imaginary part is always 0)
//   data[2k], data[2k+1] = Re X[k], Im X[k]   for k = 1 .. N/2-1
// X[k] = sum_n x[n] exp(-2 pi i k n / N), the same sign and scale as numpy.fft.rfft.
// Twiddle factors are computed with sinf/cosf once per butterfly group (about N calls per
// transform), so no table has to live in RAM or flash.
#ifndef EMFLOW_DSP_FFT_H
#define EMFLOW_DSP_FFT_H

#include <stdint.h>

#include "runtime/status.h"

#ifndef EMFLOW_FFT_MAX_SIZE
#define EMFLOW_FFT_MAX_SIZE 4096  // largest accepted transform length (a power of two)
#endif

namespace emflow {
namespace dsp {

// True when n is a power of two between 2 and EMFLOW_FFT_MAX_SIZE.
bool fftSizeSupported(uint16_t n);

// Complex FFT of n interleaved (re, im) pairs, in place (2n floats). Forward transform.
Status complexFft(float* data, uint16_t n);

// Real FFT of n samples, in place, into the packed layout above.
Status rfft(float* data, uint16_t n);

// Real FFT of `input` (n samples, left untouched) into `output` (n floats, packed layout).
Status rfft(const float* input, float* output, uint16_t n);

// Power |X[k]|^2 of bin k (0 .. n/2) of a packed spectrum of length n.
float rfftBinPower(const float* packed, uint16_t n, uint16_t k);

}  // namespace dsp
}  // namespace emflow

#endif  // EMFLOW_DSP_FFT_H
