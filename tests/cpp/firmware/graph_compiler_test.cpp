// The graph → compiled graph step: ids, ports, typed IIPs, board folding, located errors.
#include <gtest/gtest.h>

#include "components/library.h"
#include "host/firmware/graph_compiler.h"
#include "host/firmware/graph_file.h"
#include "host/graph/fbp_parser.h"

namespace emflow::firmware {
namespace {

CompileResult compileText(const std::string& fbp, const CompileLimits& limits = {}) {
  graph::GraphResult parsed = graph::parseFbp(fbp);
  EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors[0].format());
  if (!parsed.ok()) return {};
  return compileGraph(*parsed.graph, limits);
}

std::string firstError(const CompileResult& r) {
  return r.errors.empty() ? "(no error)" : r.errors[0].format();
}

const CompiledInitial* initialFor(const CompiledGraph& g, NodeId node, uint8_t port, size_t n = 0) {
  for (const CompiledInitial& i : g.initials)
    if (i.tgt == node && i.port == port && n-- == 0) return &i;
  return nullptr;
}

TEST(GraphCompiler, CompilesTheFridgeExample) {
  std::vector<std::string> errors;
  auto g =
      compileGraphFile(EMFLOW_SOURCE_DIR "/examples/fridge.fbp", CompileLimits::uno(), &errors);
  ASSERT_TRUE(g) << errors[0];
  // 11 processes, the board folded away
  ASSERT_EQ(g->nodes.size(), 10u);
  EXPECT_EQ(g->nodes[0].name, "timer");
  EXPECT_EQ(g->nodes[0].component, kComponent_Timer);
  EXPECT_EQ(g->nodes[1].name, "thermometer");
  EXPECT_EQ(g->nodes[1].component, kComponent_ReadDallasTemperature);
  EXPECT_EQ(g->nodes[2].component, kComponent_HysteresisLatch);
  EXPECT_EQ(g->nodes[3].component, kComponent_BreakBeforeMake);
  for (const CompiledNode& n : g->nodes) EXPECT_EQ(n.id, &n - &g->nodes[0]);
  EXPECT_EQ(g->edges.size(), 11u);
  // timer OUT(0) -> thermometer TRIGGER(0)
  EXPECT_EQ(g->edges[0].src, 0);
  EXPECT_EQ(g->edges[0].srcPort, 0);
  EXPECT_EQ(g->edges[0].tgt, 1);
  EXPECT_EQ(g->edges[0].tgtPort, 0);
  EXPECT_EQ(g->edges[0].srcIndex, kNoIndex);
  // '5000' -> INTERVAL: an int
  const CompiledInitial* interval = initialFor(*g, 0, 0);
  ASSERT_TRUE(interval);
  EXPECT_EQ(interval->packet.type, kPacketInt);
  EXPECT_EQ(interval->packet.value.i, 5000);
  // thresholds: numbers
  const CompiledInitial* low = initialFor(*g, 2, 1);
  ASSERT_TRUE(low);
  EXPECT_EQ(low->packet.type, kPacketFloat);
  EXPECT_EQ(low->packet.value.f, 4.0f);
  // the address: [ 8 bytes ]
  std::vector<uint8_t> address;
  ASSERT_TRUE(initialFor(*g, 1, 2, 0));
  EXPECT_EQ(initialFor(*g, 1, 2, 0)->packet.type, kPacketBracketOpen);
  for (size_t k = 1; k <= 8; ++k) {
    const CompiledInitial* b = initialFor(*g, 1, 2, k);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->packet.type, kPacketByte);
    address.push_back(b->packet.value.byte);
  }
  EXPECT_EQ(address, (std::vector<uint8_t>{0x28, 0xAF, 0x1C, 0xB2, 0x04, 0x00, 0x00, 0x33}));
  EXPECT_EQ(initialFor(*g, 1, 2, 9)->packet.type, kPacketBracketClose);
  // board() PIN9 -> PIN thermometer(): the pin number as an int IIP
  const CompiledInitial* pin = initialFor(*g, 1, 1);
  ASSERT_TRUE(pin);
  EXPECT_EQ(pin->packet.type, kPacketInt);
  EXPECT_EQ(pin->packet.value.i, 9);
  EXPECT_EQ(g->initials.size(), 16u);
}

TEST(GraphCompiler, FoldsAnalogBoardPins) {
  CompileResult r = compileText("board(ArduinoUno) A2 -> PIN sensor(AnalogRead)");
  ASSERT_TRUE(r.ok()) << firstError(r);
  ASSERT_EQ(r.graph->initials.size(), 1u);
  EXPECT_EQ(r.graph->initials[0].packet.value.i, 16);
}

TEST(GraphCompiler, UnknownComponentIsLocatedWithASuggestion) {
  CompileResult r = compileText("t(Timer) OUT -> IN x(InvertBoolen)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].location.line, 1);
  EXPECT_EQ(firstError(r),
            "1:20: unknown component 'InvertBoolen' for process 'x' — did you mean InvertBoolean?")
      << firstError(r);
}

TEST(GraphCompiler, UnknownPortIsLocatedWithASuggestion) {
  CompileResult r = compileText(
      "timer(Timer) OUT -> TRIGER thermometer(ReadDallasTemperature)\n"
      "thermometer() OUTT -> IN h(HysteresisLatch)");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].format(),
            "1:21: unknown in-port TRIGER on thermometer(ReadDallasTemperature) — did you mean "
            "TRIGGER?");
  EXPECT_EQ(r.errors[1].location.line, 2);
  EXPECT_NE(r.errors[1].message.find("unknown out-port OUTT"), std::string::npos);
  EXPECT_NE(r.errors[1].message.find("did you mean OUT?"), std::string::npos);
}

TEST(GraphCompiler, BadInitialPacketsNameThePortAndWhatItExpects) {
  CompileResult r = compileText("'fast' -> INTERVAL t(Timer)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(firstError(r),
            "1:1: initial packet for INTERVAL of t(Timer): expected an integer (int32), got "
            "\"fast\"");
  r = compileText("'[\"0x28\", \"zz\"]' -> ADDRESS t(ReadDallasTemperature)");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(firstError(r).find("array element 1 (\"zz\")"), std::string::npos) << firstError(r);
  r = compileText("'maybe' -> IN w(DigitalWrite)");
  EXPECT_NE(firstError(r).find("expected true or false"), std::string::npos) << firstError(r);
}

TEST(GraphCompiler, IndexOnAPlainPortIsAnError) {
  CompileResult r = compileText("t(Timer) OUT[1] -> IN x(InvertBoolean)");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(firstError(r).find("not an array port"), std::string::npos) << firstError(r);
}

TEST(GraphCompiler, RefusesGraphsBeyondTheTargetsCapacityWithTheNumbers) {
  std::string fbp;
  for (int i = 0; i < 13; ++i) fbp += "n" + std::to_string(i) + "(Forward)\n";
  CompileResult r = compileText(fbp, CompileLimits::uno());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(firstError(r), "the graph needs 13 nodes but the target allows 12 (EMFLOW_MAX_NODES)");
  EXPECT_TRUE(compileText(fbp).ok()) << "the host's capacity is larger";
}

TEST(GraphCompiler, ReportsFileErrorsWithTheFileName) {
  std::vector<std::string> errors;
  EXPECT_FALSE(compileGraphFile("/nonexistent/x.fbp", {}, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "/nonexistent/x.fbp: cannot open (No such file or directory)");
}

}  // namespace
}  // namespace emflow::firmware
