// The replay world: a recorded CSV drives analog pins (held), digital pins (held), DS18B20
// temperatures (interpolated) and the truth label; bad recordings are refused with their
// line:column.
#include <gtest/gtest.h>

#include <string>

#include "world/fridge_world.h"
#include "world/replay_world.h"

namespace emflow::world {
namespace {

ReplayData parsed(const std::string& csv) {
  ReplayData data;
  std::string error;
  EXPECT_TRUE(parseReplayCsv(csv, &data, &error)) << error;
  return data;
}

std::string refusal(const std::string& csv) {
  ReplayData data;
  std::string error;
  EXPECT_FALSE(parseReplayCsv(csv, &data, &error)) << csv;
  return error;
}

TEST(ReplayCsv, ReadsColumnsOfEveryKind) {
  const ReplayData data = parsed("time_s,A0,d2,T9,label\n0,100,0,4.5,1\n0.5,200,1,5.5,2\r\n\n");
  ASSERT_EQ(data.columns.size(), 4u);
  EXPECT_EQ(data.columns[0].kind, ReplayColumnKind::kAnalog);
  EXPECT_EQ(data.columns[0].pin, 14);
  EXPECT_EQ(data.columns[1].kind, ReplayColumnKind::kDigital);
  EXPECT_EQ(data.columns[1].pin, 2);
  EXPECT_EQ(data.columns[2].kind, ReplayColumnKind::kTemperature);
  EXPECT_EQ(data.columns[2].pin, 9);
  EXPECT_EQ(data.columns[3].kind, ReplayColumnKind::kLabel);
  ASSERT_EQ(data.rows(), 2u);
  EXPECT_EQ(data.times[1], 500u);  // seconds become milliseconds
  EXPECT_EQ(data.at(1, 0), 200);
}

TEST(ReplayCsv, RefusesBadRecordingsWithTheirLocation) {
  // The column is the CSV cell, whatever the spacing: "  nan" is the third cell, not the 9th
  // character.
  EXPECT_EQ(refusal("time_ms, A0 ,  A1\n0,  1,  nan\n"),
            "2:3: A1 value 'nan' is not a finite number");
  EXPECT_EQ(refusal("time_ms,A0\n0,\n"), "2:2: A0 value '' is not a finite number");
  EXPECT_EQ(refusal("A0,A1\n0,1\n"),
            "1:1: the first column must be the time (time_ms or time_s), got 'A0'");
  EXPECT_EQ(refusal("time_ms,A0,Z7\n"),
            "1:3: unknown column 'Z7' (known: A0..A5 analog counts, D0..D19 digital 0/1, "
            "T<pin> DS18B20 °C, label)");
  EXPECT_EQ(refusal("time_ms,A0\n0,1\n10,2\n10,3\n"),
            "4:1: time 10 does not increase (the previous row is at 10 ms)");
  EXPECT_EQ(refusal("time_ms,A0\n0,1\n5,2\n3,3\n"),
            "4:1: time 3 does not increase (the previous row is at 5 ms)");
  EXPECT_EQ(refusal("time_ms,A0,A1\n0,1,nan\n"), "2:3: A1 value 'nan' is not a finite number");
  EXPECT_EQ(refusal("time_ms,A0\n0,1\n1,inf\n"), "3:2: A0 value 'inf' is not a finite number");
  EXPECT_EQ(refusal("time_ms,A0\n0,2000\n"), "2:2: A0 must be ADC counts 0..1023, got 2000");
  EXPECT_EQ(refusal("time_ms,D3\n0,0.5\n"), "2:2: D3 must be 0 or 1, got 0.5");
  EXPECT_EQ(refusal("time_ms,A0\n0,1,2\n"), "2:3: 3 fields, the header has 2");
  EXPECT_EQ(refusal("time_ms,A0,A1\n0,1\n"), "2:3: 2 fields, the header has 3");
  EXPECT_EQ(refusal("time_ms,A0,a0\n"), "1:3: column 'a0' repeats 'A0'");
  EXPECT_EQ(refusal("time_ms\n"), "1:2: no pin or sensor column after the time");
  EXPECT_EQ(refusal(""),
            "1:1: the recording is empty (it needs a header: time_ms or time_s, "
            "then pins)");
  EXPECT_EQ(refusal("time_ms,A0\n"), "2:1: the recording has a header but no rows");
  EXPECT_EQ(refusal("time_ms,A0\n-1,5\n"), "2:1: time -1 is outside 0 .. 49 days");
  const std::string huge(kMaxReplayBytes + 1, '0');
  EXPECT_EQ(refusal(huge).rfind("1:1: the recording is 33554433 bytes; at most", 0), 0u);
}

TEST(ReplayWorld, HoldsPinsAndInterpolatesTemperatures) {
  VirtualIO io;
  FridgeConfig defaults;
  ReplayWorld world(io, parsed("time_ms,A0,D2,T9,label\n1000,100,1,4,3\n3000,300,0,8,4\n"),
                    defaults.thermometerRom);
  uint16_t counts = 0;
  bool level = false;
  io.advanceTo(0);  // before the first row: the first row holds
  io.analogRead(14, &counts);
  EXPECT_EQ(counts, 100);
  io.advanceTo(2999);  // held until the next row
  io.analogRead(14, &counts);
  io.digitalRead(2, &level);
  EXPECT_EQ(counts, 100);
  EXPECT_TRUE(level);
  EXPECT_EQ(world.truthAt(2999), 3);
  io.advanceTo(3000);
  io.analogRead(14, &counts);
  io.digitalRead(2, &level);
  EXPECT_EQ(counts, 300);
  EXPECT_FALSE(level);
  EXPECT_EQ(world.truthAt(5000), 4);  // after the last row: the last holds
  // The DS18B20 on pin 9 reads the interpolated temperature at the end of its conversion.
  VirtualIO io2;
  ReplayWorld world2(io2, parsed("time_ms,T9\n0,4\n4000,8\n"), defaults.thermometerRom);
  io2.advanceTo(1250);
  ASSERT_EQ(io2.startTemperatureConversion(9, defaults.thermometerRom), kOk);
  io2.advanceTo(2000);  // conversion ends at 2000 ms: 4 + 4 * 2000/4000 = 6 °C
  int16_t raw = 0;
  ASSERT_EQ(io2.readTemperature(9, defaults.thermometerRom, &raw), kOk);
  EXPECT_EQ(raw, 6 * 16);
  WorldValues values;
  world2.sample(&values);
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0].first, "T9");
  EXPECT_DOUBLE_EQ(values[0].second, 6.0);
}

}  // namespace
}  // namespace emflow::world
