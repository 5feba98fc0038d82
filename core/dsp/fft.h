// Real FFT for power-of-two sizes, in place, no heap: the spectrum step of feature extraction.
//
// Layout of the result (the "packed" real-FFT layout, N floats for N real samples):
//   data[0] = Re X[0]        (DC; its imaginary part is always 0)
//   data[1] = Re X[N/2]      (Nyquist; its imaginary part is always 0)
//   data[2k], data[2k+1] = Re X[k], Im X[k]   for k = 1 .. N/2-1
// X[k] = sum_n x[n] exp(-2 pi i k n / N), the same sign and scale as numpy.fft.rfft.
// Twiddle factors come from a constant table of correctly rounded float32 cosines
// (fft_twiddles.h, written by make_fft_twiddles.py; in flash on AVR), not from sinf/cosf, whose
// last bit differs between libm implementations: every target computes the same bits. The
// table holds EMFLOW_FFT_MAX_SIZE / 4 + 1 floats; larger sizes are refused (kErrOutOfRange).
#ifndef EMFLOW_DSP_FFT_H
#define EMFLOW_DSP_FFT_H

#include <stdint.h>

#include "runtime/status.h"

// Largest accepted transform length: a power of two from 4 to 4096 (the table's limit). AVR
// builds default to 256 (a 260-byte table in flash); exported sketches set it to the largest
// window their graph transforms.
#ifndef EMFLOW_FFT_MAX_SIZE
#if defined(__AVR__)
#define EMFLOW_FFT_MAX_SIZE 256
#else
#define EMFLOW_FFT_MAX_SIZE 4096
#endif
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

// The twiddle factor W = exp(-2 pi i k / n) (0 <= k < n/2, n a supported size) from the table:
// *re = cos(2 pi k / n), *im = -sin(2 pi k / n). kErrOutOfRange for other k or n.
Status fftTwiddle(uint16_t k, uint16_t n, float* re, float* im);

// Power |X[k]|^2 of bin k (0 .. n/2) of a packed spectrum of length n.
float rfftBinPower(const float* packed, uint16_t n, uint16_t k);

}  // namespace dsp
}  // namespace emflow

#endif  // EMFLOW_DSP_FFT_H
