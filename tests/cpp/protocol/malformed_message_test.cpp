// Every malformed, unknown or out-of-order message gets an `error` reply of its protocol;
// nothing throws out of ProtocolRuntime::handle and the runtime keeps working afterwards.
#include <gtest/gtest.h>

#include "protocol_client.h"

namespace emflow::protocol {
namespace {

using testing::ProtocolClient;

void expectOneError(const std::vector<Json>& replies, const std::string& protocol,
                    const std::string& fragment) {
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0]["protocol"], protocol);
  EXPECT_EQ(replies[0]["command"], "error");
  std::string message = replies[0]["payload"]["message"];
  EXPECT_NE(message.find(fragment), std::string::npos) << message;
}

TEST(MalformedMessages, TextThatIsNotAMessage) {
  ProtocolRuntime runtime{RuntimeOptions()};
  expectOneError(runtime.handle(std::string("{not json")), "runtime", "not valid JSON");
  expectOneError(runtime.handle(std::string("[1,2]")), "runtime", "protocol and command");
  expectOneError(runtime.handle(std::string(R"({"protocol": 3, "command": "x"})")), "runtime",
                 "protocol and command");
  expectOneError(runtime.handle(std::string(R"({"protocol": "foo", "command": "x"})")), "runtime",
                 "unknown protocol foo");
  expectOneError(
      runtime.handle(std::string(R"({"protocol": "graph", "command": "clear", "payload": 7})")),
      "graph", "payload must be an object");
  expectOneError(runtime.handle(std::string("")), "runtime", "not valid JSON");
}

TEST(MalformedMessages, UnknownCommandsPerProtocol) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  expectOneError(client.send("runtime", "frobnicate"), "runtime", "unknown command");
  expectOneError(client.send("graph", "frobnicate", {{"graph", "g"}}), "graph", "unknown command");
  expectOneError(client.send("component", "frobnicate"), "component", "unknown command");
  expectOneError(client.send("network", "frobnicate", {{"graph", "g"}}), "network",
                 "unknown command");
  expectOneError(client.send("trace", "frobnicate", {{"graph", "g"}}), "trace", "unknown command");
}

TEST(MalformedMessages, WrongFieldTypesNameTheField) {
  ProtocolClient client;
  expectOneError(client.send("graph", "clear", {{"id", 5}}), "graph", "payload.id");
  client.send("graph", "clear", {{"id", "g"}});
  expectOneError(client.send("graph", "addnode", {{"id", "a"}, {"graph", "g"}}), "graph",
                 "payload.component");
  expectOneError(client.send("graph", "addnode",
                             {{"id", "a"}, {"component", "Drop"}, {"metadata", 3}, {"graph", "g"}}),
                 "graph", "payload.metadata must be an object");
  expectOneError(client.send("graph", "addedge", {{"src", "a.out"}, {"tgt", {}}, {"graph", "g"}}),
                 "graph", "payload.src must be an object");
  client.send("graph", "addnode", {{"id", "a"}, {"component", "Forward"}, {"graph", "g"}});
  expectOneError(client.send("graph", "addedge",
                             {{"src", {{"node", "a"}, {"port", "out"}, {"index", -1}}},
                              {"tgt", {{"node", "a"}, {"port", "in"}}},
                              {"graph", "g"}}),
                 "graph", "payload.index");
  expectOneError(
      client.send(
          "graph", "addinitial",
          {{"src", Json::object()}, {"tgt", {{"node", "a"}, {"port", "in"}}}, {"graph", "g"}}),
      "graph", "payload.src.data");
  expectOneError(
      client.send("graph", "addnode", {{"id", "b"}, {"component", "Drop"}, {"graph", 1}}), "graph",
      "payload.graph must be a string");
  expectOneError(client.send("network", "edges", {{"graph", "g"}, {"edges", "all"}}), "network",
                 "payload.edges must be an array");
  expectOneError(client.send("network", "debug", {{"graph", "g"}, {"enable", "yes"}}), "network",
                 "payload.enable must be a boolean");
}

TEST(MalformedMessages, OutOfOrderMessages) {
  ProtocolClient client;
  expectOneError(client.send("network", "start", {{"graph", "nope"}}), "network",
                 "Requested graph not found");
  expectOneError(client.send("trace", "dump", {{"graph", "nope"}}), "trace",
                 "Requested graph not found");
  client.send("graph", "clear", {{"id", "g"}});
  expectOneError(client.send("network", "stop", {{"graph", "g"}}), "network", "not running");
  expectOneError(client.send("graph", "removenode", {{"id", "x"}, {"graph", "g"}}), "graph",
                 "no node x");
  expectOneError(client.send("graph", "renamenode", {{"from", "x"}, {"to", "y"}, {"graph", "g"}}),
                 "graph", "no node x");
  client.send("graph", "addnode", {{"id", "a"}, {"component", "Forward"}, {"graph", "g"}});
  expectOneError(
      client.send("graph", "addnode", {{"id", "a"}, {"component", "Forward"}, {"graph", "g"}}),
      "graph", "already exists");
  expectOneError(client.send("graph", "removeedge",
                             {{"src", {{"node", "a"}, {"port", "out"}}},
                              {"tgt", {{"node", "a"}, {"port", "in"}}},
                              {"graph", "g"}}),
                 "graph", "no edge");
  // The runtime still works.
  EXPECT_EQ(client.send("network", "start", {{"graph", "g"}})[0]["command"], "started");
}

TEST(MalformedMessages, ACycleThatNeverIdlesIsStoppedAndReported) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  client.send("graph", "addnode", {{"id", "a"}, {"component", "Forward"}, {"graph", "g"}});
  client.send("graph", "addnode", {{"id", "b"}, {"component", "Repeat"}, {"graph", "g"}});
  client.send("graph", "addedge",
              {{"src", {{"node", "a"}, {"port", "out"}}},
               {"tgt", {{"node", "b"}, {"port", "in"}}},
               {"graph", "g"}});
  client.send("graph", "addedge",
              {{"src", {{"node", "b"}, {"port", "out"}}},
               {"tgt", {{"node", "a"}, {"port", "in"}}},
               {"graph", "g"}});
  client.send(
      "network", "edges",
      {{"graph", "g"},
       {"edges",
        {{{"src", {{"node", "a"}, {"port", "out"}}}, {"tgt", {{"node", "b"}, {"port", "in"}}}}}}});
  client.send("graph", "addinitial",
              {{"src", {{"data", 1}}}, {"tgt", {{"node", "a"}, {"port", "in"}}}, {"graph", "g"}});
  auto replies = client.send("network", "start", {{"graph", "g"}});
  const Json* error = ProtocolClient::find(replies, "error");
  ASSERT_NE(error, nullptr);
  EXPECT_NE((*error)["payload"]["message"].get<std::string>().find("never became idle"),
            std::string::npos);
  EXPECT_EQ(client.send("network", "getstatus", {{"graph", "g"}})[0]["payload"]["started"], false);
}

}  // namespace
}  // namespace emflow::protocol
