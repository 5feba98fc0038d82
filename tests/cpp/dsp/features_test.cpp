#include "dsp/features.h"

#include <gtest/gtest.h>
#include <math.h>

namespace emflow::dsp {
namespace {

TEST(Features, BasicStatisticsOfSmallWindow) {
  const float x[4] = {1, -1, 3, 5};
  BasicFeatures f;
  ASSERT_EQ(basicFeatures(x, 4, 1, &f), kOk);
  EXPECT_FLOAT_EQ(f.mean, 2.0f);
  EXPECT_FLOAT_EQ(f.std, sqrtf(5.0f));  // population: (1+9+1+9)/4
  EXPECT_FLOAT_EQ(f.min, -1.0f);
  EXPECT_FLOAT_EQ(f.max, 5.0f);
  EXPECT_FLOAT_EQ(f.rms, 3.0f);  // sqrt(36/4)
  EXPECT_EQ(f.zeroCrossings, 2);
}

TEST(Features, ZeroCountsAsPositive) {
  const float x[5] = {0, -1, 0, 0, 2};
  BasicFeatures f;
  ASSERT_EQ(basicFeatures(x, 5, 1, &f), kOk);
  EXPECT_EQ(f.zeroCrossings, 2);  // 0 -> -1 and -1 -> 0
}

TEST(Features, StrideReadsOneChannelOfInterleavedFrames) {
  const float frames[6] = {1, 100, 2, 200, 3, 300};  // channel 0: 1 2 3; channel 1: 100 200 300
  BasicFeatures first, second;
  ASSERT_EQ(basicFeatures(frames, 3, 2, &first), kOk);
  ASSERT_EQ(basicFeatures(frames + 1, 3, 2, &second), kOk);
  EXPECT_FLOAT_EQ(first.mean, 2.0f);
  EXPECT_FLOAT_EQ(second.max, 300.0f);
  float array[kBasicFeatureCount];
  basicFeaturesToArray(second, array);
  EXPECT_FLOAT_EQ(array[0], 200.0f);
  EXPECT_FLOAT_EQ(array[2], 100.0f);
  EXPECT_FLOAT_EQ(array[5], 0.0f);
}

TEST(Features, RejectsEmptyWindow) {
  const float x[1] = {1};
  BasicFeatures f;
  EXPECT_EQ(basicFeatures(x, 0, 1, &f), kErrOutOfRange);
  EXPECT_EQ(basicFeatures(x, 1, 0, &f), kErrOutOfRange);
  EXPECT_EQ(basicFeatures(nullptr, 1, 1, &f), kErrBufferTooSmall);
}

TEST(Features, BandEnergiesOfToneLandInItsBand) {
  const uint16_t n = 32;
  float x[n], scratch[n], energies[3];
  for (uint16_t i = 0; i < n; ++i) x[i] = cosf(2 * static_cast<float>(M_PI) * 5 * i / n);
  const uint16_t edges[4] = {0, 4, 8, 17};
  ASSERT_EQ(bandEnergies(x, n, 1, edges, 3, scratch, energies), kOk);
  EXPECT_NEAR(energies[0], 0.0f, 1e-6f);
  EXPECT_NEAR(energies[1], 256.0f, 1e-3f);  // |X[5]|^2 = (n/2)^2
  EXPECT_NEAR(energies[2], 0.0f, 1e-6f);
}

TEST(Features, BandEnergiesRejectBadEdges) {
  float x[8] = {}, scratch[8], energies[2];
  const uint16_t decreasing[3] = {0, 3, 2};
  EXPECT_EQ(bandEnergies(x, 8, 1, decreasing, 2, scratch, energies), kErrOutOfRange);
  const uint16_t pastEnd[3] = {0, 3, 6};  // 8 samples have bins 0..4
  EXPECT_EQ(bandEnergies(x, 8, 1, pastEnd, 2, scratch, energies), kErrOutOfRange);
  const uint16_t ok[3] = {0, 3, 5};
  EXPECT_EQ(bandEnergies(x, 6, 1, ok, 2, scratch, energies), kErrOutOfRange);  // not 2^k
  EXPECT_EQ(bandEnergies(x, 8, 1, ok, 2, scratch, energies), kOk);
}

TEST(Features, EqualBandEdgesCoverAllBins) {
  uint16_t edges[5];
  ASSERT_EQ(equalBandEdges(64, 1, 4, edges), kOk);  // bins 1..32
  EXPECT_EQ(edges[0], 1);
  EXPECT_EQ(edges[4], 33);
  for (int b = 0; b < 4; ++b) EXPECT_GE(edges[b + 1] - edges[b], 8);
  EXPECT_EQ(equalBandEdges(8, 1, 5, edges), kErrOutOfRange);  // 4 bins, 5 bands
}

}  // namespace
}  // namespace emflow::dsp
