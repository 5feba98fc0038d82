// One clock: the protocol runtime's live network (what the playground and emflow-runtime run)
// and the headless runner (`emflow run`) step the same virtual clock loop (core/sim/clock.h)
// against the same fridge world, so the reference thermostat sees the same readings at the
// same instants whichever drives it — also when the protocol advances in odd-sized chunks.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "host/firmware/graph_file.h"
#include "host/sim/simulated_fridge.h"
#include "host/graph/graph_json.h"
#include "protocol_client.h"

namespace emflow::protocol {
namespace {

using testing::ProtocolClient;

const std::string kFridge = EMFLOW_SOURCE_DIR "/examples/fridge.fbp";
constexpr TimeMs kRunMs = 2 * 3600 * 1000;

// (time, reading) of every packet from the thermometer to the hysteresis latch.
using Readings = std::vector<std::pair<TimeMs, double>>;

Readings headless() {
  std::vector<std::string> errors;
  auto graph = firmware::compileGraphFile(kFridge, {}, &errors);
  EXPECT_TRUE(graph) << (errors.empty() ? "" : errors.front());
  sim::SimulatedFridge fridge(*graph, world::FridgeConfig());
  Readings readings;
  fridge.runner().addPacketObserver([&](const TraceEvent& event) {
    if (fridge.edgeName(event) == "thermometer.OUT -> hysteresis.IN")
      readings.push_back({event.time, event.packet.asFloat()});
  });
  std::string error;
  EXPECT_TRUE(fridge.load(&error)) << error;
  EXPECT_TRUE(fridge.simulation().runUntil(kRunMs, &error)) << error;
  return readings;
}

Readings overProtocol() {
  std::vector<std::string> errors;
  auto graph = firmware::readGraphFile(kFridge, &errors);
  EXPECT_TRUE(graph);
  const Json noflo = graph::toNoFloJson(*graph);
  RuntimeOptions options;
  options.timeInEvents = true;
  ProtocolClient client(options);
  client.send("graph", "clear", {{"id", "g"}, {"main", true}});
  auto end = [](const Json& e) { return Json{{"node", e["process"]}, {"port", e["port"]}}; };
  for (const auto& [name, process] : noflo["processes"].items())
    client.send("graph", "addnode",
                {{"id", name}, {"component", process["component"]}, {"graph", "g"}});
  for (const Json& c : noflo["connections"]) {
    if (c.contains("src"))
      client.send("graph", "addedge",
                  {{"src", end(c["src"])}, {"tgt", end(c["tgt"])}, {"graph", "g"}});
    else
      client.send("graph", "addinitial",
                  {{"src", {{"data", c["data"]}}}, {"tgt", end(c["tgt"])}, {"graph", "g"}});
  }
  Readings readings;
  auto collect = [&](const std::vector<Json>& events) {
    for (const Json& e : ProtocolClient::all(events, "data")) {
      const Json& p = e["payload"];
      if (p.contains("src") && p["src"]["node"] == "thermometer" &&
          p["tgt"]["node"] == "hysteresis")
        readings.push_back({p["timeMs"].get<TimeMs>(), p["data"].get<double>()});
    }
  };
  collect(client.send("network", "start", {{"graph", "g"}}));
  // Chunks of 7 min 13.7 s: the clock must not care how a client slices time.
  for (TimeMs t = 0; t < kRunMs;) {
    const TimeMs step = std::min<TimeMs>(433700, kRunMs - t);
    collect(client.runtime().advance(step));
    t += step;
  }
  return readings;
}

TEST(OneClock, ProtocolRuntimeAndHeadlessRunnerSeeTheSameReadings) {
  const Readings a = headless();
  const Readings b = overProtocol();
  ASSERT_GT(a.size(), 1000u) << "a reading every 5 s";
  ASSERT_EQ(b.size(), a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(b[i].first, a[i].first) << "reading " << i;
    ASSERT_EQ(static_cast<float>(b[i].second), static_cast<float>(a[i].second)) << "reading " << i;
  }
}

}  // namespace
}  // namespace emflow::protocol
