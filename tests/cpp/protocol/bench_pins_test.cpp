// The board panel's engine side: with world "none" (the bench world) a graph's pin writes come
// out of the live network as pin-change events (what web/src/board shows), and the inputs a
// person sets by hand — a DS18B20 temperature, analog counts — reach the graph.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "host/firmware/graph_file.h"
#include "host/graph/graph_json.h"
#include "protocol_client.h"

namespace emflow::protocol {
namespace {

using testing::ProtocolClient;

// Loads examples/NAME.fbp as graph "g" over the protocol against the bench world.
void load(ProtocolClient& client, const std::string& name) {
  std::vector<std::string> errors;
  auto graph = firmware::readGraphFile(EMFLOW_SOURCE_DIR "/examples/" + name, &errors);
  ASSERT_TRUE(graph) << (errors.empty() ? "" : errors.front());
  const Json noflo = graph::toNoFloJson(*graph);
  client.runtime().resetWorld(WorldOptions{"none", 1, ""});
  client.send("graph", "clear", {{"id", "g"}, {"main", true}});
  auto end = [](const Json& e) { return Json{{"node", e["process"]}, {"port", e["port"]}}; };
  for (const auto& [id, process] : noflo["processes"].items())
    client.send("graph", "addnode",
                {{"id", id}, {"component", process["component"]}, {"graph", "g"}});
  for (const Json& c : noflo["connections"]) {
    if (c.contains("src"))
      client.send("graph", "addedge",
                  {{"src", end(c["src"])}, {"tgt", end(c["tgt"])}, {"graph", "g"}});
    else
      client.send("graph", "addinitial",
                  {{"src", {{"data", c["data"]}}}, {"tgt", end(c["tgt"])}, {"graph", "g"}});
  }
}

void expectNoErrors(const std::vector<Json>& events) {
  for (const Json& e : events) {
    EXPECT_NE(e["command"], "error") << e.dump();
    EXPECT_NE(e["command"], "processerror") << e.dump();
  }
}

TEST(BenchPins, BlinkReportsEveryToggleOfPin13) {
  ProtocolClient client;
  load(client, "blink.fbp");
  expectNoErrors(client.send("network", "start", {{"graph", "g"}}));
  expectNoErrors(client.runtime().advance(5000));
  uint64_t dropped = 99;
  std::vector<PinEvent> events = client.runtime().takePinEvents(&dropped);
  EXPECT_EQ(dropped, 0u);
  ASSERT_EQ(events.size(), 10u);  // a toggle every 500 ms for 5 s
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].pin, 13);
    EXPECT_FALSE(events[i].pwm);
    EXPECT_EQ(events[i].timeMs, 500 * (i + 1));
    EXPECT_EQ(events[i].value, i % 2 == 0 ? 1 : 0);  // ToggleBoolean starts with true
  }
  EXPECT_TRUE(client.runtime().takePinEvents(&dropped).empty());  // taken means gone
}

TEST(BenchPins, AHandSetTemperatureDrivesTheGraphAndOnlyChangesAreReported) {
  ProtocolClient client;
  load(client, "temperature_alarm.fbp");  // DS18B20 on pin 9, alarm LED on 13 at >= 8 °C
  std::string error;
  ASSERT_TRUE(client.runtime().setWorldInputs({{"T9", 4.0}}, &error)) << error;
  expectNoErrors(client.send("network", "start", {{"graph", "g"}}));
  expectNoErrors(client.runtime().advance(3 * 60000));  // three readings at 4 °C
  uint64_t dropped = 0;
  std::vector<PinEvent> cold = client.runtime().takePinEvents(&dropped);
  ASSERT_EQ(cold.size(), 1u);  // the first write, then the same level again: no change
  EXPECT_EQ(cold[0].pin, 13);
  EXPECT_EQ(cold[0].value, 0);

  ASSERT_TRUE(client.runtime().setWorldInputs({{"T9", 12.5}}, &error)) << error;
  expectNoErrors(client.runtime().advance(60000));
  std::vector<PinEvent> warm = client.runtime().takePinEvents(&dropped);
  ASSERT_EQ(warm.size(), 1u);
  EXPECT_EQ(warm[0].value, 1);

  // The sample carries the inputs set by hand, for the board panel's sliders.
  WorldSample now = client.runtime().worldSample();
  bool seen = false;
  for (const auto& v : now.values) seen |= v.first == "T9" && v.second == 12.5;
  EXPECT_TRUE(seen);
}

TEST(BenchPins, ReportsAPwmDutyAsItsOwnKindOfChange) {
  ProtocolClient client;
  client.runtime().resetWorld(WorldOptions{"none", 1, ""});
  client.send("graph", "clear", {{"id", "g"}, {"main", true}});
  client.send("graph", "addnode", {{"id", "fan"}, {"component", "PwmWrite"}, {"graph", "g"}});
  client.send("graph", "addnode", {{"id", "sink"}, {"component", "Drop"}, {"graph", "g"}});
  client.send("graph", "addedge",
              {{"src", {{"node", "fan"}, {"port", "out"}}},
               {"tgt", {{"node", "sink"}, {"port", "in"}}},
               {"graph", "g"}});
  for (const auto& [port, value] : {std::pair<const char*, int>{"pin", 6}, {"in", 128}})
    client.send(
        "graph", "addinitial",
        {{"src", {{"data", value}}}, {"tgt", {{"node", "fan"}, {"port", port}}}, {"graph", "g"}});
  expectNoErrors(client.send("network", "start", {{"graph", "g"}}));
  expectNoErrors(client.runtime().advance(100));
  uint64_t dropped = 0;
  std::vector<PinEvent> events = client.runtime().takePinEvents(&dropped);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].pin, 6);
  EXPECT_TRUE(events[0].pwm);
  EXPECT_EQ(events[0].value, 128);
}

TEST(BenchPins, RefusesUnknownInputsAndValuesOutOfRangeWithTheReason) {
  ProtocolClient client;
  load(client, "blink.fbp");
  std::string error;
  EXPECT_FALSE(client.runtime().setWorldInputs({{"ambientC", 20}}, &error));
  EXPECT_NE(error.find("no input 'ambientC'"), std::string::npos) << error;
  EXPECT_FALSE(client.runtime().setWorldInputs({{"A0", 2000}}, &error));
  EXPECT_NE(error.find("0 and 1023"), std::string::npos) << error;
  EXPECT_FALSE(client.runtime().setWorldInputs({{"T9", 200}}, &error));
  EXPECT_NE(error.find("-55 and 125"), std::string::npos) << error;
  EXPECT_FALSE(client.runtime().setWorldInputs({{"D25", 1}}, &error));
  EXPECT_FALSE(client.runtime().setWorldInputs({{"A9", 1}}, &error));
  EXPECT_TRUE(client.runtime().setWorldInputs({{"A0", 512}, {"D2", 1}}, &error)) << error;
}

}  // namespace
}  // namespace emflow::protocol
