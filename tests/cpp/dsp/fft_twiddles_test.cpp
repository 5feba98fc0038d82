// The FFT's twiddle table (core/dsp/fft_twiddles.h) recomputed independently: every factor of
// every supported size must be cos/sin of its angle rounded once to float32. The angle is
// first reduced to [0, pi/4] (where long double cos/sin are accurate to far below a float's
// ulp), so the comparison is exact. The Python side (tests/python/test_dsp_twiddles.py) checks
// that the header is what core/dsp/make_fft_twiddles.py writes.
#include <gtest/gtest.h>
#include <math.h>

#include <cstring>

#include "dsp/fft.h"

namespace emflow::dsp {
namespace {

uint32_t bitsOf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// cos(2 pi j / n) for 0 <= j <= n/4, correctly rounded to float32.
float referenceQuarterCos(long j, long n) {
  const long double pi = 3.141592653589793238462643383279502884L;
  if (8 * j <= n) return static_cast<float>(cosl(2 * pi * j / n));
  return static_cast<float>(sinl(2 * pi * (n / 4 - j) / n));  // cos x = sin(pi/2 - x)
}

// cos and sin of 2 pi k / n for 0 <= k < n/2, from the quarter wave by symmetry.
void referenceTwiddle(long k, long n, float* re, float* im) {
  const long q = n / 4;
  if (n == 2) {
    *re = 1.0f;
    *im = -0.0f;
  } else if (k <= q) {
    *re = referenceQuarterCos(k, n);
    *im = -referenceQuarterCos(q - k, n);
  } else {
    *re = -referenceQuarterCos(n / 2 - k, n);
    *im = -referenceQuarterCos(k - q, n);
  }
}

TEST(FftTwiddles, EveryFactorIsTheCorrectlyRoundedCosineAndSine) {
  int checked = 0;
  for (long n = 2; n <= EMFLOW_FFT_MAX_SIZE; n *= 2) {
    for (long k = 0; k < n / 2; ++k) {
      float re = 0, im = 0, wantRe = 0, wantIm = 0;
      ASSERT_EQ(fftTwiddle(static_cast<uint16_t>(k), static_cast<uint16_t>(n), &re, &im), kOk);
      referenceTwiddle(k, n, &wantRe, &wantIm);
      ASSERT_EQ(bitsOf(re), bitsOf(wantRe)) << "cos of 2 pi " << k << "/" << n;
      ASSERT_EQ(bitsOf(im), bitsOf(wantIm)) << "-sin of 2 pi " << k << "/" << n;
      ++checked;
    }
  }
  EXPECT_EQ(checked, EMFLOW_FFT_MAX_SIZE - 1);  // n/2 factors for each n = 2, 4, ..., max
}

TEST(FftTwiddles, KnownBitPatterns) {
  float re = 0, im = 0;
  ASSERT_EQ(fftTwiddle(1, 8, &re, &im), kOk);  // exp(-i pi/4): the value libms disagree on
  EXPECT_EQ(bitsOf(re), 0x3f3504f3u);
  EXPECT_EQ(bitsOf(im), 0xbf3504f3u);
  ASSERT_EQ(fftTwiddle(1, 4, &re, &im), kOk);  // exp(-i pi/2) = -i exactly
  EXPECT_EQ(re, 0.0f);
  EXPECT_EQ(im, -1.0f);
}

TEST(FftTwiddles, RefusesAnglesAndSizesOutsideTheTable) {
  float re = 0, im = 0;
  EXPECT_EQ(fftTwiddle(4, 8, &re, &im), kErrOutOfRange);  // k must be < n/2
  EXPECT_EQ(fftTwiddle(0, 12, &re, &im), kErrOutOfRange);
  EXPECT_EQ(fftTwiddle(0, EMFLOW_FFT_MAX_SIZE * 2, &re, &im), kErrOutOfRange);
  EXPECT_EQ(fftTwiddle(0, 8, nullptr, &im), kErrBufferTooSmall);
  float data[2 * 8] = {};
  EXPECT_EQ(rfft(data, static_cast<uint16_t>(EMFLOW_FFT_MAX_SIZE * 2)), kErrOutOfRange);
}

}  // namespace
}  // namespace emflow::dsp
