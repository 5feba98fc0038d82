// graph:* and runtime:* behaviour, following the sequence fbp-test's compliance suite uses.
#include <gtest/gtest.h>

#include "protocol_client.h"

namespace emflow::protocol {
namespace {

using testing::ProtocolClient;

class GraphProtocolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto replies = client.send("graph", "clear", {{"id", "foo"}, {"main", true}, {"name", "Foo"}});
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0]["payload"], Json({{"id", "foo"}, {"name", "Foo"}, {"main", true}}));
  }
  std::vector<Json> add(const std::string& id, const std::string& component) {
    return client.send(
        "graph", "addnode",
        {{"id", id}, {"component", component}, {"metadata", Json::object()}, {"graph", "foo"}});
  }
  ProtocolClient client;
};

TEST(RuntimeProtocol, GetRuntimeReportsCapabilitiesAndMainGraph) {
  ProtocolClient client;
  auto replies = client.send("runtime", "getruntime");
  ASSERT_EQ(replies.size(), 1u);
  const Json& p = replies[0]["payload"];
  EXPECT_EQ(replies[0]["command"], "runtime");
  EXPECT_EQ(p["type"], "emflow");
  EXPECT_EQ(p["version"], "0.7");
  std::vector<std::string> caps = p["capabilities"];
  for (const char* cap : {"protocol:graph", "protocol:network", "protocol:component",
                          "protocol:trace", "network:data"}) {
    EXPECT_NE(std::find(caps.begin(), caps.end(), cap), caps.end()) << cap;
  }
  EXPECT_FALSE(p.contains("graph"));
  client.send("graph", "clear", {{"id", "g"}});
  EXPECT_EQ(client.send("runtime", "getruntime")[0]["payload"]["graph"], "g");
}

TEST(RuntimeProtocol, WrongSecretGetsNoCapabilitiesAndNoAccess) {
  RuntimeOptions options;
  options.secret = "s3cret";
  ProtocolClient client(options);
  auto runtime = client.send("runtime", "getruntime", {{"secret", "nope"}});
  EXPECT_TRUE(runtime[0]["payload"]["capabilities"].empty());
  auto denied = client.send("graph", "clear", {{"id", "g"}, {"secret", "nope"}});
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_EQ(denied[0]["command"], "error");
  EXPECT_NE(denied[0]["payload"]["message"].get<std::string>().find("secret"), std::string::npos);
  auto allowed = client.send("graph", "clear", {{"id", "g"}, {"secret", "s3cret"}});
  EXPECT_EQ(allowed[0]["command"], "clear");
  EXPECT_FALSE(allowed[0]["payload"].contains("secret"));  // never echoed
}

TEST_F(GraphProtocolTest, AddNodeAcceptsLibraryPrefixAndEchoesPayload) {
  auto replies = client.send("graph", "addnode",
                             {{"id", "Repeat1"},
                              {"component", "core/Repeat"},
                              {"metadata", {{"hello", "World"}}},
                              {"graph", "foo"}});
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0]["payload"], Json({{"id", "Repeat1"},
                                         {"component", "core/Repeat"},
                                         {"metadata", {{"hello", "World"}}},
                                         {"graph", "foo"}}));
}

TEST_F(GraphProtocolTest, UnknownComponentIsAnErrorWithSuggestionAndNoNode) {
  auto replies = add("t", "Timr");
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0]["command"], "error");
  EXPECT_NE(replies[0]["payload"]["message"].get<std::string>().find("did you mean Timer?"),
            std::string::npos);
  // The node does not exist: an edge to it is refused.
  add("d", "Drop");
  auto edge = client.send("graph", "addedge",
                          {{"src", {{"node", "t"}, {"port", "out"}}},
                           {"tgt", {{"node", "d"}, {"port", "in"}}},
                           {"graph", "foo"}});
  EXPECT_EQ(edge[0]["command"], "error");
}

TEST_F(GraphProtocolTest, ChangeNodeMergesAndNullRemovesMetadata) {
  add("Drop1", "core/Drop");
  client.send("graph", "changenode",
              {{"id", "Drop1"}, {"metadata", {{"sort", 1}}}, {"graph", "foo"}});
  auto merged =
      client.send("graph", "changenode",
                  {{"id", "Drop1"}, {"metadata", {{"tag", "awesome"}}}, {"graph", "foo"}});
  EXPECT_EQ(merged[0]["payload"]["metadata"], Json({{"sort", 1}, {"tag", "awesome"}}));
  auto cleared = client.send(
      "graph", "changenode",
      {{"id", "Drop1"}, {"metadata", {{"sort", nullptr}, {"tag", nullptr}}}, {"graph", "foo"}});
  EXPECT_EQ(cleared[0]["payload"]["metadata"], Json::object());
}

TEST_F(GraphProtocolTest, RemoveNodeRemovesItsEdgesFirst) {
  add("Repeat1", "core/Repeat");
  add("Drop1", "core/Drop");
  Json src = {{"node", "Repeat1"}, {"port", "out"}}, tgt = {{"node", "Drop1"}, {"port", "in"}};
  auto edge =
      client.send("graph", "addedge",
                  {{"src", src}, {"tgt", tgt}, {"metadata", {{"route", 5}}}, {"graph", "foo"}});
  EXPECT_EQ(edge[0]["payload"]["metadata"], Json({{"route", 5}}));
  auto replies = client.send("graph", "removenode", {{"id", "Drop1"}, {"graph", "foo"}});
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0]["command"], "removeedge");
  EXPECT_EQ(replies[0]["payload"], Json({{"src", src}, {"tgt", tgt}, {"graph", "foo"}}));
  EXPECT_EQ(replies[1]["command"], "removenode");
}

TEST_F(GraphProtocolTest, InitialPacketsAddRemoveAndFollowRenames) {
  add("Repeat1", "core/Repeat");
  Json tgt = {{"node", "Repeat1"}, {"port", "in"}};
  auto added = client.send("graph", "addinitial",
                           {{"src", {{"data", "Hello, world!"}}},
                            {"tgt", tgt},
                            {"metadata", Json::object()},
                            {"graph", "foo"}});
  EXPECT_EQ(added[0]["command"], "addinitial");
  auto renamed =
      client.send("graph", "renamenode", {{"from", "Repeat1"}, {"to", "R"}, {"graph", "foo"}});
  EXPECT_EQ(renamed[0]["payload"], Json({{"from", "Repeat1"}, {"to", "R"}, {"graph", "foo"}}));
  auto old = client.send("graph", "removeinitial", {{"tgt", tgt}, {"graph", "foo"}});
  EXPECT_EQ(old[0]["command"], "error");
  auto removed = client.send("graph", "removeinitial",
                             {{"tgt", {{"node", "R"}, {"port", "in"}}}, {"graph", "foo"}});
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0]["payload"]["src"]["data"], "Hello, world!");
}

TEST_F(GraphProtocolTest, ExportedPortsAckAndReportPorts) {
  add("R", "Repeat");
  auto in = client.send("graph", "addinport",
                        {{"public", "in"}, {"node", "R"}, {"port", "in"}, {"graph", "foo"}});
  ASSERT_EQ(in.size(), 2u);
  EXPECT_EQ(in[0]["payload"],
            Json({{"public", "in"}, {"node", "R"}, {"port", "in"}, {"graph", "foo"}}));
  EXPECT_EQ(in[1]["command"], "ports");
  EXPECT_EQ(in[1]["payload"]["inPorts"][0]["id"], "in");
  auto bad = client.send("graph", "addoutport",
                         {{"public", "x"}, {"node", "R"}, {"port", "nope"}, {"graph", "foo"}});
  EXPECT_EQ(bad[0]["command"], "error");
  client.send("graph", "addoutport",
              {{"public", "out"}, {"node", "R"}, {"port", "out"}, {"graph", "foo"}});
  auto removed = client.send("graph", "removeoutport", {{"public", "out"}, {"graph", "foo"}});
  EXPECT_EQ(removed[0]["payload"], Json({{"public", "out"}, {"graph", "foo"}}));
  auto renamed =
      client.send("graph", "renameinport", {{"from", "in"}, {"to", "input"}, {"graph", "foo"}});
  EXPECT_EQ(renamed[0]["command"], "renameinport");
  EXPECT_EQ(client.runtime().snapshot()["graphs"]["foo"]["inports"].begin().key(), "input");
}

TEST_F(GraphProtocolTest, GroupsLifecycle) {
  add("a", "Forward");
  add("b", "Forward");
  auto added =
      client.send("graph", "addgroup", {{"name", "g"}, {"nodes", {"a", "b"}}, {"graph", "foo"}});
  EXPECT_EQ(added[0]["payload"]["nodes"], Json({"a", "b"}));
  EXPECT_EQ(client.send("graph", "addgroup",
                        {{"name", "h"}, {"nodes", {"zz"}}, {"graph", "foo"}})[0]["command"],
            "error");
  client.send("graph", "renamegroup", {{"from", "g"}, {"to", "G"}, {"graph", "foo"}});
  auto changed = client.send("graph", "changegroup",
                             {{"name", "G"}, {"metadata", {{"color", 1}}}, {"graph", "foo"}});
  EXPECT_EQ(changed[0]["payload"]["metadata"], Json({{"color", 1}}));
  EXPECT_EQ(client.send("graph", "removegroup", {{"name", "G"}, {"graph", "foo"}})[0]["command"],
            "removegroup");
}

TEST_F(GraphProtocolTest, WrongPortNamesListTheRealOnes) {
  add("t", "Timer");
  add("c", "Count");
  auto replies = client.send("graph", "addedge",
                             {{"src", {{"node", "t"}, {"port", "output"}}},
                              {"tgt", {{"node", "c"}, {"port", "in"}}},
                              {"graph", "foo"}});
  ASSERT_EQ(replies[0]["command"], "error");
  std::string message = replies[0]["payload"]["message"];
  EXPECT_NE(message.find("no out-port output on t(Timer)"), std::string::npos) << message;
  EXPECT_NE(message.find("(it has: out)"), std::string::npos) << message;
}

TEST_F(GraphProtocolTest, GraphErrorsUseTheSpecMessages) {
  auto missing = client.send("graph", "addnode", {{"id", "x"}, {"component", "Drop"}});
  EXPECT_EQ(missing[0]["payload"]["message"], "No graph specified");
  auto unknown = client.send("graph", "addnode",
                             {{"id", "x"}, {"component", "Drop"}, {"graph", "another-graph"}});
  EXPECT_EQ(unknown[0]["payload"]["message"], "Requested graph not found");
}

TEST(ComponentProtocol, ListsEveryLibraryComponentThenReady) {
  RuntimeOptions options;
  options.componentPrefix = "core";
  ProtocolClient client(options);
  auto replies = client.send("component", "list");
  ASSERT_GE(replies.size(), 30u);
  EXPECT_EQ(replies.back()["command"], "componentsready");
  EXPECT_EQ(replies.back()["payload"], static_cast<int>(replies.size() - 1));
  const Json* timer = nullptr;
  for (const Json& r : replies) {
    if (r["payload"].is_object() && r["payload"]["name"] == "core/Timer") timer = &r;
  }
  ASSERT_NE(timer, nullptr);
  EXPECT_EQ((*timer)["payload"]["inPorts"][0]["id"], "interval");
  EXPECT_EQ((*timer)["payload"]["inPorts"][0]["type"], "int");
  EXPECT_EQ((*timer)["payload"]["inPorts"][0]["default"], 1000);
  EXPECT_EQ((*timer)["payload"]["subgraph"], false);
}

}  // namespace
}  // namespace emflow::protocol
