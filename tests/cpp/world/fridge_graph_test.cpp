// The acceptance test of the fridge: examples/fridge.fbp against the virtual fridge for 24
// simulated hours, through the same path as `emflow run` (parse, compile, command stream).
#include <gtest/gtest.h>

#include <sstream>

#include "host/firmware/graph_file.h"
#include "host/sim/simulated_fridge.h"

namespace emflow::world {
namespace {

constexpr TimeMs kHour = 3600 * 1000;
// docs/world.md: 0.005 K/s × (5 s timer + 0.75 s conversion + 0.1 s step) + 2 LSB ≈ 0.155 K.
constexpr double kOvershootC = 0.2;

firmware::CompiledGraph fridgeGraph() {
  std::vector<std::string> errors;
  auto graph = firmware::compileGraphFile(EMFLOW_SOURCE_DIR "/examples/fridge.fbp", {}, &errors);
  EXPECT_TRUE(graph.has_value()) << (errors.empty() ? "" : errors[0]);
  return graph ? *graph : firmware::CompiledGraph{};
}

struct RunResult {
  FridgeSummary summary;
  std::string trace;
  uint32_t bothRelaysActive = 0;  // counted independently of the contactor model
};

RunResult runFridge(const FridgeConfig& config, TimeMs duration) {
  sim::SimulatedFridge fridge(fridgeGraph(), config);
  std::ostringstream trace;
  fridge.simulation().writeHeader(trace);
  fridge.simulation().setTrace(&trace);
  RunResult result;
  bool pin11Low = false, pin12Low = false;  // active-low relay modules: LOW = energised
  fridge.io().addPinListener([&](const PinWrite& w) {
    if (w.pin == 11) pin11Low = !w.level;
    if (w.pin == 12) pin12Low = !w.level;
    if (pin11Low && pin12Low) ++result.bothRelaysActive;
  });
  std::string error;
  EXPECT_TRUE(fridge.load(&error)) << error;
  EXPECT_TRUE(fridge.simulation().runUntil(duration, &error)) << error;
  result.summary = fridge.summary();
  result.trace = trace.str();
  return result;
}

TEST(FridgeGraph, KeepsTheCompartmentBetweenTheThresholdsFor24Hours) {
  FridgeConfig config;  // 22 °C ambient, starts at 5 °C, sensor in the air, seed 1
  const RunResult r = runFridge(config, 24 * kHour);
  const FridgeSummary& s = r.summary;
  EXPECT_EQ(s.durationMs, 24 * kHour);
  EXPECT_GE(s.minAirC, 4.0 - kOvershootC);
  EXPECT_LE(s.maxAirC, 5.0 + kOvershootC);
  // It really regulates (a dead compressor or a stuck relay would fail these):
  EXPECT_LT(s.minAirC, 4.0) << "the compressor must have pulled the air below LOWTHRESHOLD";
  EXPECT_GT(s.maxAirC, 5.0) << "the air must have warmed above HIGHTHRESHOLD";
  EXPECT_GE(s.cyclesPerHour, 2.0);  // physics: a ~16 min period at 22 °C
  EXPECT_LE(s.cyclesPerHour, 6.0);
  EXPECT_NEAR(s.compressorDuty, 17.0 / 60.0, 0.04);  // duty = heat leak / cooling power
  EXPECT_EQ(s.relayOverlaps, 0u);
  EXPECT_EQ(r.bothRelaysActive, 0u);
  EXPECT_EQ(s.networkErrors, 0u) << s.firstError;
  EXPECT_EQ(s.errorPackets, 0u);
  // 17280 readings, each followed by a decision; relays switched twice per compressor cycle.
  EXPECT_GT(s.packets, 17280u * 2);
  EXPECT_GE(s.pinWrites, 4 * s.compressorStarts);
}

TEST(FridgeGraph, SameSeedGivesAByteIdenticalTrace) {
  FridgeConfig config;
  config.seed = 42;
  const RunResult a = runFridge(config, 6 * kHour);
  const RunResult b = runFridge(config, 6 * kHour);
  ASSERT_GT(a.trace.size(), 100000u);
  EXPECT_TRUE(a.trace == b.trace) << "traces differ for the same seed";
  config.seed = 43;
  const RunResult c = runFridge(config, 6 * kHour);
  EXPECT_FALSE(a.trace == c.trace) << "a different seed must change the sensor noise";
}

TEST(FridgeGraph, RecoversFromDoorOpenings) {
  FridgeConfig config;
  config.doors.addOpening(2 * kHour, 60 * 1000);  // a minute with the door open
  sim::SimulatedFridge fridge(fridgeGraph(), config);
  std::string error;
  ASSERT_TRUE(fridge.load(&error)) << error;
  ASSERT_TRUE(fridge.simulation().runUntil(2 * kHour, &error)) << error;
  fridge.world().resetExtremes();
  ASSERT_TRUE(fridge.simulation().runUntil(2 * kHour + 60 * 1000, &error)) << error;
  EXPECT_GT(fridge.world().maxAirC(), 5.0 + kOvershootC) << "an open door overwhelms 60 W";
  EXPECT_TRUE(fridge.world().compressorOn());
  ASSERT_TRUE(fridge.simulation().runUntil(2 * kHour + 20 * 60 * 1000, &error)) << error;
  fridge.world().resetExtremes();
  ASSERT_TRUE(fridge.simulation().runUntil(4 * kHour, &error)) << error;
  EXPECT_GE(fridge.world().minAirC(), 4.0 - kOvershootC);
  EXPECT_LE(fridge.world().maxAirC(), 5.0 + kOvershootC);
  EXPECT_EQ(fridge.summary().relayOverlaps, 0u);
}

TEST(FridgeGraph, HotKitchenRaisesTheDutyCycleButNotTheTemperature) {
  FridgeConfig config;
  config.ambientC = 32.0;
  const RunResult r = runFridge(config, 12 * kHour);
  EXPECT_GE(r.summary.minAirC, 4.0 - kOvershootC);
  EXPECT_LE(r.summary.maxAirC, 5.0 + kOvershootC);
  EXPECT_NEAR(r.summary.compressorDuty, 27.5 / 60.0, 0.05);  // leak (32-4.5) W
  EXPECT_EQ(r.summary.relayOverlaps, 0u);
}

TEST(FridgeGraph, PullDownFromRoomTemperatureReachesTheBand) {
  FridgeConfig config;
  config.initialAirC = config.initialContentsC = 22.0;
  sim::SimulatedFridge fridge(fridgeGraph(), config);
  std::string error;
  ASSERT_TRUE(fridge.load(&error)) << error;
  ASSERT_TRUE(fridge.simulation().runUntil(12 * kHour, &error)) << error;
  fridge.world().resetExtremes();
  ASSERT_TRUE(fridge.simulation().runUntil(24 * kHour, &error)) << error;
  EXPECT_GE(fridge.world().minAirC(), 4.0 - kOvershootC);
  EXPECT_LE(fridge.world().maxAirC(), 5.0 + kOvershootC);
  EXPECT_LT(fridge.world().contentsC(), 5.5);
}

TEST(FridgeGraph, MissingSensorIsReportedNotSilent) {
  FridgeConfig config;
  sim::SimulatedFridge fridge(fridgeGraph(), config);
  fridge.world().thermometer().setConnected(false);
  std::string error;
  ASSERT_TRUE(fridge.load(&error)) << error;
  ASSERT_TRUE(fridge.simulation().runUntil(60 * 1000, &error)) << error;
  const FridgeSummary s = fridge.summary();
  EXPECT_EQ(s.errorPackets, 12u);   // one "no sensor" error packet per 5 s reading
  EXPECT_EQ(s.networkErrors, 12u);  // ... each rejected by the hysteresis latch, and counted
  EXPECT_NE(s.firstError.find("hysteresis.IN"), std::string::npos) << s.firstError;
  EXPECT_FALSE(fridge.world().compressorOn());
}

}  // namespace
}  // namespace emflow::world
