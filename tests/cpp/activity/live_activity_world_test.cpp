// The endless activity world of the protocol runtime: it plays the seeded random schedule
// segment by segment, and what it shows on the pins is exactly the recording of the same seed.
#include <gtest/gtest.h>

#include <set>

#include "world/activity_world.h"

namespace emflow::world {
namespace {

TEST(LiveActivityWorld, PlaysTheRecordingOfItsSeed) {
  ActivityConfig config;
  config.seed = 9;
  const double seconds = 1800;
  std::vector<AccelSample> recording;
  std::string error;
  ASSERT_TRUE(ActivityGenerator(config).generate(ActivityGenerator::randomSchedule(9, seconds),
                                                 &recording, &error))
      << error;
  VirtualIO io;
  ActivityWorld world(io, config);
  std::set<Activity> seen;
  for (size_t i = 0; i < recording.size(); ++i) {
    const TimeMs t = static_cast<TimeMs>(i * 40);  // 25 Hz: sample i starts at 40 i ms
    io.advanceTo(t);
    const AccelSample& now = world.current();
    ASSERT_EQ(now.activity, recording[i].activity) << "sample " << i;
    ASSERT_EQ(now.x, recording[i].x) << "sample " << i;
    ASSERT_EQ(now.z, recording[i].z) << "sample " << i;
    uint16_t counts = 0;
    ASSERT_EQ(io.analogRead(16, &counts), kOk);
    EXPECT_EQ(counts, ActivityWorld::adcCounts(recording[i].z));
    seen.insert(now.activity);
  }
  EXPECT_GE(seen.size(), 4u) << "half an hour of random segments shows most activities";
}

TEST(LiveActivityWorld, RunsForDaysAndJumpsAheadInOneStep) {
  ActivityConfig config;
  config.seed = 4;
  VirtualIO io;
  ActivityWorld world(io, config);
  io.advanceTo(3 * 24 * 3600 * 1000u);  // three days at once: segment after segment
  const AccelSample& now = world.current();
  EXPECT_NEAR(now.timeS, 3 * 24 * 3600.0, 0.04);
  EXPECT_EQ(world.activityAt(3 * 24 * 3600 * 1000u), now.activity);
  // Gravity is still there: the head is never upside down.
  EXPECT_GT(now.z, 0.2);
}

TEST(LiveActivityWorld, SameSeedSameWorldOtherSeedDiffers) {
  ActivityConfig a, b;
  a.seed = b.seed = 12;
  VirtualIO ioA, ioB, ioC;
  ActivityWorld worldA(ioA, a), worldB(ioB, b);
  b.seed = 13;
  ActivityWorld worldC(ioC, b);
  int differences = 0;
  for (TimeMs t = 0; t < 600000; t += 1000) {
    ioA.advanceTo(t);
    ioB.advanceTo(t);
    ioC.advanceTo(t);
    ASSERT_EQ(worldA.current().x, worldB.current().x);
    differences += worldA.current().x != worldC.current().x;
  }
  EXPECT_GT(differences, 500);
}

}  // namespace
}  // namespace emflow::world
