#include "dsp/biquad.h"

#include <gtest/gtest.h>
#include <math.h>

namespace emflow::dsp {
namespace {

TEST(Biquad, IdentitySectionPassesSignalThrough) {
  const float sos[6] = {1, 0, 0, 1, 0, 0};
  BiquadSection sections[1];
  BiquadCascade cascade;
  ASSERT_EQ(biquadInit(&cascade, sections, 1, sos), kOk);
  for (float x : {1.0f, -2.0f, 3.5f}) EXPECT_FLOAT_EQ(biquadStep(&cascade, x), x);
}

TEST(Biquad, DelayAndFeedbackFollowDirectFormTwoTransposed) {
  // y[n] = x[n-1] + 0.5 y[n-1]: impulse response 0, 1, 0.5, 0.25, ...
  const float sos[6] = {0, 1, 0, 1, -0.5f, 0};
  BiquadSection sections[1];
  BiquadCascade cascade;
  ASSERT_EQ(biquadInit(&cascade, sections, 1, sos), kOk);
  const float input[5] = {1, 0, 0, 0, 0};
  float output[5];
  biquadProcess(&cascade, input, output, 5);
  const float expected[5] = {0, 1, 0.5f, 0.25f, 0.125f};
  for (int i = 0; i < 5; ++i) EXPECT_FLOAT_EQ(output[i], expected[i]) << i;
}

TEST(Biquad, CascadeMultipliesSectionsAndA0IsDividedOut) {
  // Two sections each y = 2x / 2 (a0 = 2) then y = 3x: overall gain 3.
  const float sos[12] = {2, 0, 0, 2, 0, 0, 3, 0, 0, 1, 0, 0};
  BiquadSection sections[2];
  BiquadCascade cascade;
  ASSERT_EQ(biquadInit(&cascade, sections, 2, sos), kOk);
  EXPECT_FLOAT_EQ(biquadStep(&cascade, 1.5f), 4.5f);
}

TEST(Biquad, LowpassSettlesToUnityDcGain) {
  // scipy.signal.butter(2, 0.2, output='sos')
  const float sos[6] = {0.0674552738890719f,  0.1349105477781438f, 0.0674552738890719f, 1.0f,
                        -1.1429805025399011f, 0.4128015980961887f};
  BiquadSection sections[1];
  BiquadCascade cascade;
  ASSERT_EQ(biquadInit(&cascade, sections, 1, sos), kOk);
  float y = 0;
  for (int i = 0; i < 200; ++i) y = biquadStep(&cascade, 1.0f);
  EXPECT_NEAR(y, 1.0f, 1e-5f);
  biquadReset(&cascade);
  EXPECT_FLOAT_EQ(biquadStep(&cascade, 1.0f), sos[0]);  // state cleared: first output is b0
}

TEST(Biquad, RejectsBadCoefficients) {
  BiquadSection sections[1];
  BiquadCascade cascade;
  const float zeroA0[6] = {1, 0, 0, 0, 0, 0};
  EXPECT_EQ(biquadInit(&cascade, sections, 1, zeroA0), kErrOutOfRange);
  const float withNan[6] = {1, NAN, 0, 1, 0, 0};
  EXPECT_EQ(biquadInit(&cascade, sections, 1, withNan), kErrOutOfRange);
  const float withInf[6] = {1, 0, 0, 1, INFINITY, 0};
  EXPECT_EQ(biquadInit(&cascade, sections, 1, withInf), kErrOutOfRange);
  const float ok[6] = {1, 0, 0, 1, 0, 0};
  EXPECT_EQ(biquadInit(&cascade, sections, 0, ok), kErrOutOfRange);
  EXPECT_EQ(biquadInit(&cascade, nullptr, 1, ok), kErrBufferTooSmall);
}

}  // namespace
}  // namespace emflow::dsp
