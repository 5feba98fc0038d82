// Behaviour of the .fbp parser that users and other modules rely on, checked directly (the
// differential test checks agreement with npm fbp; these pin down what that agreement means).
#include <gtest/gtest.h>

#include <string>

#include "host/graph/fbp_parser.h"
#include "host/graph/graph_json.h"

namespace emflow::graph {
namespace {

Graph parseOk(const std::string& text, bool caseSensitive = false) {
  FbpParseOptions options;
  options.caseSensitive = caseSensitive;
  GraphResult result = parseFbp(text, options);
  EXPECT_TRUE(result.ok()) << (result.errors.empty() ? "" : result.errors[0].format());
  return result.ok() ? *result.graph : Graph();
}

Diagnostic firstError(const std::string& text) {
  GraphResult result = parseFbp(text);
  EXPECT_FALSE(result.ok());
  return result.errors.empty() ? Diagnostic{} : result.errors[0];
}

TEST(FbpParser, ChainsMakeOneConnectionPerArrowAndKeepSourceOrder) {
  Graph graph =
      parseOk("'5000' -> INTERVAL timer(Timer) OUT -> TRIGGER t(ReadDallasTemperature)\n");
  ASSERT_EQ(graph.processes.size(), 2u);
  EXPECT_EQ(graph.processes[0].name, "timer");
  EXPECT_EQ(graph.processes[0].component.value_or(""), "Timer");
  ASSERT_EQ(graph.connections.size(), 2u);
  EXPECT_TRUE(graph.connections[0].isInitial());
  EXPECT_EQ(*graph.connections[0].data, "5000");
  EXPECT_EQ(graph.connections[0].tgt.port, "interval");  // lower-cased by default
  EXPECT_EQ(graph.connections[1].src->process, "timer");
  EXPECT_EQ(graph.connections[1].src->port, "out");
  EXPECT_EQ(graph.connections[1].tgt.process, "t");
  EXPECT_EQ(graph.connections[1].tgt.port, "trigger");
}

TEST(FbpParser, CaseSensitiveKeepsPortNames) {
  Graph graph = parseOk("a(A) OutPut -> InPut b(B)\n", true);
  EXPECT_EQ(graph.connections[0].src->port, "OutPut");
  EXPECT_EQ(graph.connections[0].tgt.port, "InPut");
  EXPECT_TRUE(graph.caseSensitive);
}

TEST(FbpParser, AnonymousNodesAreNumberedPerComponent) {
  Graph graph = parseOk("(A) -> (core/Repeat) -> (A)\n");
  ASSERT_EQ(graph.processes.size(), 3u);
  EXPECT_EQ(graph.processes[0].name, "_A_1");
  EXPECT_EQ(graph.processes[1].name, "_core_Repeat_1");
  EXPECT_EQ(graph.processes[2].name, "_A_2");
  // Default ports: OUT on the source side, IN on the target side.
  EXPECT_EQ(graph.connections[0].src->port, "out");
  EXPECT_EQ(graph.connections[0].tgt.port, "in");
}

TEST(FbpParser, DefaultPortsCanBeChanged) {
  Graph graph = parseOk("DEFAULT_INPORT=Data\nDEFAULT_OUTPORT=Result\n(A) -> (B)\n");
  EXPECT_EQ(graph.connections[0].src->port, "result");
  EXPECT_EQ(graph.connections[0].tgt.port, "data");
}

TEST(FbpParser, ArrayIndicesAndExports) {
  Graph graph = parseOk("INPORT=a.IN:START\nOUTPORT=b.OUT:DONE\na(A) OUT[2] -> IN[0] b(B)\n");
  ASSERT_EQ(graph.inports.size(), 1u);
  EXPECT_EQ(graph.inports[0].name, "start");
  EXPECT_EQ(graph.inports[0].process, "a");
  EXPECT_EQ(graph.inports[0].port, "in");
  EXPECT_EQ(graph.outports[0].name, "done");
  EXPECT_EQ(*graph.connections[0].src->index, 2);
  EXPECT_EQ(*graph.connections[0].tgt.index, 0);
}

TEST(FbpParser, NodeMetadataAndAnnotations) {
  Graph graph =
      parseOk("# @runtime microflo\n# @name Fridge\na(A:x=17,y=abc,main) OUT -> IN b(B)\n");
  EXPECT_EQ(graph.properties["environment"]["type"], "microflo");
  EXPECT_EQ(graph.properties["name"], "Fridge");
  const Json& metadata = graph.processes[0].metadata;
  EXPECT_EQ(metadata["x"].get<double>(), 17);
  EXPECT_TRUE(std::isnan(metadata["y"].get<double>()));  // parseFloat("abc"), written as null
  EXPECT_EQ(metadata["routes"], "main");
}

TEST(FbpParser, InitialPacketsStringsAndJson) {
  Graph graph =
      parseOk("'it\\'s' -> IN x(X)\n[1, {\"a\": \"\\u00e9\"}] -> IN x\n'multi\nline' -> IN x\n");
  EXPECT_EQ(*graph.connections[0].data, "it's");
  EXPECT_EQ((*graph.connections[1].data)[1]["a"], "\xC3\xA9");
  EXPECT_EQ(*graph.connections[2].data, "multi\nline");
}

TEST(FbpParser, RecordsLocationsOfNodesPortsAndInitialPackets) {
  Graph graph = parseOk(
      "timer(Timer) OUT -> TRIGGER thermometer(ReadDallasTemperature)\n"
      "'5' -> INTERVAL timer\n");
  EXPECT_EQ(formatLocation(graph.processes[1].location), "1:29");
  const Connection& edge = graph.connections[0];
  EXPECT_EQ(formatLocation(edge.src->location), "1:14");
  EXPECT_EQ(formatLocation(edge.tgt.location), "1:21");
  EXPECT_EQ(formatLocation(edge.tgt.processLocation), "1:29");
  EXPECT_EQ(formatLocation(graph.connections[1].location), "2:1");
}

TEST(FbpParser, SyntaxErrorsAreLocatedWithWhatWasExpected) {
  Diagnostic error = firstError("a(A) OUT -> IN b(B)\n'foo' --> IN b\n");
  EXPECT_EQ(formatLocation(error.location), "2:7");
  EXPECT_EQ(error.message, "Expected \" \" or \"->\" but \"-\" found.");
}

TEST(FbpParser, CrLfCountsAsOneLineBreak) {
  Diagnostic error = firstError("'a' -> IN x(X)\r\n'b' => IN x\r\n");
  EXPECT_EQ(formatLocation(error.location), "2:5");
}

TEST(FbpParser, UndefinedNodesAreRejectedWithTheirLocation) {
  GraphResult result = parseFbp("a(A) OUT -> IN b\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.errors[0].format(),
            "1:16: Edge from \"a\" port \"out\" is connected to an undefined target node \"b\"");
  FbpParseOptions lenient;
  lenient.validateContents = false;
  EXPECT_TRUE(parseFbp("a(A) OUT -> IN b\n", lenient).ok());
}

TEST(FbpParser, TabsAreNotWhitespaceBetweenTokens) {
  EXPECT_FALSE(parseFbp("a(A)\tOUT -> IN b(B)\n").ok());
}

TEST(FbpParser, DeepJsonIsRefusedNotACrash) {
  std::string deep(100000, '[');
  GraphResult result = parseFbp(deep + " -> IN x(X)\n");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.errors[0].message.find("nested deeper"), std::string::npos);
}

TEST(FbpParser, VeryLongChainsDoNotExhaustTheStack) {
  std::string text = "n0(A)";
  for (int i = 1; i < 20000; ++i) text += " -> n" + std::to_string(i) + "(A)";
  Graph graph = parseOk(text + "\n");
  EXPECT_EQ(graph.connections.size(), 19999u);
}

TEST(FbpParser, InvalidUtf8ReadsAsReplacementCharacters) {
  Graph graph = parseOk("'a\xFF' -> IN x(X)\n");
  EXPECT_EQ(*graph.connections[0].data, "a\xEF\xBF\xBD");
}

TEST(FbpParser, JsonOutputIsWhatFbpPrints) {
  Graph graph = parseOk("(A) OUT[1] -> IN (B:x=1)\n");
  EXPECT_EQ(
      writeJsonGraph(graph, 0),
      "{\"inports\":{},\"outports\":{},\"groups\":[],\"processes\":{\"_A_1\":{\"component\":"
      "\"A\"},\"_B_1\":{\"component\":\"B\",\"metadata\":{\"x\":1}}},\"connections\":[{\"src\":"
      "{\"process\":\"_A_1\",\"port\":\"out\",\"index\":1},\"tgt\":{\"process\":\"_B_1\","
      "\"port\":\"in\"}}],\"caseSensitive\":false}");
}

}  // namespace
}  // namespace emflow::graph
