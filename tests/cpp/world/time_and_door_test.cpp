// Duration text and door schedules as `emflow run` accepts them.
#include <gtest/gtest.h>

#include "world/door_schedule.h"
#include "world/time_text.h"

namespace emflow::world {
namespace {

uint64_t duration(const std::string& text) {
  uint64_t ms = 0;
  std::string error;
  EXPECT_TRUE(parseDuration(text, &ms, &error)) << error;
  return ms;
}

TEST(TimeText, ParsesUnits) {
  EXPECT_EQ(duration("750ms"), 750u);
  EXPECT_EQ(duration("30"), 30000u);
  EXPECT_EQ(duration("30s"), 30000u);
  EXPECT_EQ(duration("15m"), 900000u);
  EXPECT_EQ(duration("24h"), 86400000u);
  EXPECT_EQ(duration("2d"), 172800000u);
  EXPECT_EQ(duration("1h30m"), 5400000u);
}

TEST(TimeText, RejectsBadTextWithAPosition) {
  uint64_t ms;
  std::string error;
  EXPECT_FALSE(parseDuration("", &ms, &error));
  EXPECT_FALSE(parseDuration("24x", &ms, &error));
  EXPECT_NE(error.find("unknown time unit 'x' at position 3"), std::string::npos) << error;
  EXPECT_FALSE(parseDuration("h", &ms, &error));
  EXPECT_NE(error.find("position 1"), std::string::npos) << error;
  EXPECT_FALSE(parseDuration("99999999999999999999d", &ms, &error));
  EXPECT_NE(error.find("too long"), std::string::npos) << error;
}

TEST(TimeText, Formats) {
  EXPECT_EQ(formatDuration(90061005), "1d 01:01:01.005");
}

TEST(DoorSchedule, ParsesOpeningsAndRepeats) {
  DoorSchedule s;
  std::string error;
  ASSERT_TRUE(DoorSchedule::parse("7h+1m, every 4h+20s", &s, &error)) << error;
  EXPECT_FALSE(s.isOpen(0));
  EXPECT_FALSE(s.isOpen(7 * 3600000 - 1));
  EXPECT_TRUE(s.isOpen(7 * 3600000));
  EXPECT_TRUE(s.isOpen(7 * 3600000 + 59999));
  EXPECT_FALSE(s.isOpen(7 * 3600000 + 60000));
  EXPECT_FALSE(s.isOpen(20000)) << "a repeat starts after its first period";
  EXPECT_TRUE(s.isOpen(4 * 3600000 + 19999));
  EXPECT_FALSE(s.isOpen(4 * 3600000 + 20000));
  EXPECT_TRUE(s.isOpen(8 * 3600000));
}

TEST(DoorSchedule, RejectsBadItems) {
  DoorSchedule s;
  std::string error;
  EXPECT_FALSE(DoorSchedule::parse("7h", &s, &error));
  EXPECT_NE(error.find("START+LENGTH"), std::string::npos) << error;
  EXPECT_FALSE(DoorSchedule::parse("7h+1m,,8h+1m", &s, &error));
  EXPECT_NE(error.find("empty door opening at character 7"), std::string::npos) << error;
  EXPECT_FALSE(DoorSchedule::parse("every 1m+2m", &s, &error));
  EXPECT_NE(error.find("period must be longer"), std::string::npos) << error;
  EXPECT_FALSE(DoorSchedule::parse("7q+1m", &s, &error));
  EXPECT_NE(error.find("unknown time unit 'q'"), std::string::npos) << error;
}

}  // namespace
}  // namespace emflow::world
