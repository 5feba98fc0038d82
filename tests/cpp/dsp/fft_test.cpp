#include "dsp/fft.h"

#include <gtest/gtest.h>
#include <math.h>

#include <vector>

namespace emflow::dsp {
namespace {

TEST(Fft, SupportedSizesArePowersOfTwoFromTwo) {
  EXPECT_TRUE(fftSizeSupported(2));
  EXPECT_TRUE(fftSizeSupported(256));
  EXPECT_TRUE(fftSizeSupported(EMFLOW_FFT_MAX_SIZE));
  EXPECT_FALSE(fftSizeSupported(0));
  EXPECT_FALSE(fftSizeSupported(1));
  EXPECT_FALSE(fftSizeSupported(12));
  EXPECT_FALSE(fftSizeSupported(EMFLOW_FFT_MAX_SIZE * 2));
}

TEST(Fft, RejectsBadSizesAndNullBuffers) {
  float data[12] = {};
  EXPECT_EQ(rfft(data, 12), kErrOutOfRange);
  EXPECT_EQ(rfft(data, 0), kErrOutOfRange);
  EXPECT_EQ(rfft(nullptr, 8), kErrBufferTooSmall);
  EXPECT_EQ(complexFft(data, 6), kErrOutOfRange);
}

TEST(Fft, ImpulseHasFlatSpectrum) {
  float data[16] = {1.0f};
  ASSERT_EQ(rfft(data, 16), kOk);
  for (uint16_t k = 0; k <= 8; ++k) EXPECT_NEAR(rfftBinPower(data, 16, k), 1.0f, 1e-6f) << k;
  for (uint16_t k = 1; k < 8; ++k) EXPECT_NEAR(data[2 * k + 1], 0.0f, 1e-6f);
}

TEST(Fft, ConstantSignalIsAllDc) {
  float data[32];
  for (float& v : data) v = 2.5f;
  ASSERT_EQ(rfft(data, 32), kOk);
  EXPECT_FLOAT_EQ(data[0], 80.0f);
  EXPECT_NEAR(data[1], 0.0f, 1e-5f);  // Nyquist bin
  for (uint16_t k = 1; k < 16; ++k) EXPECT_NEAR(rfftBinPower(data, 32, k), 0.0f, 1e-8f);
}

TEST(Fft, AlternatingSignalIsAllNyquist) {
  float data[8] = {1, -1, 1, -1, 1, -1, 1, -1};
  ASSERT_EQ(rfft(data, 8), kOk);
  EXPECT_NEAR(data[0], 0.0f, 1e-6f);
  EXPECT_FLOAT_EQ(data[1], 8.0f);
}

TEST(Fft, RealFftAgreesWithDirectDft) {
  const uint16_t n = 64;
  std::vector<float> x(n), packed(n);
  for (uint16_t i = 0; i < n; ++i) x[i] = sinf(0.3f * i) + 0.25f * cosf(1.7f * i) + 0.1f * (i % 5);
  ASSERT_EQ(rfft(x.data(), packed.data(), n), kOk);
  for (uint16_t k = 1; k < n / 2; ++k) {
    double re = 0, im = 0;
    for (uint16_t i = 0; i < n; ++i) {
      re += x[i] * cos(-2 * M_PI * k * i / n);
      im += x[i] * sin(-2 * M_PI * k * i / n);
    }
    EXPECT_NEAR(packed[2 * k], re, 1e-4) << "bin " << k;
    EXPECT_NEAR(packed[2 * k + 1], im, 1e-4) << "bin " << k;
  }
  EXPECT_FLOAT_EQ(x[3], sinf(0.9f) + 0.25f * cosf(5.1f) + 0.3f);  // input left untouched
}

TEST(Fft, ComplexFftOfSingleToneHitsOneBin) {
  const uint16_t n = 16;
  float data[2 * n];
  for (uint16_t i = 0; i < n; ++i) {
    data[2 * i] = cosf(2 * static_cast<float>(M_PI) * 3 * i / n);
    data[2 * i + 1] = sinf(2 * static_cast<float>(M_PI) * 3 * i / n);
  }
  ASSERT_EQ(complexFft(data, n), kOk);
  for (uint16_t k = 0; k < n; ++k) {
    const float magnitude = hypotf(data[2 * k], data[2 * k + 1]);
    EXPECT_NEAR(magnitude, k == 3 ? 16.0f : 0.0f, 1e-5f) << k;
  }
}

}  // namespace
}  // namespace emflow::dsp
