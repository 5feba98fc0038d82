// The fridge thermostat graph end to end on the fake IO: a scripted temperature rises and
// falls; the relays must follow the thresholds and never be on at the same time. Relays are
// driven through InvertBoolean, so a relay is ON when its pin is LOW.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../runtime/fake_io.h"
#include "../runtime/fridge_stream.h"
#include "../runtime/packet_text.h"
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

namespace emflow {
namespace testing {
namespace {

// Same stream, same inputs, same clock steps: the same trace, packet for packet.
std::vector<std::string> traceOfOneHour(TimeMs step) {
  const std::vector<uint8_t> stream = fridgeStream();
  FakeIO io;
  Network net(io);
  std::vector<std::string> trace;
  net.setTraceHandler(
      [](void* user, const TraceEvent& e) {
        static_cast<std::vector<std::string>*>(user)->push_back(std::to_string(e.edge) + ":" +
                                                                describe(e.packet));
      },
      &trace);
  StreamError error;
  if (emflow_apply_command_stream(stream.data(), stream.size(), net, &error) != kOk) return {};
  net.watchAll(true);  // after the stream: its reset command clears watches
  for (TimeMs t = 0; t <= 3600000; t += step) {
    // A slow sine-like warm/cool cycle between 0 and 8 °C, in 1/16 °C steps.
    const int phase = static_cast<int>((t / 1000) % 600);
    io.sensors[9].raw =
        static_cast<int16_t>(phase < 300 ? phase * 128 / 300 : (600 - phase) * 128 / 300);
    io.now = t;
    while (net.run() != kOk) {
    }
  }
  return trace;
}

TEST(FridgeGraph, DeterministicAndIndependentOfTheHostStep) {
  const auto first = traceOfOneHour(50);
  EXPECT_GT(first.size(), 2u * 3600 / 5);  // trigger + reading every 5 s, plus relay changes
  EXPECT_EQ(first, traceOfOneHour(50));
  // Wake-ups fire at their deadlines whatever the step, so the packet sequence is the same
  // when the host advances 10 ms or 250 ms at a time (only event time stamps differ).
  EXPECT_EQ(first, traceOfOneHour(10));
  EXPECT_EQ(first, traceOfOneHour(250));
}

}  // namespace
}  // namespace testing
}  // namespace emflow
