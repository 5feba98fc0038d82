// The window of the WindowFeatures component, without a network: configuration rules, the
// interleaved sample order and the features it produces. (The component's packets are tested
// through the component harness once it is in the library.)
#include "components/window_features.h"

#include <gtest/gtest.h>
#include <math.h>

namespace emflow {
namespace {

TEST(WindowBuffer, ConfigurationLimits) {
  WindowBuffer w = {};
  EXPECT_EQ(w.configure(8, 1, 0), kOk);
  EXPECT_EQ(w.configure(0, 1, 0), kErrOutOfRange);
  EXPECT_EQ(w.configure(4, 0, 0), kErrOutOfRange);
  EXPECT_EQ(w.configure(WindowBuffer::kCapacity + 1, 1, 0), kErrOutOfRange);
  EXPECT_EQ(w.configure(WindowBuffer::kCapacity, 2, 0), kErrOutOfRange);  // over capacity
  EXPECT_EQ(w.configure(6, 1, 1), kErrOutOfRange);  // bands need a power of two
  EXPECT_EQ(w.configure(8, 1, 5), kErrOutOfRange);  // 8 samples have 4 non-DC bins
  EXPECT_EQ(w.configure(8, 1, 4), kOk);
  EXPECT_EQ(w.configure(0x7FFFFFFF, 0x7FFFFFFF, 0), kErrOutOfRange);  // no overflow
  EXPECT_EQ(w.size, 8);  // a refused configuration keeps the previous one
  EXPECT_EQ(w.bands, 4);
}

TEST(WindowBuffer, InterleavedChannelsAndTumblingWindows) {
  WindowBuffer w = {};
  ASSERT_EQ(w.configure(4, 2, 0), kOk);
  const float frames[8] = {1, 10, -1, 20, 3, 30, 5, 40};
  for (int i = 0; i < 7; ++i) EXPECT_FALSE(w.push(frames[i]));
  ASSERT_TRUE(w.push(frames[7]));
  ASSERT_EQ(w.featureCount(), 12);
  float a[6], b[6];
  ASSERT_EQ(w.channelFeatures(0, a), kOk);
  ASSERT_EQ(w.channelFeatures(1, b), kOk);
  EXPECT_FLOAT_EQ(a[0], 2.0f);  // mean of 1 -1 3 5
  EXPECT_FLOAT_EQ(a[1], sqrtf(5.0f));
  EXPECT_FLOAT_EQ(a[2], -1.0f);
  EXPECT_FLOAT_EQ(a[3], 5.0f);
  EXPECT_FLOAT_EQ(a[4], 3.0f);
  EXPECT_FLOAT_EQ(a[5], 2.0f);
  EXPECT_FLOAT_EQ(b[0], 25.0f);
  EXPECT_FLOAT_EQ(b[5], 0.0f);
  EXPECT_EQ(w.channelFeatures(2, b), kErrOutOfRange);
  EXPECT_FALSE(w.push(100));  // the next window starts from scratch
  EXPECT_EQ(w.filled, 1);
}

TEST(WindowBuffer, BandEnergiesLeaveOutDc) {
  WindowBuffer w = {};
  ASSERT_EQ(w.configure(8, 1, 2), kOk);  // bins 1..4 in two bands: [1, 3) and [3, 5)
  bool full = false;
  for (int i = 0; i < 8; ++i) full = w.push(5.0f + cosf(2 * static_cast<float>(M_PI) * 3 * i / 8));
  ASSERT_TRUE(full);
  float f[8];
  ASSERT_EQ(w.channelFeatures(0, f), kOk);
  EXPECT_NEAR(f[0], 5.0f, 1e-6f);
  EXPECT_NEAR(f[6], 0.0f, 1e-4f);   // the offset (DC) is in no band
  EXPECT_NEAR(f[7], 16.0f, 1e-3f);  // |X[3]|^2 = (8/2)^2
}

}  // namespace
}  // namespace emflow
