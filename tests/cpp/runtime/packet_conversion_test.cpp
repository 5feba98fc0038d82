// Packet's conversions and float_bits.h are done on the float's bits on every platform (so a
// board links no float routines for them); they must agree with the C++ float arithmetic
// they replace.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "runtime/float_bits.h"
#include "runtime/packet.h"

namespace emflow {
namespace {

float fromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

// What asInt promises: truncation toward zero, saturated, NaN 0 — with float arithmetic.
int32_t reference(float f) {
  if (std::isnan(f)) return 0;
  if (f >= 2147483648.0f) return INT32_MAX;
  if (f <= -2147483648.0f) return INT32_MIN;
  return static_cast<int32_t>(f);
}

TEST(PacketConversion, AsIntTruncatesLikeACastOverTheWholeFloatRange) {
  // Every exponent, both signs, and mantissas at the edges and in between.
  for (uint32_t sign = 0; sign < 2; ++sign) {
    for (uint32_t exponent = 0; exponent < 256; ++exponent) {
      for (uint32_t mantissa : {0u, 1u, 0x3FFFFFu, 0x400000u, 0x7FFFFEu, 0x7FFFFFu, 0x123456u}) {
        const uint32_t bits = (sign << 31) | (exponent << 23) | mantissa;
        const float f = fromBits(bits);
        EXPECT_EQ(Packet::Float(f).asInt(), reference(f)) << "bits 0x" << std::hex << bits;
      }
    }
  }
}

TEST(PacketConversion, AsIntAtTheInt32Limits) {
  EXPECT_EQ(Packet::Float(2147483520.0f).asInt(), 2147483520);  // largest float below 2^31
  EXPECT_EQ(Packet::Float(2147483648.0f).asInt(), INT32_MAX);
  EXPECT_EQ(Packet::Float(-2147483648.0f).asInt(), INT32_MIN);
  EXPECT_EQ(Packet::Float(-2147483520.0f).asInt(), -2147483520);
  EXPECT_EQ(Packet::Float(-INFINITY).asInt(), INT32_MIN);
  EXPECT_EQ(Packet::Float(-0.0f).asInt(), 0);
  EXPECT_EQ(Packet::Float(0.999999f).asInt(), 0);
  EXPECT_EQ(Packet::Float(16777217.0f).asInt(), 16777216);  // rounded when stored as float
}

// ReadDallasTemperature's °C: the DS18B20's raw 1/16 steps divided on the exponent bits, for
// every int16 reading, bit for bit equal to the float division and to ldexpf it replaces.
TEST(FloatBits, SixteenthsToFloatIsRawOver16ForEveryInt16) {
  for (int32_t raw = INT16_MIN; raw <= INT16_MAX; ++raw) {
    const float expected = static_cast<float>(raw) / 16.0f;
    const float got = sixteenthsToFloat(static_cast<int16_t>(raw));
    ASSERT_EQ(floatBits(got), floatBits(expected)) << raw;
    ASSERT_EQ(floatBits(got), floatBits(std::ldexp(static_cast<float>(raw), -4))) << raw;
  }
  EXPECT_EQ(sixteenthsToFloat(0x0191), 25.0625f);  // the datasheet's +25.0625 °C
  EXPECT_EQ(sixteenthsToFloat(static_cast<int16_t>(0xFF5E)), -10.125f);
  EXPECT_EQ(floatBits(sixteenthsToFloat(0)), 0u);  // +0, not -0
}

TEST(PacketConversion, AsBoolIsNonZeroIncludingNan) {
  EXPECT_FALSE(Packet::Float(0.0f).asBool());
  EXPECT_FALSE(Packet::Float(-0.0f).asBool());
  EXPECT_TRUE(Packet::Float(NAN).asBool());
  EXPECT_TRUE(Packet::Float(1e-45f).asBool());  // the smallest subnormal
  EXPECT_TRUE(Packet::Float(-INFINITY).asBool());
}

}  // namespace
}  // namespace emflow
