// network:* and trace:* behaviour: packets flow on the virtual clock, data events name the
// edges as NoFlo does, live edits take effect, the fridge world runs a thermostat graph.
#include <gtest/gtest.h>

#include "protocol_client.h"

namespace emflow::protocol {
namespace {

using testing::ProtocolClient;

Json end(const std::string& node, const std::string& port) {
  return {{"node", node}, {"port", port}};
}

class NetworkProtocolTest : public ::testing::Test {
 protected:
  void SetUp() override { client.send("graph", "clear", {{"id", "bar"}, {"main", true}}); }
  void node(const std::string& id, const std::string& component) {
    auto r =
        client.send("graph", "addnode", {{"id", id}, {"component", component}, {"graph", "bar"}});
    ASSERT_EQ(r[0]["command"], "addnode") << r[0].dump();
  }
  void edge(const std::string& a, const std::string& out, const std::string& b,
            const std::string& in) {
    auto r = client.send("graph", "addedge",
                         {{"src", end(a, out)}, {"tgt", end(b, in)}, {"graph", "bar"}});
    ASSERT_EQ(r[0]["command"], "addedge") << r[0].dump();
  }
  std::vector<Json> iip(const Json& data, const std::string& b, const std::string& in) {
    return client.send("graph", "addinitial",
                       {{"src", {{"data", data}}}, {"tgt", end(b, in)}, {"graph", "bar"}});
  }
  ProtocolClient client;
};

TEST_F(NetworkProtocolTest, TextThroughRepeatGivesNoFloDataEvents) {
  node("Hello", "core/Repeat");
  node("World", "core/Drop");
  edge("Hello", "out", "World", "in");
  iip("Hello, world!", "Hello", "in");
  auto replies = client.send("network", "start", {{"graph", "bar"}});
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0]["command"], "started");
  EXPECT_EQ(replies[0]["payload"]["started"], true);
  EXPECT_EQ(replies[1]["payload"], Json({{"id", "DATA -> IN Hello()"},
                                         {"tgt", end("Hello", "in")},
                                         {"data", "Hello, world!"},
                                         {"graph", "bar"}}));
  EXPECT_EQ(replies[2]["payload"], Json({{"id", "Hello() OUT -> IN World()"},
                                         {"src", end("Hello", "out")},
                                         {"tgt", end("World", "in")},
                                         {"data", "Hello, world!"},
                                         {"graph", "bar"}}));
  auto status = client.send("network", "getstatus", {{"graph", "bar"}});
  EXPECT_EQ(status[0]["payload"]["started"], true);
  EXPECT_EQ(status[0]["payload"]["running"], false);  // finished: nothing left to do
  auto stopped = client.send("network", "stop", {{"graph", "bar"}});
  EXPECT_EQ(stopped[0]["command"], "stopped");
  EXPECT_EQ(stopped[0]["payload"]["started"], false);
  EXPECT_EQ(client.send("network", "getstatus", {{"graph", "bar"}})[0]["payload"]["started"],
            false);
  EXPECT_EQ(client.send("network", "stop", {{"graph", "bar"}})[0]["command"], "error");
}

TEST_F(NetworkProtocolTest, TimerCountsOnTheVirtualClockWithTimes) {
  RuntimeOptions options;
  options.timeInEvents = true;
  ProtocolClient timed(options);
  timed.send("graph", "clear", {{"id", "g"}});
  timed.send("graph", "addnode", {{"id", "t"}, {"component", "Timer"}, {"graph", "g"}});
  timed.send("graph", "addnode", {{"id", "c"}, {"component", "Count"}, {"graph", "g"}});
  timed.send("graph", "addedge",
             {{"src", end("t", "out")}, {"tgt", end("c", "in")}, {"graph", "g"}});
  timed.send("graph", "addinitial",
             {{"src", {{"data", "250"}}}, {"tgt", end("t", "interval")}, {"graph", "g"}});
  timed.send("network", "start", {{"graph", "g"}});
  EXPECT_EQ(timed.send("network", "getstatus", {{"graph", "g"}})[0]["payload"]["running"], true);
  auto events = ProtocolClient::all(timed.runtime().advance(1000), "data");
  ASSERT_EQ(events.size(), 4u);  // bangs at 250, 500, 750, 1000 ms
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["payload"]["timeMs"], 250 * (i + 1));
    EXPECT_EQ(events[i]["payload"]["data"], nullptr);  // a bang
    EXPECT_EQ(events[i]["payload"]["id"], "t() OUT -> IN c()");
  }
}

TEST_F(NetworkProtocolTest, LiveEditsApplyWhileRunning) {
  node("t", "Timer");
  node("c", "Count");
  node("d", "Drop");
  edge("t", "out", "c", "in");
  iip(100, "t", "interval");
  client.send("network", "start", {{"graph", "bar"}});
  EXPECT_EQ(ProtocolClient::all(client.runtime().advance(1000), "data").size(), 10u);
  // Connect the counter while running: its counts appear from now on.
  edge("c", "out", "d", "in");
  auto events = ProtocolClient::all(client.runtime().advance(300), "data");
  ASSERT_EQ(events.size(), 6u);  // 3 bangs and 3 counts
  EXPECT_EQ(events[1]["payload"]["data"], 11);
  // Removing the timer stops everything.
  client.send("graph", "removenode", {{"id", "t"}, {"graph", "bar"}});
  EXPECT_TRUE(ProtocolClient::all(client.runtime().advance(1000), "data").empty());
}

TEST_F(NetworkProtocolTest, EdgesSelectsWhichEdgesReportData) {
  node("t", "Timer");
  node("c", "Count");
  node("d", "Drop");
  edge("t", "out", "c", "in");
  edge("c", "out", "d", "in");
  iip(100, "t", "interval");
  auto ack = client.send(
      "network", "edges",
      {{"graph", "bar"}, {"edges", {{{"src", end("c", "out")}, {"tgt", end("d", "in")}}}}});
  ASSERT_EQ(ack[0]["command"], "edges");
  client.send("network", "start", {{"graph", "bar"}});
  auto events = ProtocolClient::all(client.runtime().advance(500), "data");
  ASSERT_EQ(events.size(), 5u);
  for (const Json& e : events) EXPECT_EQ(e["payload"]["id"], "c() OUT -> IN d()");
  auto bad = client.send(
      "network", "edges",
      {{"graph", "bar"}, {"edges", {{{"src", end("d", "out")}, {"tgt", end("t", "in")}}}}});
  EXPECT_EQ(bad[0]["command"], "error");
}

TEST_F(NetworkProtocolTest, TraceDumpHoldsFlowtraceEvents) {
  node("t", "Timer");
  node("d", "Drop");
  edge("t", "out", "d", "in");
  iip(100, "t", "interval");
  EXPECT_EQ(client.send("trace", "start", {{"graph", "bar"}})[0]["command"], "start");
  client.send("network", "start", {{"graph", "bar"}});
  client.runtime().advance(300);
  auto dump = client.send("trace", "dump", {{"graph", "bar"}, {"type", "flowtrace.json"}});
  ASSERT_EQ(dump[0]["command"], "dump");
  Json flowtrace = Json::parse(dump[0]["payload"]["flowtrace"].get<std::string>());
  EXPECT_TRUE(flowtrace["header"]["graphs"].contains("bar"));
  // The interval IIP and three bangs.
  ASSERT_EQ(flowtrace["events"].size(), 4u);
  EXPECT_EQ(flowtrace["events"][3]["payload"]["time"], "1970-01-01T00:00:00.300Z");
  client.send("trace", "clear", {{"graph", "bar"}});
  dump = client.send("trace", "dump", {{"graph", "bar"}, {"type", "flowtrace.json"}});
  EXPECT_TRUE(Json::parse(dump[0]["payload"]["flowtrace"].get<std::string>())["events"].empty());
}

TEST_F(NetworkProtocolTest, BadInitialPacketForTypedPortIsRefused) {
  node("t", "Timer");
  auto replies = iip("soon", "t", "interval");
  ASSERT_EQ(replies[0]["command"], "error");
  EXPECT_NE(replies[0]["payload"]["message"].get<std::string>().find("t.interval"),
            std::string::npos);
  EXPECT_TRUE(client.runtime().snapshot()["graphs"]["bar"]["connections"].empty());
}

TEST_F(NetworkProtocolTest, PersistHandsOverASnapshotThatRestores) {
  node("t", "Timer");
  node("d", "Drop");
  edge("t", "out", "d", "in");
  iip("500", "t", "interval");
  EXPECT_EQ(client.send("network", "persist")[0]["command"], "error");  // no handler yet
  std::string saved;
  client.runtime().setPersistHandler([&](const std::string& snapshot) {
    saved = snapshot;
    return std::string();
  });
  EXPECT_TRUE(client.send("network", "persist").empty());
  ASSERT_FALSE(saved.empty());
  ProtocolClient other;
  auto replies = other.runtime().restore(Json::parse(saved));
  for (const Json& r : replies) EXPECT_NE(r["command"], "error") << r.dump();
  EXPECT_EQ(other.runtime().snapshot(), client.runtime().snapshot());
  other.send("network", "start", {{"graph", "bar"}});
  EXPECT_EQ(ProtocolClient::all(other.runtime().advance(1000), "data").size(), 2u);
}

TEST_F(NetworkProtocolTest, RuntimePacketsFlowThroughExportedPorts) {
  node("a", "Repeat");
  node("n", "InvertBoolean");
  edge("a", "out", "n", "in");
  client.send("graph", "addinport",
              {{"public", "in"}, {"node", "a"}, {"port", "in"}, {"graph", "bar"}});
  client.send("graph", "addoutport",
              {{"public", "out"}, {"node", "n"}, {"port", "out"}, {"graph", "bar"}});
  Json packet = {{"port", "in"}, {"event", "data"}, {"payload", true}, {"graph", "bar"}};
  EXPECT_EQ(client.send("runtime", "packet", packet)[0]["command"], "error");  // not running
  client.send("network", "start", {{"graph", "bar"}});
  auto replies = client.send("runtime", "packet", packet);
  const Json* sent = ProtocolClient::find(replies, "packetsent");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ((*sent)["payload"]["port"], "in");
  const Json* out = ProtocolClient::find(replies, "packet");
  ASSERT_NE(out, nullptr) << Json(replies).dump();
  EXPECT_EQ((*out)["payload"],
            Json({{"port", "out"}, {"event", "data"}, {"payload", false}, {"graph", "bar"}}));
  // The exported edge never shows up as a network error (the port is terminated).
  EXPECT_EQ(ProtocolClient::find(replies, "processerror"), nullptr);
  auto unknown = client.send(
      "runtime", "packet", {{"port", "nope"}, {"event", "data"}, {"payload", 1}, {"graph", "bar"}});
  EXPECT_EQ(unknown[0]["command"], "error");
}

// The reference thermostat of ARCHITECTURE.md, wired through protocol messages, keeps the
// virtual fridge near its thresholds and never energises both relays.
TEST(FridgeOverProtocol, ThermostatGraphRegulatesTheVirtualFridge) {
  RuntimeOptions options;
  options.timeInEvents = true;
  ProtocolClient client(options);
  client.send("graph", "clear", {{"id", "fridge"}, {"main", true}});
  const std::vector<std::pair<std::string, std::string>> nodes = {
      {"timer", "Timer"},
      {"thermometer", "ReadDallasTemperature"},
      {"hysteresis", "HysteresisLatch"},
      {"switch", "BreakBeforeMake"},
      {"ia", "InvertBoolean"},
      {"ib", "InvertBoolean"},
      {"ic", "InvertBoolean"},
      {"id", "InvertBoolean"},
      {"turnOn", "DigitalWrite"},
      {"turnOff", "DigitalWrite"},
      {"board", "ArduinoUno"}};
  for (const auto& n : nodes) {
    auto r = client.send("graph", "addnode",
                         {{"id", n.first}, {"component", n.second}, {"graph", "fridge"}});
    ASSERT_EQ(r[0]["command"], "addnode") << r[0].dump();
  }
  const std::vector<std::array<std::string, 4>> edges = {{"timer", "out", "thermometer", "trigger"},
                                                         {"thermometer", "out", "hysteresis", "in"},
                                                         {"hysteresis", "out", "switch", "in"},
                                                         {"switch", "out1", "ia", "in"},
                                                         {"ia", "out", "turnOn", "in"},
                                                         {"switch", "out2", "ic", "in"},
                                                         {"ic", "out", "turnOff", "in"},
                                                         {"turnOn", "out", "ib", "in"},
                                                         {"ib", "out", "switch", "monitor1"},
                                                         {"turnOff", "out", "id", "in"},
                                                         {"id", "out", "switch", "monitor2"},
                                                         {"board", "pin9", "thermometer", "pin"},
                                                         {"board", "pin12", "turnOff", "pin"},
                                                         {"board", "pin11", "turnOn", "pin"}};
  for (const auto& e : edges) {
    auto r = client.send("graph", "addedge",
                         {{"src", end(e[0], e[1])}, {"tgt", end(e[2], e[3])}, {"graph", "fridge"}});
    ASSERT_EQ(r[0]["command"], "addedge") << r[0].dump();
  }
  const std::vector<std::pair<Json, Json>> iips = {
      {"5000", end("timer", "interval")},
      {"4", end("hysteresis", "lowthreshold")},
      {"5", end("hysteresis", "highthreshold")},
      {R"(["0x28", "0xAF", "0x1C", "0xB2", "0x04", "0x00", "0x00", "0x33"])",
       end("thermometer", "address")}};
  for (const auto& i : iips) {
    Json data = i.first.get<std::string>().front() == '[' ? Json::parse(i.first.get<std::string>())
                                                          : i.first;
    auto r = client.send("graph", "addinitial",
                         {{"src", {{"data", data}}}, {"tgt", i.second}, {"graph", "fridge"}});
    ASSERT_EQ(r[0]["command"], "addinitial") << r[0].dump();
  }
  client.runtime().setSampleInterval(60000);
  auto started = client.send("network", "start", {{"graph", "fridge"}});
  for (const Json& r : started) ASSERT_NE(r["command"], "error") << r.dump();

  double minAir = 100, maxAir = -100;
  int readings = 0, compressorOnSamples = 0, samples = 0;
  for (int hour = 0; hour < 6; ++hour) {
    for (const Json& event : client.runtime().advance(3600 * 1000)) {
      ASSERT_NE(event["command"], "processerror") << event.dump();
      ASSERT_NE(event["command"], "error") << event.dump();
      if (event["payload"]["id"] == "thermometer() OUT -> IN hysteresis()") {
        ASSERT_TRUE(event["payload"]["data"].is_number()) << event.dump();
        ++readings;
      }
    }
    for (const WorldSample& s : client.runtime().takeSamples()) {
      std::map<std::string, double> v(s.values.begin(), s.values.end());
      if (hour >= 1) {  // after the first pull-down hour
        minAir = std::min(minAir, v["airC"]);
        maxAir = std::max(maxAir, v["airC"]);
      }
      EXPECT_FALSE(v["pin11"] == 1 && v["pin12"] == 1) << "both relays on at " << s.timeMs;
      compressorOnSamples += v["compressorOn"] > 0;
      ++samples;
    }
  }
  EXPECT_EQ(client.runtime().nowMs(), 6u * 3600 * 1000);
  EXPECT_EQ(samples, 6 * 60 + 1);  // t = 0 and every minute
  EXPECT_GT(readings, 4000);       // one every 5 s
  EXPECT_GT(compressorOnSamples, 0);
  EXPECT_LT(compressorOnSamples, samples);
  EXPECT_GT(minAir, 2.5);
  EXPECT_LT(maxAir, 6.5);
}

}  // namespace
}  // namespace emflow::protocol
