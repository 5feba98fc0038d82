#include "fft.h"

#include <stddef.h>

#if defined(__AVR__)
#include <avr/pgmspace.h>
#define EMFLOW_FFT_TABLE_SPACE PROGMEM
#else
#define EMFLOW_FFT_TABLE_SPACE
#endif

#include "fft_twiddles.h"

#if EMFLOW_FFT_MAX_SIZE < 4 || (EMFLOW_FFT_MAX_SIZE & (EMFLOW_FFT_MAX_SIZE - 1)) != 0
#error "EMFLOW_FFT_MAX_SIZE must be a power of two from 4 to 4096"
#endif

namespace emflow {
namespace dsp {

bool fftSizeSupported(uint16_t n) {
  return n >= 2 && n <= EMFLOW_FFT_MAX_SIZE && (n & (n - 1)) == 0;
}

static float tableEntry(size_t index) {
#if defined(__AVR__)
  return pgm_read_float(&kFftQuarterCos[index]);
#else
  return kFftQuarterCos[index];
#endif
}

// cos(2 pi j / n) for 0 <= j <= n/4 (n a power of two >= 4, <= EMFLOW_FFT_MAX_SIZE). The table
// stores each angle once, at its reduced fraction j/n (j odd): level n starts at n/8 + 1.
static float quarterCos(size_t j, size_t n) {
  if (j == 0) return tableEntry(0);
  while ((j & 1) == 0) {
    j >>= 1;
    n >>= 1;
  }
  return tableEntry(n / 8 + 1 + (j - 1) / 2);
}

// W = exp(-2 pi i k / n) for 0 <= k < n/2 from the quarter-wave cosines, by symmetry:
// sin x = cos(pi/2 - x), cos x = -cos(pi - x).
static void twiddle(size_t k, size_t n, float* re, float* im) {
  if (n < 4) {  // n = 2: only k = 0; the same angle as 0/4
    k *= 2;
    n *= 2;
  }
  const size_t quarter = n / 4;
  if (k <= quarter) {
    *re = quarterCos(k, n);
    *im = -quarterCos(quarter - k, n);
  } else {
    *re = -quarterCos(2 * quarter - k, n);
    *im = -quarterCos(k - quarter, n);
  }
}

Status fftTwiddle(uint16_t k, uint16_t n, float* re, float* im) {
  if (!re || !im) return kErrBufferTooSmall;
  if (!fftSizeSupported(n) || k >= n / 2) return kErrOutOfRange;
  twiddle(k, n, re, im);
  return kOk;
}

static void swapPairs(float* data, size_t a, size_t b) {
  float re = data[2 * a], im = data[2 * a + 1];
  data[2 * a] = data[2 * b];
  data[2 * a + 1] = data[2 * b + 1];
  data[2 * b] = re;
  data[2 * b + 1] = im;
}

// Reorders the n complex values so that the iterative butterflies below read them in order.
static void bitReversePermute(float* data, size_t n) {
  size_t j = 0;
  for (size_t i = 1; i < n; ++i) {
    size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j |= bit;
    if (i < j) swapPairs(data, i, j);
  }
}

Status complexFft(float* data, uint16_t n) {
  if (!data) return kErrBufferTooSmall;
  if (n == 1) return kOk;  // a single value is its own transform
  if (!fftSizeSupported(n)) return kErrOutOfRange;
  bitReversePermute(data, n);
  for (size_t len = 2; len <= n; len <<= 1) {
    const size_t half = len >> 1;
    for (size_t j = 0; j < half; ++j) {
      float wr, wi;
      twiddle(j, len, &wr, &wi);
      for (size_t start = 0; start < n; start += len) {
        float* a = data + 2 * (start + j);
        float* b = data + 2 * (start + j + half);
        const float tr = b[0] * wr - b[1] * wi;
        const float ti = b[0] * wi + b[1] * wr;
        b[0] = a[0] - tr;
        b[1] = a[1] - ti;
        a[0] += tr;
        a[1] += ti;
      }
    }
  }
  return kOk;
}

// The n real samples are transformed as n/2 complex values z[m] = x[2m] + i x[2m+1]; the
// spectrum of x is then recovered from Z[k] and Z[n/2-k] (the standard "split" step):
//   E = (Z[k] + conj Z[M-k]) / 2,  O = -i (Z[k] - conj Z[M-k]) / 2,  W = exp(-2 pi i k / n)
//   X[k] = E + W O,  X[M-k] = conj(E - W O).
Status rfft(float* data, uint16_t n) {
  if (!data) return kErrBufferTooSmall;
  if (!fftSizeSupported(n)) return kErrOutOfRange;
  const size_t m = n / 2;
  Status status = complexFft(data, static_cast<uint16_t>(m));
  if (status != kOk) return status;
  const float z0r = data[0], z0i = data[1];
  data[0] = z0r + z0i;  // X[0]
  data[1] = z0r - z0i;  // X[n/2], stored in the DC bin's imaginary slot
  for (size_t k = 1; k <= m / 2; ++k) {
    float* zk = data + 2 * k;
    float* zmk = data + 2 * (m - k);
    const float er = 0.5f * (zk[0] + zmk[0]);
    const float ei = 0.5f * (zk[1] - zmk[1]);
    const float oddRe = 0.5f * (zk[1] + zmk[1]);
    const float oi = -0.5f * (zk[0] - zmk[0]);
    float wr, wi;
    twiddle(k, n, &wr, &wi);
    const float tr = wr * oddRe - wi * oi;
    const float ti = wr * oi + wi * oddRe;
    zk[0] = er + tr;
    zk[1] = ei + ti;
    if (zmk != zk) {
      zmk[0] = er - tr;
      zmk[1] = -(ei - ti);
    }
  }
  return kOk;
}

Status rfft(const float* input, float* output, uint16_t n) {
  if (!input || !output) return kErrBufferTooSmall;
  if (!fftSizeSupported(n)) return kErrOutOfRange;
  if (input != output)
    for (size_t i = 0; i < n; ++i) output[i] = input[i];
  return rfft(output, n);
}

float rfftBinPower(const float* packed, uint16_t n, uint16_t k) {
  if (k == 0) return packed[0] * packed[0];
  if (k == n / 2) return packed[1] * packed[1];
  if (k > n / 2) return 0.0f;
  const float re = packed[2 * k], im = packed[2 * k + 1];
  return re * re + im * im;
}

}  // namespace dsp
}  // namespace emflow
