// The DS18B20 model: 12-bit resolution, 750 ms conversion sampled at its end, ROM check.
#include <gtest/gtest.h>

#include <set>

#include "world/ds18b20_model.h"
#include "world/virtual_io.h"

namespace emflow::world {
namespace {

const OneWireAddress kRom = {{0x28, 0xAF, 0x1C, 0xB2, 0x04, 0x00, 0x00, 0x33}};

struct Bench {
  explicit Bench(double noise = 0.0, uint64_t seed = 1) : sensor(kRom, seed, noise) {
    io.attachThermometer(9, &sensor, [this] { return temperature; });
  }
  VirtualIO io;
  Ds18b20Model sensor;
  double temperature = 4.0;
};

TEST(Ds18b20Model, QuantizesToASixteenthOfADegree) {
  EXPECT_EQ(Ds18b20Model::quantize(0.0), 0);
  EXPECT_EQ(Ds18b20Model::quantize(1.0), 16);
  EXPECT_EQ(Ds18b20Model::quantize(25.0625), 401);   // datasheet: +25.0625 °C = 0x0191
  EXPECT_EQ(Ds18b20Model::quantize(-10.125), -162);  // datasheet: −10.125 °C = 0xFF5E
  EXPECT_EQ(Ds18b20Model::quantize(-55.0), -880);    // datasheet: −55 °C = 0xFC90
  EXPECT_EQ(Ds18b20Model::quantize(125.0), 2000);    // datasheet: +125 °C = 0x07D0
  EXPECT_EQ(Ds18b20Model::quantize(300.0), 2000);    // clamped to the device's range
  EXPECT_EQ(Ds18b20Model::quantize(4.03), 64);       // 4.03 rounds to 4.0
  EXPECT_EQ(Ds18b20Model::quantize(4.04), 65);       // 4.04 rounds to 4.0625
}

TEST(Ds18b20Model, ConversionTakes750ms) {
  Bench b;
  int16_t raw = 0;
  EXPECT_EQ(b.io.readTemperature(9, kRom, &raw), kErrNotReady) << "nothing converted yet";
  b.io.advanceTo(1000);
  ASSERT_EQ(b.io.startTemperatureConversion(9, kRom), kOk);
  b.io.advanceTo(1749);
  EXPECT_EQ(b.io.readTemperature(9, kRom, &raw), kErrNotReady);
  b.io.advanceTo(1750);
  ASSERT_EQ(b.io.readTemperature(9, kRom, &raw), kOk);
  EXPECT_EQ(raw, 64);
}

TEST(Ds18b20Model, SamplesAtTheEndOfTheConversion) {
  Bench b;
  ASSERT_EQ(b.io.startTemperatureConversion(9, kRom), kOk);
  b.temperature = 3.0;  // changes during the conversion count ...
  b.io.advanceTo(400);
  b.temperature = 2.5;
  b.io.advanceTo(5000);  // ... the clock stops at 750 ms on its way to 5 s
  b.temperature = 10.0;  // ... changes after its end do not
  int16_t raw = 0;
  ASSERT_EQ(b.io.readTemperature(9, kRom, &raw), kOk);
  EXPECT_EQ(raw, 40);  // 2.5 °C
  ASSERT_EQ(b.io.readTemperature(9, kRom, &raw), kOk);
  EXPECT_EQ(raw, 40) << "the scratchpad keeps its value until the next conversion";
}

TEST(Ds18b20Model, AnswersOnlyToItsRomOnItsPin) {
  Bench b;
  OneWireAddress other = kRom;
  other.bytes[3] ^= 1;
  int16_t raw;
  EXPECT_EQ(b.io.startTemperatureConversion(9, other), kErrNoSensor);
  EXPECT_EQ(b.io.startTemperatureConversion(8, kRom), kErrNoSensor);
  EXPECT_EQ(b.io.startTemperatureConversion(200, kRom), kErrOutOfRange);
  ASSERT_EQ(b.io.startTemperatureConversion(9, kRom), kOk);
  b.io.advanceTo(750);
  EXPECT_EQ(b.io.readTemperature(9, other, &raw), kErrNoSensor);
  b.sensor.setCrcFailure(true);
  EXPECT_EQ(b.io.readTemperature(9, kRom, &raw), kErrSensorCrc);
  b.sensor.setCrcFailure(false);
  b.sensor.setConnected(false);
  EXPECT_EQ(b.io.readTemperature(9, kRom, &raw), kErrNoSensor);
  EXPECT_EQ(b.io.startTemperatureConversion(9, kRom), kErrNoSensor);
}

std::vector<int16_t> readings(uint64_t seed, int count) {
  Bench b(0.25, seed);
  b.temperature = 4.0;
  std::vector<int16_t> out;
  for (int i = 0; i < count; ++i) {
    TimeMs t = b.io.timeMs();
    EXPECT_EQ(b.io.startTemperatureConversion(9, kRom), kOk);
    b.io.advanceTo(t + 1000);
    int16_t raw = 0;
    EXPECT_EQ(b.io.readTemperature(9, kRom, &raw), kOk);
    out.push_back(raw);
  }
  return out;
}

TEST(Ds18b20Model, NoiseIsBoundedAndSeeded) {
  std::vector<int16_t> a = readings(7, 200), again = readings(7, 200), other = readings(8, 200);
  EXPECT_EQ(a, again);
  EXPECT_NE(a, other);
  std::set<int16_t> distinct(a.begin(), a.end());
  EXPECT_GT(distinct.size(), 3u);
  for (int16_t raw : a) {
    EXPECT_GE(raw, 64 - 4);  // ±0.25 °C = ±4 LSB
    EXPECT_LE(raw, 64 + 4);
  }
}

}  // namespace
}  // namespace emflow::world
