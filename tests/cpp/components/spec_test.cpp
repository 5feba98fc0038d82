// fbp-spec style cases for the components without time or hardware: each case feeds packets
// into named in-ports step by step and expects exactly the listed outputs after each step.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "components/components.h"
#include "harness.h"

namespace emflow {
namespace testing {
namespace {

struct Step {
  std::string port;
  Packet in;
  std::vector<Output> expect;
};

struct SpecCase {
  std::string name;
  std::string component;
  std::vector<Step> steps;
  std::vector<Output> onStart = {};  // what the component sends when the network starts
};

std::ostream& operator<<(std::ostream& os, const SpecCase& c) {
  return os << c.name;
}

Packet B(bool v) {
  return Packet::Bool(v);
}
Packet I(int32_t v) {
  return Packet::Int(v);
}
Packet F(float v) {
  return Packet::Float(v);
}
Packet E(Status s) {
  return Packet::Error(s);
}
Packet bang() {
  return Packet::Void();
}

const std::vector<SpecCase>& cases() {
  static const std::vector<SpecCase> all = {
      {"Forward passes every type unchanged",
       "Forward",
       {{"in", I(7), {{"out", I(7)}}},
        {"in", B(false), {{"out", B(false)}}},
        {"in", Packet::BracketOpen(), {{"out", Packet::BracketOpen()}}},
        {"in", E(kErrNoSensor), {{"out", E(kErrNoSensor)}}}}},
      {"Repeat (core/Repeat) passes packets unchanged",
       "core/Repeat",
       {{"in", F(1.5f), {{"out", F(1.5f)}}}, {"in", bang(), {{"out", bang()}}}}},
      {"Drop sends nothing", "core/Drop", {{"in", I(1), {}}, {"in", B(true), {}}}},
      {"Merge forwards", "Merge", {{"in", I(1), {{"out", I(1)}}}, {"in", I(2), {{"out", I(2)}}}}},
      {"Gate starts closed, opens and closes",
       "Gate",
       {{"in", I(1), {}},
        {"open", B(true), {}},
        {"in", I(2), {{"out", I(2)}}},
        {"open", B(false), {}},
        {"in", I(3), {}}}},
      {"Count counts and resets",
       "Count",
       {{"in", bang(), {{"out", I(1)}}},
        {"in", B(false), {{"out", I(2)}}},
        {"reset", bang(), {{"out", I(0)}}},
        {"in", I(9), {{"out", I(1)}}}}},
      {"InvertBoolean inverts truth values and numbers",
       "InvertBoolean",
       {{"in", B(true), {{"out", B(false)}}},
        {"in", B(false), {{"out", B(true)}}},
        {"in", I(0), {{"out", B(true)}}},
        {"in", F(2.5f), {{"out", B(false)}}},
        {"in", bang(), {}}}},
      {"ToggleBoolean starts false so the first packet sends true",
       "ToggleBoolean",
       {{"in", bang(), {{"out", B(true)}}},
        {"in", bang(), {{"out", B(false)}}},
        {"in", bang(), {{"out", B(true)}}},
        {"reset", bang(), {{"out", B(false)}}},
        {"in", bang(), {{"out", B(true)}}}}},
      {"BooleanAnd waits for both, then follows each input",
       "BooleanAnd",
       {{"a", B(true), {}},
        {"b", B(false), {{"out", B(false)}}},
        {"b", B(true), {{"out", B(true)}}},
        {"a", B(false), {{"out", B(false)}}}}},
      {"BooleanOr waits for both, then follows each input",
       "BooleanOr",
       {{"a", B(false), {}},
        {"b", B(false), {{"out", B(false)}}},
        {"a", B(true), {{"out", B(true)}}},
        {"a", I(0), {{"out", B(false)}}}}},
      {"NumberEquals compares across types",
       "NumberEquals",
       {{"a", I(3), {}}, {"b", F(3.0f), {{"out", B(true)}}}, {"b", F(3.5f), {{"out", B(false)}}}}},
      {"Compare gives -1, 0, 1",
       "Compare",
       {{"a", I(1), {}},
        {"b", I(2), {{"out", I(-1)}}},
        {"a", I(2), {{"out", I(0)}}},
        {"a", F(2.5f), {{"out", I(1)}}}}},
      {"Threshold is inclusive, default 0",
       "Threshold",
       {{"in", F(-0.5f), {{"out", B(false)}}},
        {"in", I(0), {{"out", B(true)}}},
        {"threshold", I(10), {}},
        {"in", I(9), {{"out", B(false)}}},
        {"in", I(10), {{"out", B(true)}}}}},
      {"MapLinear maps 0..1023 to 0..255 by default and is not clamped",
       "MapLinear",
       {{"in", I(1023), {{"out", F(255.0f)}}},
        {"in", I(0), {{"out", F(0.0f)}}},
        {"outmin", I(100), {}},
        {"outmax", I(200), {}},
        {"inmin", I(0), {}},
        {"inmax", I(10), {}},
        {"in", I(5), {{"out", F(150.0f)}}},
        {"in", I(20), {{"out", F(300.0f)}}},
        {"inmax", I(0), {}},
        {"in", I(5), {{"out", E(kErrOutOfRange)}}}}},
      {"Constrain clamps into 0..255 by default",
       "Constrain",
       {{"in", I(-3), {{"out", F(0.0f)}}},
        {"in", I(300), {{"out", F(255.0f)}}},
        {"in", F(7.5f), {{"out", F(7.5f)}}},
        {"lower", I(10), {}},
        {"upper", I(5), {}},
        {"in", I(7), {{"out", E(kErrOutOfRange)}}}}},
      {"Min of the latest values",
       "Min",
       {{"a", I(4), {}}, {"b", I(2), {{"out", F(2.0f)}}}, {"b", I(9), {{"out", F(4.0f)}}}}},
      {"Max of the latest values",
       "Max",
       {{"b", I(4), {}}, {"a", I(2), {{"out", F(4.0f)}}}, {"a", I(9), {{"out", F(9.0f)}}}}},
      {"HysteresisLatch answers the first reading even between thresholds",
       "HysteresisLatch",
       {{"lowthreshold", I(2), {}},
        {"highthreshold", I(5), {}},
        {"in", F(3.0f), {{"out", B(false)}}},
        {"in", F(4.0f), {}},
        {"in", F(5.0f), {}},
        {"in", F(5.5f), {{"out", B(true)}}},
        {"in", F(6.0f), {}},
        {"in", F(3.0f), {}},
        {"in", F(2.0f), {}},
        {"in", F(1.9f), {{"out", B(false)}}}}},
      {"HysteresisLatch: a first reading above HIGH sends true",
       "HysteresisLatch",
       {{"lowthreshold", I(2), {}},
        {"highthreshold", I(5), {}},
        {"in", F(8.0f), {{"out", B(true)}}},
        {"in", F(4.0f), {}}}},
      {"HysteresisLatch reports LOW > HIGH as an error and keeps its state",
       "HysteresisLatch",
       {{"highthreshold", I(5), {}},
        {"in", F(6.0f), {{"out", B(true)}}},
        {"lowthreshold", I(7), {}},
        {"in", F(1.0f), {{"out", E(kErrOutOfRange)}}},
        {"lowthreshold", I(2), {}},
        {"in", F(1.0f), {{"out", B(false)}}}}},
      {"HysteresisLatch accepts LOW == HIGH and refuses LOW even half a unit above HIGH",
       "HysteresisLatch",
       {{"lowthreshold", F(5.0f), {}},
        {"highthreshold", F(5.0f), {}},
        {"in", F(5.0f), {{"out", B(false)}}},
        {"in", F(5.5f), {{"out", B(true)}}},
        {"lowthreshold", F(5.5f), {}},
        {"in", F(1.0f), {{"out", E(kErrOutOfRange)}}}}},
      {"BreakBeforeMake acts on the first packet: breaks OUT2, then makes OUT1",
       "BreakBeforeMake",
       {{"in", B(true), {{"out2", B(false)}}},
        {"monitor2", B(false), {{"out1", B(true)}}},
        {"monitor1", B(true), {}},
        {"in", B(true), {}},
        {"in", B(false), {{"out1", B(false)}}},
        {"monitor2", B(false), {}},
        {"monitor1", B(false), {{"out2", B(true)}}}}},
      {"BreakBeforeMake: the latest request wins while waiting",
       "BreakBeforeMake",
       {{"in", B(false), {{"out1", B(false)}}},
        {"monitor1", B(false), {{"out2", B(true)}}},
        {"in", B(true), {{"out2", B(false)}}},
        {"in", B(false), {{"out1", B(false)}}},
        {"monitor2", B(false), {}},
        {"monitor1", B(false), {{"out2", B(true)}}}}},
      {"BreakBeforeMake: a repeated request while breaking sends nothing more",
       "BreakBeforeMake",
       {{"in", B(true), {{"out2", B(false)}}},
        {"in", B(true), {}},
        {"monitor2", B(false), {{"out1", B(true)}}},
        {"in", B(true), {}}}},
      {"BreakBeforeMake never makes while the other monitor says on",
       "BreakBeforeMake",
       {{"in", B(true), {{"out2", B(false)}}},
        {"monitor2", B(true), {}},
        {"monitor1", B(false), {}},
        {"monitor2", B(false), {{"out1", B(true)}}}}},
      {"ArduinoUno sends the pin numbers of connected ports at start",
       "ArduinoUno",
       {},
       {{"pin9", I(9)}, {"pin13", I(13)}, {"a0", I(14)}, {"a5", I(19)}}},
  };
  return all;
}

class ComponentSpec : public ::testing::TestWithParam<SpecCase> {};

TEST_P(ComponentSpec, StepByStep) {
  const SpecCase& c = GetParam();
  std::vector<std::string> connected;
  for (const auto& o : c.onStart) connected.push_back(o.port);
  ComponentHarness h(c.component.c_str(), connected);
  ASSERT_NE(h.info, nullptr);
  EXPECT_EQ(h.start(), c.onStart);
  for (size_t i = 0; i < c.steps.size(); ++i) {
    const Step& step = c.steps[i];
    EXPECT_EQ(h.send(step.port, step.in), step.expect)
        << "step " << i << ": " << describe(step.in) << " -> " << step.port;
  }
}

std::string caseName(const ::testing::TestParamInfo<SpecCase>& info) {
  std::string name = std::to_string(info.index) + "_" + info.param.component;
  for (char& ch : name) {
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Library, ComponentSpec, ::testing::ValuesIn(cases()), caseName);

TEST(ComponentRejects, BadPacketsAreCountedWithNodeAndPort) {
  ComponentHarness h("InvertBoolean");
  h.start();
  EXPECT_TRUE(h.send("in", Packet::BracketOpen()).empty());
  EXPECT_EQ(h.network.stats().rejected, 1u);
  EXPECT_EQ(h.network.lastError().status, kErrBadPacket);
  EXPECT_EQ(h.network.lastError().node, 0);
  EXPECT_EQ(h.network.lastError().port, 0);
}

TEST(Split, CopiesToEveryConnectionInOrder) {
  FakeIO io;
  Network net(io);
  ASSERT_EQ(net.addNode(0, kComponent_Split), kOk);
  for (NodeId sink = 1; sink <= 3; ++sink) {
    ASSERT_EQ(net.addNode(sink, kComponent_Drop), kOk);
    ASSERT_EQ(net.connect(0, 0, static_cast<uint8_t>(sink - 1), sink, 0, kNoIndex, nullptr), kOk);
  }
  std::vector<NodeId> reached;
  net.watchAll(true);
  net.setTraceHandler(
      [](void* user, const TraceEvent& e) {
        static_cast<std::vector<NodeId>*>(user)->push_back(e.tgt);
      },
      &reached);
  ASSERT_EQ(net.start(), kOk);
  ASSERT_EQ(net.inject(0, 0, Packet::Int(5)), kOk);
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(reached, (std::vector<NodeId>{1, 2, 3}));
}

TEST(Route, SendsOnlyToTheSelectedArrayElement) {
  FakeIO io;
  Network net(io);
  ASSERT_EQ(net.addNode(0, kComponent_Route), kOk);
  for (NodeId sink = 1; sink <= 3; ++sink) {
    ASSERT_EQ(net.addNode(sink, kComponent_Drop), kOk);
    ASSERT_EQ(net.connect(0, 0, static_cast<uint8_t>(sink - 1), sink, 0, kNoIndex, nullptr), kOk);
  }
  std::vector<NodeId> reached;
  net.watchAll(true);
  net.setTraceHandler(
      [](void* user, const TraceEvent& e) {
        static_cast<std::vector<NodeId>*>(user)->push_back(e.tgt);
      },
      &reached);
  ASSERT_EQ(net.start(), kOk);
  net.inject(0, Route::kIn_in, Packet::Int(1));
  net.inject(0, Route::kIn_route, Packet::Int(2));
  net.inject(0, Route::kIn_in, Packet::Int(2));
  net.inject(0, Route::kIn_route, Packet::Int(7));  // no connection at OUT[7]
  net.inject(0, Route::kIn_in, Packet::Int(3));
  net.inject(0, Route::kIn_route, Packet::Int(-1));
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(reached, (std::vector<NodeId>{1, 3}));
  EXPECT_EQ(net.stats().notConnected, 1u);
  EXPECT_EQ(net.stats().rejected, 1u);
}

}  // namespace
}  // namespace testing
}  // namespace emflow
