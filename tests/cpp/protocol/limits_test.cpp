// The protocol runtime's caps (host/protocol/limits.h) and its secret: every message over a
// cap gets an `error` reply naming it and the runtime answers the next message; a restore of
// the runtime's own persisted graphs works when a secret is set.
#include <gtest/gtest.h>

#include <string>

#include "host/protocol/limits.h"
#include "protocol_client.h"

namespace emflow::protocol {
namespace {

using testing::ProtocolClient;

std::string nested(size_t depth) {
  return std::string(depth, '[') + "0" + std::string(depth, ']');
}

std::string errorOf(const std::vector<Json>& replies) {
  for (const Json& reply : replies) {
    if (reply["command"] == "error") return reply["payload"]["message"].get<std::string>();
  }
  return "";
}

void expectAnswersNext(ProtocolRuntime& runtime) {
  auto replies = runtime.handle(std::string(R"({"protocol":"runtime","command":"getruntime"})"));
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0]["command"], "runtime");
}

TEST(ProtocolLimits, DeepNestingInAnyFieldIsAnErrorReply) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  client.send("graph", "addnode", {{"id", "a"}, {"component", "Forward"}, {"graph", "g"}});
  const std::string deep = nested(10000);
  for (const std::string& text :
       {R"({"protocol":"graph","command":"addnode","payload":{"id":"b","component":"Drop",)"
        R"("graph":"g","metadata":{"x":)" +
            deep + "}}}",
        R"({"protocol":"graph","command":"addinitial","payload":{"graph":"g",)"
        R"("tgt":{"node":"a","port":"in"},"src":{"data":)" +
            deep + "}}}",
        R"({"protocol":"runtime","command":"getruntime","secret":)" + deep + "}", deep}) {
    std::string message = errorOf(client.runtime().handle(text));
    EXPECT_NE(message.find("nested deeper than the limit of 64"), std::string::npos) << message;
    expectAnswersNext(client.runtime());
  }
  EXPECT_TRUE(client.runtime().snapshot()["graphs"]["g"]["connections"].empty());
  EXPECT_EQ(client.runtime().snapshot()["graphs"]["g"]["processes"].size(), 1u);
}

TEST(ProtocolLimits, DeepJsonInsideAnIipStringIsAnError) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  client.send("graph", "addnode",
              {{"id", "t"}, {"component", "ReadDallasTemperature"}, {"graph", "g"}});
  std::string message = errorOf(client.send("graph", "addinitial",
                                            {{"src", {{"data", nested(5000)}}},
                                             {"tgt", {{"node", "t"}, {"port", "address"}}},
                                             {"graph", "g"}}));
  EXPECT_NE(message.find("nested deeper"), std::string::npos) << message;
  expectAnswersNext(client.runtime());
}

TEST(ProtocolLimits, RepliesToBytesThatAreNotUtf8CanBeSerialised) {
  ProtocolRuntime runtime{RuntimeOptions()};
  auto replies = runtime.handle(std::string("{\"protocol\":\"c\xe3omponent\"}"));
  EXPECT_NE(errorOf(replies).find("not valid JSON"), std::string::npos);
  for (const Json& reply : replies) EXPECT_NO_THROW(reply.dump());
  expectAnswersNext(runtime);
}

TEST(ProtocolLimits, MessagesOverTheByteCapAreRefused) {
  ProtocolRuntime runtime{RuntimeOptions()};
  std::string text = R"({"protocol":"runtime","command":"getruntime","pad":")" +
                     std::string(kMaxMessageBytes, 'x') + "\"}";
  std::string message = errorOf(runtime.handle(text));
  EXPECT_NE(message.find("message refused: at byte 4194304"), std::string::npos) << message;
  expectAnswersNext(runtime);
}

TEST(ProtocolLimits, ManyKeyMetadataIsOverTheMetadataCap) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  std::string text =
      R"({"protocol":"graph","command":"addnode","payload":{"id":"a","component":"Drop",)"
      R"("graph":"g","metadata":{)";
  for (int i = 0; i < 150000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  text += "}}}";
  std::string message = errorOf(client.runtime().handle(text));
  EXPECT_NE(message.find("payload.metadata is"), std::string::npos) << message;
  EXPECT_NE(message.find("more than the 16384"), std::string::npos) << message;
  EXPECT_TRUE(client.runtime().snapshot()["graphs"]["g"]["processes"].empty());
}

TEST(ProtocolLimits, MetadataGrownByChangesIsCapped) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  client.send("graph", "addnode", {{"id", "a"}, {"component", "Drop"}, {"graph", "g"}});
  const std::string chunk(5000, 'm');
  for (int i = 0; i < 3; ++i) {
    auto replies = client.send(
        "graph", "changenode",
        {{"id", "a"}, {"metadata", {{"k" + std::to_string(i), chunk}}}, {"graph", "g"}});
    EXPECT_EQ(errorOf(replies), "") << i;
  }
  std::string message = errorOf(client.send(
      "graph", "changenode", {{"id", "a"}, {"metadata", {{"k3", chunk}}}, {"graph", "g"}}));
  EXPECT_NE(message.find("metadata is"), std::string::npos) << message;
  EXPECT_FALSE(
      client.runtime().snapshot()["graphs"]["g"]["processes"]["a"]["metadata"].contains("k3"));
  // Removing keys (null) still works and keeps the order of the others.
  client.send("graph", "changenode",
              {{"id", "a"}, {"metadata", {{"k0", nullptr}, {"z", 1}}}, {"graph", "g"}});
  Json kept = client.runtime().snapshot()["graphs"]["g"]["processes"]["a"]["metadata"];
  EXPECT_EQ(kept.dump().substr(0, 7), "{\"k1\":\"");
  EXPECT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept["z"], 1);
}

TEST(ProtocolLimits, IipDataIsCapped) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  client.send("graph", "addnode", {{"id", "a"}, {"component", "Forward"}, {"graph", "g"}});
  std::string message = errorOf(client.send("graph", "addinitial",
                                            {{"src", {{"data", std::string(kMaxIipBytes, 'x')}}},
                                             {"tgt", {{"node", "a"}, {"port", "in"}}},
                                             {"graph", "g"}}));
  EXPECT_NE(message.find("payload.src.data is"), std::string::npos) << message;
}

TEST(ProtocolLimits, GraphAndNodeCounts) {
  ProtocolClient client;
  for (size_t i = 0; i < kMaxGraphs; ++i) {
    EXPECT_EQ(errorOf(client.send("graph", "clear", {{"id", "g" + std::to_string(i)}})), "");
  }
  std::string message = errorOf(client.send("graph", "clear", {{"id", "one-more"}}));
  EXPECT_NE(message.find("at most 128 graphs"), std::string::npos) << message;
  EXPECT_EQ(errorOf(client.send("graph", "clear", {{"id", "g0"}})), "");  // re-clearing is fine
  for (size_t i = 0; i < kMaxNodesPerGraph; ++i) {
    auto replies =
        client.send("graph", "addnode",
                    {{"id", "n" + std::to_string(i)}, {"component", "Drop"}, {"graph", "g0"}});
    ASSERT_EQ(errorOf(replies), "") << i;
  }
  message = errorOf(
      client.send("graph", "addnode", {{"id", "last"}, {"component", "Drop"}, {"graph", "g0"}}));
  EXPECT_NE(message.find("already has 128 nodes"), std::string::npos) << message;
}

TEST(ProtocolLimits, TraceKeepsTheNewestEventsAndCountsTheDropped) {
  ProtocolClient client;
  client.send("graph", "clear", {{"id", "g"}});
  client.send("graph", "addnode", {{"id", "t"}, {"component", "Timer"}, {"graph", "g"}});
  client.send("graph", "addnode", {{"id", "d"}, {"component", "Drop"}, {"graph", "g"}});
  client.send("graph", "addedge",
              {{"src", {{"node", "t"}, {"port", "out"}}},
               {"tgt", {{"node", "d"}, {"port", "in"}}},
               {"graph", "g"}});
  client.send(
      "graph", "addinitial",
      {{"src", {{"data", "1"}}}, {"tgt", {{"node", "t"}, {"port", "interval"}}}, {"graph", "g"}});
  client.send("trace", "start", {{"graph", "g"}});
  client.send("network", "start", {{"graph", "g"}});
  for (int i = 0; i < 15; ++i) client.runtime().advance(1000);  // one packet per ms
  const std::vector<Json> replies = client.send("trace", "dump", {{"graph", "g"}});
  const Json* dump = ProtocolClient::find(replies, "dump");
  ASSERT_NE(dump, nullptr);
  Json flowtrace = Json::parse((*dump)["payload"]["flowtrace"].get<std::string>());
  const size_t kept = flowtrace["events"].size();
  const uint64_t dropped = flowtrace["header"]["metadata"].value("droppedEvents", uint64_t{0});
  EXPECT_LE(kept, kMaxTraceEvents);
  EXPECT_GT(dropped, 0u);
  EXPECT_GE(kept + dropped, 14000u);
}

TEST(ProtocolSecret, WrongOrPartialSecretsAreRefused) {
  RuntimeOptions options;
  options.secret = "s3cret";
  ProtocolRuntime runtime(options);
  for (const char* secret : {"", "s3cre", "s3cret!", "S3cret", "s3crex"}) {
    Json message = makeMessage("graph", "clear", {{"id", "g"}});
    message["secret"] = secret;
    EXPECT_NE(errorOf(runtime.handle(message)).find("access denied"), std::string::npos) << secret;
    EXPECT_FALSE(runtime.lastAuthorised()) << secret;
  }
  Json message = makeMessage("graph", "clear", {{"id", "g"}});
  message["secret"] = "s3cret";
  EXPECT_EQ(errorOf(runtime.handle(message)), "");
  EXPECT_TRUE(runtime.lastAuthorised());
  runtime.handle(std::string("{not json"));
  EXPECT_FALSE(runtime.lastAuthorised());
}

TEST(ProtocolSecret, PersistedGraphsRestoreWhenASecretIsSet) {
  RuntimeOptions options;
  options.secret = "s3cret";
  ProtocolRuntime first(options);
  auto send = [&](ProtocolRuntime& runtime, const std::string& command, Json payload) {
    Json message = makeMessage("graph", command, std::move(payload));
    message["secret"] = "s3cret";
    return runtime.handle(message);
  };
  send(first, "clear", {{"id", "g"}, {"name", "g"}});
  send(first, "addnode", {{"id", "t"}, {"component", "Timer"}, {"graph", "g"}});
  send(first, "addnode", {{"id", "d"}, {"component", "Drop"}, {"graph", "g"}});
  send(first, "addedge",
       {{"src", {{"node", "t"}, {"port", "out"}}},
        {"tgt", {{"node", "d"}, {"port", "in"}}},
        {"graph", "g"}});
  send(
      first, "addinitial",
      {{"src", {{"data", "500"}}}, {"tgt", {{"node", "t"}, {"port", "interval"}}}, {"graph", "g"}});
  ProtocolRuntime second(options);
  auto replies = second.restore(first.snapshot());
  EXPECT_FALSE(replies.empty());
  EXPECT_EQ(errorOf(replies), "");
  EXPECT_EQ(second.snapshot(), first.snapshot());
  // Restoring needs no secret; clients still do.
  EXPECT_NE(
      errorOf(second.handle(makeMessage("graph", "clear", {{"id", "h"}}))).find("access denied"),
      std::string::npos);
}

}  // namespace
}  // namespace emflow::protocol
