// JSON as JavaScript writes it, and NoFlo JSON graphs read back with located errors.
#include <gtest/gtest.h>

#include <cmath>

#include "host/graph/fbp_parser.h"
#include "host/graph/graph_json.h"
#include "host/graph/js_json.h"

namespace emflow::graph {
namespace {

TEST(JsJson, NumbersFormatLikeJavaScript) {
  EXPECT_EQ(formatJsNumber(1), "1");
  EXPECT_EQ(formatJsNumber(-0.0), "0");
  EXPECT_EQ(formatJsNumber(1.5), "1.5");
  EXPECT_EQ(formatJsNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(formatJsNumber(1e21), "1e+21");
  EXPECT_EQ(formatJsNumber(1e20), "100000000000000000000");
  EXPECT_EQ(formatJsNumber(0.000001), "0.000001");
  EXPECT_EQ(formatJsNumber(1e-7), "1e-7");
  EXPECT_EQ(formatJsNumber(-123.456e-10), "-1.23456e-8");
  EXPECT_EQ(formatJsNumber(NAN), "NaN");
}

TEST(JsJson, StringifyOrdersIntegerKeysFirstAndEscapesLikeJsonStringify) {
  Json value = Json::object();
  value["b"] = 1;
  value["10"] = 2;
  value["2"] = Json::array({NAN, "tab\there", "\x01"});
  EXPECT_EQ(stringifyJs(value, 0), "{\"2\":[null,\"tab\\there\",\"\\u0001\"],\"10\":2,\"b\":1}");
  EXPECT_EQ(stringifyJs(Json::object(), 2), "{}");
  EXPECT_EQ(stringifyJs(Json::array({1}), 2), "[\n  1\n]");
  // A lone surrogate from a "\ud800" escape is written back as an escape.
  EXPECT_EQ(quoteJsString("\xED\xA0\x80"), "\"\\ud800\"");
}

TEST(JsonGraph, RoundTripsWhatTheParserProduces) {
  GraphResult parsed = parseFbp(
      "# @name G\nINPORT=a.IN:go\na(A:x=3) OUT[1] -> IN b(B)\n{\"k\": [1, 2.5]} -> IN a\n");
  ASSERT_TRUE(parsed.ok());
  std::string json = writeJsonGraph(*parsed.graph);
  GraphResult reread = readJsonGraph(json);
  ASSERT_TRUE(reread.ok()) << reread.errors[0].format();
  EXPECT_EQ(writeJsonGraph(*reread.graph), json);
}

TEST(JsonGraph, KeepsNoFloExtrasFbpCannotExpress) {
  std::string json = R"({"processes": {"a": {"component": "A"}},
    "groups": [{"name": "g", "nodes": ["a"], "metadata": {"description": "d"}}],
    "connections": [{"src": {"process": "a", "port": "out"}, "tgt": {"process": "a", "port": "in"},
                     "metadata": {"route": 3}}],
    "inports": {"x": {"process": "a", "port": "in", "metadata": {"x": 1}}}})";
  GraphResult result = readJsonGraph(json);
  ASSERT_TRUE(result.ok());
  Json written = toNoFloJson(*result.graph);
  EXPECT_EQ(written["groups"][0]["metadata"]["description"], "d");
  EXPECT_EQ(written["connections"][0]["metadata"]["route"], 3);
  EXPECT_EQ(written["inports"]["x"]["metadata"]["x"], 1);
}

TEST(JsonGraph, ALoneSurrogateInMetadataIsKeptAndWrittenBack) {
  // Found by fuzz_json_graph: the size check of node and edge metadata serialised it with
  // Json::dump, which throws on the WTF-8 the reader keeps for "\ud800"; `emflow check` died.
  std::string json = R"({"processes": {"a": {"component": "A", "metadata": {"note": "x \ud800 y"}}},
    "connections": [{"src": {"process": "a", "port": "out"}, "tgt": {"process": "a", "port": "in"},
                     "metadata": {"route": "\ud800"}}]})";
  GraphResult result = readJsonGraph(json);
  ASSERT_TRUE(result.ok()) << result.errors[0].format();
  const std::string written = writeJsonGraph(*result.graph);
  EXPECT_NE(written.find("\"note\": \"x \\ud800 y\""), std::string::npos) << written;
  EXPECT_NE(written.find("\"route\": \"\\ud800\""), std::string::npos) << written;
}

TEST(JsonGraph, BadJsonIsLocated) {
  GraphResult result = readJsonGraph("{\n  \"processes\": {\n    \"a\": {\"component\": \"A\",}\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(formatLocation(result.errors[0].location), "3:28");  // the stray "}"
  EXPECT_EQ(result.errors[0].message.rfind("invalid JSON: Expected", 0), 0u);
}

TEST(JsonGraph, BadStructureNamesThePathAndLocation) {
  GraphResult result = readJsonGraph(
      "{\"processes\": {\"a\": {\"component\": 5}},\n"
      " \"connections\": [{\"src\": {\"process\": \"a\"}, \"tgt\": {\"process\": \"a\", \"port\": "
      "\"in\", \"index\": -1}}, {\"tgt\": {\"process\": \"a\", \"port\": \"in\"}}]}");
  ASSERT_FALSE(result.ok());
  std::vector<std::string> messages;
  for (const Diagnostic& error : result.errors) messages.push_back(error.format());
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0], "1:35: processes.a.component must be a string");
  EXPECT_EQ(messages[1], "2:91: connections[0].tgt.index must be a non-negative integer");
  EXPECT_EQ(messages[2], "2:26: connections[0].src has no \"port\"");
  EXPECT_EQ(messages[3], "2:97: connections[1] has neither \"src\" nor \"data\"");
}

TEST(JsonGraph, RejectsNonObjectsAndTrailingGarbage) {
  EXPECT_FALSE(readJsonGraph("[]").ok());
  EXPECT_FALSE(readJsonGraph("{} x").ok());
  EXPECT_FALSE(readJsonGraph("").ok());
  EXPECT_FALSE(readJsonGraph(std::string(10000, '[')).ok());
}

}  // namespace
}  // namespace emflow::graph
