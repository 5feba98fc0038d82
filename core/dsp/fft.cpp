#include "fft.h"

#include <math.h>
#include <stddef.h>

namespace emflow {
namespace dsp {

static const float kTwoPi = 6.28318530717958647692f;

bool fftSizeSupported(uint16_t n) {
  return n >= 2 && n <= EMFLOW_FFT_MAX_SIZE && (n & (n - 1)) == 0;
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
    const float step = -kTwoPi / static_cast<float>(len);
    for (size_t j = 0; j < half; ++j) {
      const float wr = cosf(step * static_cast<float>(j));
      const float wi = sinf(step * static_cast<float>(j));
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
    const float or_ = 0.5f * (zk[1] + zmk[1]);
    const float oi = -0.5f * (zk[0] - zmk[0]);
    const float angle = -kTwoPi * static_cast<float>(k) / static_cast<float>(n);
    const float wr = cosf(angle), wi = sinf(angle);
    const float tr = wr * or_ - wi * oi;
    const float ti = wr * oi + wi * or_;
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
