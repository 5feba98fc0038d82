// The fridge thermostat graph end to end on the fake IO: a scripted temperature rises and
// falls; the relays must follow the thresholds and never be on at the same time. Relays are
// driven through InvertBoolean, so a relay is ON when its pin is LOW.
#include <gtest/gtest.h>

#include <vector>

#include "../runtime/fake_io.h"
#include "../runtime/fridge_stream.h"
#include "runtime/network.h"

namespace emflow {
namespace testing {
namespace {

TEST(FridgeGraph, FollowsThresholdsAndNeverClosesBothRelays) {
  const std::vector<uint8_t> stream = fridgeStream();
  ASSERT_FALSE(stream.empty());
  FakeIO io;
  io.sensors[9].raw = 3 * 16;  // 3 °C: between the thresholds
  Network net(io);
  StreamError error;
  ASSERT_EQ(emflow_apply_command_stream(stream.data(), stream.size(), net, &error), kOk)
      << "command " << error.command;
  ASSERT_TRUE(net.isRunning());
  EXPECT_EQ(net.nodeCount(), kFridgeNodeCount);
  EXPECT_EQ(net.edgeCount(), 14u);

  // Temperature profile (°C per 5 s reading): warm up past 5, cool down below 2, again.
  const float profile[] = {3, 4, 5, 5.5f, 6, 5, 4, 3, 2, 1.5f, 1, 2, 3, 4, 5, 6, 7};
  std::vector<int> compressor;  // 1 = OUT1 relay (pin 11) on, per reading
  for (float celsius : profile) {
    io.sensors[9].raw = static_cast<int16_t>(celsius * 16);
    const TimeMs readingDue = io.now + 5000 + 750;
    TimeMs next;
    while (net.nextWakeup(&next) && static_cast<int32_t>(next - readingDue) <= 0) {
      io.now = next;
      while (net.run() != kOk) {
      }
    }
    io.now = readingDue;
    compressor.push_back(io.levels.count(11) && !io.levels[11] ? 1 : 0);
  }
  const std::vector<int> expected = {0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1};
  EXPECT_EQ(compressor, expected);

  // Never both relays on: replay every pin write.
  bool written11 = false, written12 = false, level11 = true, level12 = true;
  for (const auto& w : io.writes) {
    if (w.pin == 11) written11 = true, level11 = w.level;
    if (w.pin == 12) written12 = true, level12 = w.level;
    EXPECT_FALSE(written11 && written12 && !level11 && !level12) << "both relays on at " << w.time;
  }
  EXPECT_GE(io.writes.size(), 4u);
  EXPECT_EQ(net.stats().queueFull, 0u);
  EXPECT_EQ(net.stats().rejected, 0u);
  EXPECT_EQ(net.stats().notConnected, 0u);
}

}  // namespace
}  // namespace testing
}  // namespace emflow
