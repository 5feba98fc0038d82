// What fbp-spec relies on: the input-driven clock (runUntilOutput), arrays at exported
// out-ports, SerialOut as network:output, component:getsource, and the activity world.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "protocol_client.h"

namespace emflow::protocol {
namespace {

using testing::ProtocolClient;

class InputClockTest : public ::testing::Test {
 protected:
  void SetUp() override { client.send("graph", "clear", {{"id", "g"}, {"main", true}}); }
  void node(const std::string& id, const std::string& component) {
    auto r =
        client.send("graph", "addnode", {{"id", id}, {"component", component}, {"graph", "g"}});
    ASSERT_EQ(r[0]["command"], "addnode") << r[0].dump();
  }
  void expose(const char* command, const std::string& name, const std::string& id,
              const std::string& port) {
    auto r = client.send("graph", command,
                         {{"public", name}, {"node", id}, {"port", port}, {"graph", "g"}});
    ASSERT_EQ(r[0]["command"], command) << r[0].dump();
  }
  std::vector<Json> send(const std::string& port, const Json& data) {
    return client.send("runtime", "packet",
                       {{"port", port}, {"event", "data"}, {"payload", data}, {"graph", "g"}});
  }
  // (port, payload) of every runtime:packet leaving the graph.
  static std::vector<std::pair<std::string, Json>> outputs(const std::vector<Json>& messages) {
    std::vector<std::pair<std::string, Json>> out;
    for (const Json& m : ProtocolClient::all(messages, "packet")) {
      out.push_back({m["payload"]["port"], m["payload"]["payload"]});
    }
    return out;
  }
  ProtocolClient client;
};

TEST_F(InputClockTest, TimeRunsFromAnInputToTheNextOutputOnly) {
  node("t", "Timer");
  node("n", "Count");
  client.send("graph", "addedge",
              {{"src", {{"node", "t"}, {"port", "out"}}},
               {"tgt", {{"node", "n"}, {"port", "in"}}},
               {"graph", "g"}});
  expose("addinport", "interval", "t", "interval");
  expose("addoutport", "bangs", "n", "out");
  client.send("network", "start", {{"graph", "g"}});
  ProtocolRuntime& runtime = client.runtime();
  EXPECT_TRUE(runtime.runUntilOutput(60000).empty()) << "no input yet: time stands still";
  EXPECT_EQ(runtime.nowMs(), 0u);
  send("interval", 300);
  auto events = runtime.runUntilOutput(60000);
  ASSERT_EQ(outputs(events).size(), 1u);
  EXPECT_EQ(outputs(events)[0].second, 1);
  EXPECT_EQ(runtime.nowMs(), 300u);
  EXPECT_TRUE(runtime.runUntilOutput(60000).empty());
  EXPECT_EQ(runtime.nowMs(), 300u);
  send("interval", 10000);
  EXPECT_TRUE(outputs(runtime.runUntilOutput(5000)).empty()) << "the limit comes first";
}

TEST_F(InputClockTest, AnAnswerAtOnceNeedsNoTime) {
  node("c", "Count");
  expose("addinport", "in", "c", "in");
  expose("addoutport", "out", "c", "out");
  client.send("network", "start", {{"graph", "g"}});
  auto replies = send("in", true);
  ASSERT_EQ(outputs(replies).size(), 1u);
  EXPECT_TRUE(client.runtime().runUntilOutput(60000).empty());
}

TEST_F(InputClockTest, BracketedSequencesLeaveAsOneArray) {
  node("f", "WindowFeatures");
  expose("addinport", "in", "f", "in");
  expose("addoutport", "out", "f", "out");
  client.send("graph", "addinitial",
              {{"src", {{"data", 2}}}, {"tgt", {{"node", "f"}, {"port", "size"}}}, {"graph", "g"}});
  client.send("network", "start", {{"graph", "g"}});
  EXPECT_TRUE(outputs(send("in", 4)).empty());
  auto out = outputs(send("in", 4));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].second, Json({4, 0, 4, 4, 4, 0}));
}

TEST_F(InputClockTest, SerialLinesAreNetworkOutput) {
  node("s", "SerialOut");
  expose("addinport", "in", "s", "in");
  client.send("network", "start", {{"graph", "g"}});
  auto replies = send("in", 3.25);
  auto lines = ProtocolClient::all(replies, "output");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["payload"], Json({{"message", "3.25"}, {"type", "message"}}));
}

TEST(ComponentSource, IsTheHeaderOrAClearError) {
  ProtocolClient client;
  auto reply = client.send("component", "getsource", {{"name", "core/HysteresisLatch"}});
  ASSERT_EQ(reply.size(), 1u);
  if (reply[0]["command"] == "source") {
    std::ifstream file(std::string(EMFLOW_SOURCE_DIR) + "/core/components/hysteresis_latch.h");
    std::stringstream text;
    text << file.rdbuf();
    EXPECT_EQ(reply[0]["payload"]["code"], text.str());
    EXPECT_EQ(reply[0]["payload"]["language"], "c++");
  } else {  // a build without core/host/protocol/component_sources.cmake
    EXPECT_NE(reply[0]["payload"]["message"].get<std::string>().find("embeds no component sources"),
              std::string::npos);
  }
  auto unknown = client.send("component", "getsource", {{"name", "Nothing"}});
  EXPECT_EQ(unknown[0]["command"], "error");
}

TEST(ActivityWorldRuntime, SamplesHoldTheTrueActivity) {
  RuntimeOptions options;
  options.world.name = "activity";
  options.world.seed = 3;
  ProtocolClient client(options);
  client.send("graph", "clear", {{"id", "g"}, {"main", true}});
  client.runtime().setSampleInterval(1000);
  client.runtime().advance(120000);
  auto samples = client.runtime().takeSamples();
  ASSERT_EQ(samples.size(), 121u);
  for (const WorldSample& s : samples) {
    ASSERT_EQ(s.values.size(), 4u);
    EXPECT_EQ(s.values[0].first, "activity");
    EXPECT_GE(s.values[0].second, 0);
    EXPECT_LT(s.values[0].second, 5);
  }
  // World names come from the registry (sim/world_registry.h).
  EXPECT_EQ(checkWorldOptions(options.world), "");
  WorldOptions moon;
  moon.name = "moon";
  EXPECT_EQ(checkWorldOptions(moon),
            "unknown world 'moon' (known: fridge, activity, replay, none)");
}

}  // namespace
}  // namespace emflow::protocol
