// VirtualIO as components see it: pins, serial, clock, listeners, range errors.
#include <gtest/gtest.h>

#include "world/virtual_io.h"

namespace emflow::world {
namespace {

struct CountingWorld : World {
  void advanceTo(TimeMs now) override { calls.push_back(now); }
  std::vector<TimeMs> calls;
};

TEST(VirtualIO, ClockMovesOnlyForwardAndDrivesTheWorld) {
  VirtualIO io;
  CountingWorld world;
  io.setWorld(&world);
  EXPECT_EQ(io.timeMs(), 0u);
  io.advanceTo(250);
  io.advanceTo(100);  // ignored: the clock never runs backwards
  EXPECT_EQ(io.timeMs(), 250u);
  EXPECT_EQ(world.calls, std::vector<TimeMs>{250});
}

TEST(VirtualIO, DigitalWritesAreRecordedAndReported) {
  VirtualIO io;
  std::vector<PinWrite> writes;
  io.addPinListener([&](const PinWrite& w) { writes.push_back(w); });
  EXPECT_EQ(io.pinMode(11, kPinOutput), kOk);
  EXPECT_FALSE(io.pinWritten(11)) << "an output is driven from its first write";
  EXPECT_TRUE(writes.empty());
  io.advanceTo(5);
  EXPECT_EQ(io.digitalWrite(11, true), kOk);
  EXPECT_TRUE(io.pinWritten(11));
  EXPECT_TRUE(io.pinLevel(11));
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].time, 5u);
  EXPECT_EQ(writes[0].pin, 11);
  EXPECT_TRUE(writes[0].level);
  bool level = false;
  EXPECT_EQ(io.digitalRead(11, &level), kOk);
  EXPECT_TRUE(level);
  EXPECT_EQ(io.pinWriteCount(), 1u);
}

TEST(VirtualIO, InputsComeFromTheWorld) {
  VirtualIO io;
  bool level = true;
  EXPECT_EQ(io.pinMode(3, kPinInputPullup), kOk);
  EXPECT_EQ(io.digitalRead(3, &level), kOk);
  EXPECT_TRUE(level) << "a pull-up reads high when nothing pulls it down";
  io.setDigitalInput(3, false);
  EXPECT_EQ(io.digitalRead(3, &level), kOk);
  EXPECT_FALSE(level);
  io.setAnalogInput(14, 5000);  // clamped to 10 bits
  uint16_t value = 0;
  EXPECT_EQ(io.analogRead(14, &value), kOk);
  EXPECT_EQ(value, 1023);
}

TEST(VirtualIO, OutOfRangePinsAndMissingSensorsAreErrors) {
  VirtualIO io;
  bool level;
  uint16_t value;
  int16_t raw;
  const OneWireAddress rom = {{0x28, 1, 2, 3, 4, 5, 6, 7}};
  EXPECT_EQ(io.pinMode(kVirtualPinCount, kPinOutput), kErrOutOfRange);
  EXPECT_EQ(io.digitalWrite(200, true), kErrOutOfRange);
  EXPECT_EQ(io.digitalRead(20, &level), kErrOutOfRange);
  EXPECT_EQ(io.analogRead(99, &value), kErrOutOfRange);
  EXPECT_EQ(io.pwmWrite(20, 10), kErrOutOfRange);
  EXPECT_EQ(io.startTemperatureConversion(9, rom), kErrNoSensor);
  EXPECT_EQ(io.readTemperature(9, rom, &raw), kErrNoSensor);
}

// What a board whose pins the world drives reads back (wasm/bindings_board_world.cpp): which
// digital inputs the world set, the analog counts, and the sensor on a pin.
TEST(VirtualIO, TellsWhatTheWorldPutsOnThePins) {
  VirtualIO io;
  EXPECT_FALSE(io.digitalInputSet(2));
  io.setDigitalInput(2, true);
  EXPECT_TRUE(io.digitalInputSet(2));
  EXPECT_FALSE(io.digitalInputSet(3));
  EXPECT_FALSE(io.digitalInputSet(kVirtualPinCount));
  io.setAnalogInput(15, 2000);
  EXPECT_EQ(io.analogInput(15), 1023);
  EXPECT_EQ(io.analogInput(kVirtualPinCount), 0);
  const OneWireAddress rom = {{0x28, 1, 2, 3, 4, 5, 6, 7}};
  Ds18b20Model sensor(rom, 1, 0.0);
  EXPECT_EQ(io.thermometerAt(9), nullptr);
  io.attachThermometer(9, &sensor, [] { return 4.0; });
  EXPECT_EQ(io.thermometerAt(9), &sensor);
  EXPECT_EQ(io.thermometerAt(8), nullptr);
}

TEST(VirtualIO, SerialOutputIsCollected) {
  VirtualIO io;
  const uint8_t hello[] = {'h', 'i', '\n'};
  EXPECT_EQ(io.serialWrite(hello, 3), kOk);
  EXPECT_EQ(io.serialWrite(hello, 2), kOk);
  EXPECT_EQ(io.serialOutput(), "hi\nhi");
}

}  // namespace
}  // namespace emflow::world
