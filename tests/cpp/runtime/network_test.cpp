// Network semantics: FIFO order, capacity errors, live edits, initial packets, scheduling of
// time-driven components, trace. Uses real library components (Forward, Split, Timer, ...).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "components/components.h"
#include "components/library.h"
#include "fake_io.h"
#include "packet_text.h"
#include "runtime/network.h"

namespace emflow {
namespace testing {
namespace {

struct Seen {
  NodeId src, tgt;
  Packet packet;
  TimeMs time;
};

class NetworkTest : public ::testing::Test {
 protected:
  NetworkTest() : net(io) {
    net.watchAll(true);
    net.setTraceHandler(
        [](void* user, const TraceEvent& e) {
          static_cast<std::vector<Seen>*>(user)->push_back({e.src, e.tgt, e.packet, e.time});
        },
        &seen);
    net.setErrorHandler(
        [](void* user, const NetworkError& e) {
          static_cast<std::vector<NetworkError>*>(user)->push_back(e);
        },
        &errors);
  }
  void add(NodeId id, ComponentId c) { ASSERT_EQ(net.addNode(id, c), kOk); }
  void link(NodeId a, NodeId b) { ASSERT_EQ(net.connect(a, 0, b, 0), kOk); }
  std::vector<NodeId> targets() const {
    std::vector<NodeId> out;
    for (const auto& s : seen) out.push_back(s.tgt);
    return out;
  }

  FakeIO io;
  Network net;
  std::vector<Seen> seen;
  std::vector<NetworkError> errors;
};

TEST_F(NetworkTest, DeliversFifoBreadthFirst) {
  // 0 -> Split(1) -> {2 -> 4, 3 -> 5}: both branches advance one hop per round.
  add(0, kComponent_Forward);
  add(1, kComponent_Split);
  for (NodeId n = 2; n <= 5; ++n) add(n, n < 4 ? kComponent_Forward : kComponent_Drop);
  link(0, 1);
  link(1, 2);
  link(1, 3);
  link(2, 4);
  link(3, 5);
  ASSERT_EQ(net.start(), kOk);
  ASSERT_EQ(net.inject(0, 0, Packet::Int(1)), kOk);
  ASSERT_EQ(net.inject(0, 0, Packet::Int(2)), kOk);
  ASSERT_EQ(net.run(), kOk);
  const std::vector<NodeId> expected = {1, 1, 2, 3, 2, 3, 4, 5, 4, 5};
  EXPECT_EQ(targets(), expected);
  EXPECT_EQ(seen[2].packet, Packet::Int(1));
  EXPECT_EQ(seen[4].packet, Packet::Int(2));
  EXPECT_EQ(net.stats().delivered, 12u);
  EXPECT_TRUE(errors.empty());
}

TEST_F(NetworkTest, FullQueueIsCountedAndReported) {
  add(0, kComponent_Split);
  add(1, kComponent_Drop);
  add(2, kComponent_Drop);
  link(0, 1);
  link(0, 2);
  ASSERT_EQ(net.start(), kOk);
  for (int i = 0; i < EMFLOW_QUEUE_SIZE; ++i) ASSERT_EQ(net.inject(0, 0, Packet::Int(i)), kOk);
  EXPECT_EQ(net.inject(0, 0, Packet::Int(-1)), kErrQueueFull);
  EXPECT_EQ(net.stats().queueFull, 1u);
  // One delivery makes room for one of Split's two copies: the second is refused, counted.
  EXPECT_EQ(net.run(1), kErrBusy);
  EXPECT_EQ(net.stats().queueFull, 2u);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[1].status, kErrQueueFull);
  EXPECT_EQ(errors[1].node, 0);
  EXPECT_EQ(errors[1].port, 0);
}

// The Status a component gets back from send is part of the contract (component.h): a full
// queue is kErrQueueFull even though the network also counts and reports it.
TEST_F(NetworkTest, SendReturnsWhatHappenedToThePacket) {
  add(0, kComponent_Split);
  add(1, kComponent_Drop);
  add(2, kComponent_Drop);
  ASSERT_EQ(net.connect(0, 0, 0, 1, 0, kNoIndex, nullptr), kOk);
  ASSERT_EQ(net.connect(0, 0, 1, 2, 0, kNoIndex, nullptr), kOk);
  ASSERT_EQ(net.start(), kOk);
  Context ctx(net, 0);
  EXPECT_EQ(ctx.send(0, Packet::Int(1)), kOk);
  EXPECT_EQ(ctx.sendIndexed(0, 1, Packet::Int(2)), kOk);
  EXPECT_EQ(ctx.sendIndexed(0, 2, Packet::Int(3)), kErrNotConnected);
  EXPECT_EQ(ctx.send(5, Packet::Int(4)), kErrNoSuchPort);
  // Leave one free slot: the first copy of the fan-out fits, the second does not.
  while (net.inject(1, 0, Packet::Int(0)) == kOk) {
  }
  ASSERT_EQ(net.run(1), kErrBusy);
  EXPECT_EQ(ctx.send(0, Packet::Int(5)), kErrQueueFull);
  EXPECT_EQ(ctx.send(0, Packet::Int(6)), kErrQueueFull);  // full: neither copy fits
  EXPECT_EQ(ctx.sendIndexed(0, 1, Packet::Int(7)), kErrQueueFull);
  EXPECT_EQ(net.stats().queueFull, 1u + 1u + 2u + 1u);  // the inject that found it full, too
}

TEST_F(NetworkTest, SendOnUnconnectedPortIsCountedWithLocation) {
  add(3, kComponent_Forward);
  ASSERT_EQ(net.start(), kOk);
  ASSERT_EQ(net.inject(3, 0, Packet::Bool(true)), kOk);
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(net.stats().notConnected, 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].status, kErrNotConnected);
  EXPECT_EQ(errors[0].node, 3);
  EXPECT_EQ(net.lastError().status, kErrNotConnected);
}

TEST_F(NetworkTest, EditingErrors) {
  EXPECT_EQ(net.addNode(EMFLOW_MAX_NODES, kComponent_Forward), kErrNodeLimit);
  EXPECT_EQ(net.addNode(0, kComponentCount), kErrUnknownComponent);
  EXPECT_EQ(net.addNode(0, 0xFF), kErrUnknownComponent);
  add(0, kComponent_Forward);
  EXPECT_EQ(net.addNode(0, kComponent_Forward), kErrBusy);
  add(1, kComponent_Drop);
  EXPECT_EQ(net.connect(0, 0, 9, 0), kErrNoSuchNode);
  EXPECT_EQ(net.connect(0, 1, 1, 0), kErrNoSuchPort);  // Forward has one out-port
  EXPECT_EQ(net.connect(1, 0, 0, 0), kErrNoSuchPort);  // Drop has none
  EXPECT_EQ(net.addInitial(0, 5, Packet::Int(1)), kErrNoSuchPort);
  EXPECT_EQ(net.addInitial(7, 0, Packet::Int(1)), kErrNoSuchNode);
  EXPECT_EQ(net.inject(0, 0, Packet::Int(1)), kErrBusy);  // not running
  EXPECT_EQ(net.removeNode(5), kErrNoSuchNode);
  EXPECT_EQ(net.removeEdge(0), kErrOutOfRange);
  EXPECT_EQ(net.removeInitial(0, 0), kErrNoSuchPort);
  for (int e = 0; e < EMFLOW_MAX_EDGES; ++e) ASSERT_EQ(net.connect(0, 0, 1, 0), kOk);
  EXPECT_EQ(net.connect(0, 0, 1, 0), kErrEdgeLimit);
}

TEST_F(NetworkTest, NodeIdsAndStateArenaFill) {
  NodeId id = kNoNode;
  for (int n = 0; n < EMFLOW_MAX_NODES; ++n) {
    ASSERT_EQ(net.addNode(kComponent_Drop, &id), kOk);
    EXPECT_EQ(id, n);
  }
  EXPECT_EQ(net.addNode(kComponent_Drop, &id), kErrNodeLimit);
  EXPECT_EQ(net.stateBytesUsed(), 0u);  // stateless components take no arena bytes
  net.clear();
  // MapLinear keeps 16 bytes; fill the arena until it refuses.
  int added = 0;
  Status status = kOk;
  while ((status = net.addNode(kComponent_MapLinear, &id)) == kOk) ++added;
  EXPECT_EQ(status, added == EMFLOW_MAX_NODES ? kErrNodeLimit : kErrOutOfRange);
  EXPECT_EQ(added, std::min<int>(EMFLOW_MAX_NODES, EMFLOW_STATE_BYTES / sizeof(MapLinear)));
}

TEST_F(NetworkTest, InitialPacketsAreDeliveredAtEachStartInOrder) {
  add(0, kComponent_Count);
  add(1, kComponent_Drop);
  link(0, 1);
  ASSERT_EQ(net.addInitial(0, Count::kIn_in, Packet::Void()), kOk);
  ASSERT_EQ(net.addInitial(0, Count::kIn_in, Packet::Void()), kOk);
  EXPECT_TRUE(seen.empty());  // kept until start
  ASSERT_EQ(net.start(), kOk);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].packet, Packet::Int(2));
  net.stop();
  ASSERT_EQ(net.start(), kOk);  // state zeroed, initials again
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[3].packet, Packet::Int(2));
  // Added while running: delivered at once (and kept for the next start).
  ASSERT_EQ(net.addInitial(0, Count::kIn_reset, Packet::Void()), kOk);
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(seen.back().packet, Packet::Int(0));
  EXPECT_EQ(net.initialCount(), 3u);
  EXPECT_EQ(net.removeInitial(0, Count::kIn_in), kOk);
  EXPECT_EQ(net.initialCount(), 1u);
}

TEST_F(NetworkTest, LiveEditsWhileRunning) {
  add(0, kComponent_Forward);
  add(1, kComponent_Count);
  add(2, kComponent_Drop);
  link(0, 1);
  link(1, 2);
  ASSERT_EQ(net.start(), kOk);
  for (int i = 0; i < 3; ++i) net.inject(0, 0, Packet::Void());
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(seen.back().packet, Packet::Int(3));

  // Insert a node into the running graph: 0 -> 3(Count) -> 2, and remove the old counter.
  add(3, kComponent_Count);
  ASSERT_EQ(net.connect(0, 0, 3, 0), kOk);
  ASSERT_EQ(net.connect(3, 0, 2, 0), kOk);
  net.inject(0, 0, Packet::Void());
  ASSERT_EQ(net.run(1), kErrBusy);  // packets now waiting for node 1 and node 3
  ASSERT_EQ(net.removeNode(1), kOk);
  EXPECT_EQ(net.stats().discarded, 1u);
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(seen.back().src, 3);
  EXPECT_EQ(seen.back().packet, Packet::Int(1));
  EXPECT_EQ(net.edgeCount(), 2u);
  EXPECT_EQ(net.nodeCount(), 3u);

  // Removing the edge from 0: its sends are now reported as unconnected.
  const EdgeId e = net.findEdge(0, 0, kNoIndex, 3, 0, kNoIndex);
  ASSERT_NE(e, kNoEdge);
  ASSERT_EQ(net.removeEdge(e), kOk);
  net.inject(0, 0, Packet::Void());
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(net.stats().notConnected, 1u);
}

TEST_F(NetworkTest, RemovingANodeKeepsOtherStatesIntact) {
  add(0, kComponent_Timer);
  add(1, kComponent_Count);
  add(2, kComponent_Timer);
  add(3, kComponent_Drop);
  link(1, 3);
  ASSERT_EQ(net.start(), kOk);
  net.inject(1, 0, Packet::Void());
  net.inject(1, 0, Packet::Void());
  ASSERT_EQ(net.run(), kOk);
  const uint16_t before = net.stateBytesUsed();
  ASSERT_EQ(net.removeNode(0), kOk);  // its state was first in the arena
  // The arena keeps every state at a multiple of EMFLOW_STATE_ALIGN.
  const uint16_t timerSlot =
      (sizeof(Timer) + EMFLOW_STATE_ALIGN - 1) / EMFLOW_STATE_ALIGN * EMFLOW_STATE_ALIGN;
  EXPECT_EQ(net.stateBytesUsed(), before - timerSlot);
  net.inject(1, 0, Packet::Void());
  ASSERT_EQ(net.run(), kOk);
  EXPECT_EQ(seen.back().packet, Packet::Int(3));  // Count's state moved, not lost
  TimeMs next = 0;
  ASSERT_TRUE(net.nextWakeup(&next));  // node 2's timer still scheduled
  EXPECT_EQ(next, 1000u);
  EXPECT_EQ(static_cast<Timer*>(net.nodeState(2))->interval, 1000u);
}

TEST_F(NetworkTest, OnlyTimeDrivenNodesAreWoken) {
  add(0, kComponent_Forward);
  add(1, kComponent_Drop);
  link(0, 1);
  ASSERT_EQ(net.start(), kOk);
  TimeMs next;
  EXPECT_FALSE(net.nextWakeup(&next));  // nothing waits for time

  add(2, kComponent_Timer);  // added while running: starts at once with 1000 ms
  add(3, kComponent_Timer);
  add(4, kComponent_Drop);
  ASSERT_EQ(net.connect(2, 0, 4, 0), kOk);
  ASSERT_EQ(net.connect(3, 0, 4, 0), kOk);
  ASSERT_EQ(net.inject(3, Timer::kIn_interval, Packet::Int(300)), kOk);
  io.now = 0;
  ASSERT_EQ(net.run(), kOk);
  ASSERT_TRUE(net.nextWakeup(&next));
  EXPECT_EQ(next, 300u);
  seen.clear();
  const uint32_t deliveredBefore = net.stats().delivered;
  io.now = 299;
  ASSERT_EQ(net.run(), kOk);
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(net.stats().delivered, deliveredBefore);
  // Jump straight to t=1000: every deadline passed on the way fires, earliest first, so the
  // result does not depend on how far the host advances the clock per step.
  io.now = 1000;
  ASSERT_EQ(net.run(), kOk);
  std::vector<NodeId> sources;
  for (const auto& s : seen) sources.push_back(s.src);
  EXPECT_EQ(sources, (std::vector<NodeId>{3, 3, 3, 2}));  // 300, 600, 900, 1000
  ASSERT_TRUE(net.nextWakeup(&next));
  EXPECT_EQ(next, 1200u);
}

TEST_F(NetworkTest, WakeupTableFullIsReported) {
  for (int n = 0; n < EMFLOW_MAX_WAKEUPS + 1; ++n) add(static_cast<NodeId>(n), kComponent_Timer);
  ASSERT_EQ(net.start(), kOk);
  EXPECT_EQ(net.stats().wakeupsFull, 1u);
  EXPECT_EQ(net.lastError().node, EMFLOW_MAX_WAKEUPS);
}

TEST_F(NetworkTest, CycleNeverHangsTheCaller) {
  add(0, kComponent_Forward);
  add(1, kComponent_Forward);
  link(0, 1);
  link(1, 0);
  ASSERT_EQ(net.start(), kOk);
  net.inject(0, 0, Packet::Int(1));
  EXPECT_EQ(net.run(10), kErrBusy);
  EXPECT_EQ(net.stats().delivered, 10u);
  net.stop();
  EXPECT_EQ(net.queued(), 0u);
  EXPECT_EQ(net.stats().discarded, 1u);
}

TEST_F(NetworkTest, TraceRingAndPerEdgeWatch) {
  net.setTraceHandler(nullptr, nullptr);
  net.watchAll(false);
  add(0, kComponent_Forward);
  add(1, kComponent_Forward);
  add(2, kComponent_Drop);
  EdgeId first, second;
  ASSERT_EQ(net.connect(0, 0, kNoIndex, 1, 0, kNoIndex, &first), kOk);
  ASSERT_EQ(net.connect(1, 0, kNoIndex, 2, 0, kNoIndex, &second), kOk);
  ASSERT_EQ(net.watchEdge(second, true), kOk);
  EXPECT_FALSE(net.isWatched(first));
  ASSERT_EQ(net.start(), kOk);
  io.now = 42;
  net.inject(0, 0, Packet::Float(2.5f));
  ASSERT_EQ(net.run(), kOk);
  TraceEvent event;
  ASSERT_TRUE(net.popTrace(&event));
  EXPECT_EQ(event.edge, second);
  EXPECT_EQ(event.src, 1);
  EXPECT_EQ(event.tgt, 2);
  EXPECT_EQ(event.time, 42u);
  EXPECT_EQ(event.packet, Packet::Float(2.5f));
  EXPECT_FALSE(net.popTrace(&event));
  // Overflow: the oldest events are overwritten and counted.
  for (int i = 0; i < EMFLOW_TRACE_SIZE + 5; ++i) {
    net.inject(0, 0, Packet::Int(i));
    ASSERT_EQ(net.run(), kOk);
  }
  EXPECT_EQ(net.traceCount(), EMFLOW_TRACE_SIZE);
  EXPECT_EQ(net.stats().traceLost, 5u);
  ASSERT_TRUE(net.popTrace(&event));
  EXPECT_EQ(event.packet, Packet::Int(5));
}

}  // namespace
}  // namespace testing
}  // namespace emflow

namespace emflow {
namespace testing {
namespace {

// Found by fuzz_command_stream: converting a float beyond int32 was undefined behaviour.
// sendBool/sendError/sendWord (one out-of-line send for the common packets, AVR flash) put on
// the wire exactly what send() of the Packet factories does, bytes included.
TEST_F(NetworkTest, SendShorthandsSendTheFactoryPackets) {
  add(0, kComponent_Forward);
  add(1, kComponent_Drop);
  link(0, 1);
  ASSERT_EQ(net.start(), kOk);
  Context ctx(net, 0);
  EXPECT_EQ(ctx.sendBool(0, true), kOk);
  EXPECT_EQ(ctx.sendBool(0, false), kOk);
  EXPECT_EQ(ctx.sendError(0, kErrNoSensor), kOk);
  EXPECT_EQ(ctx.sendWord(0, kPacketFloat, 0x41A80000u), kOk);  // 21.0f
  EXPECT_EQ(ctx.sendWord(0, kPacketVoid, 0), kOk);
  EXPECT_EQ(ctx.sendWord(0, kPacketInt, static_cast<uint32_t>(-5)), kOk);
  ASSERT_EQ(net.run(), kOk);
  const std::vector<Packet> expected = {
      Packet::Bool(true),   Packet::Bool(false), Packet::Error(kErrNoSensor),
      Packet::Float(21.0f), Packet::Void(),      Packet::Int(-5)};
  ASSERT_EQ(seen.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(seen[i].packet, expected[i]) << i;
    EXPECT_EQ(seen[i].packet.type, expected[i].type) << i;
    EXPECT_EQ(seen[i].packet.value.i, expected[i].value.i) << i;  // all four payload bytes
  }
  // Errors go the same way as send()'s: a port the component does not have is refused.
  EXPECT_EQ(ctx.sendBool(1, true), kErrNoSuchPort);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].status, kErrNoSuchPort);
}

TEST(Packet, FloatToIntSaturatesAndNanIsZero) {
  EXPECT_EQ(Packet::Float(3e9f).asInt(), INT32_MAX);
  EXPECT_EQ(Packet::Float(-3e9f).asInt(), INT32_MIN);
  EXPECT_EQ(Packet::Float(-2.9f).asInt(), -2);
  EXPECT_EQ(Packet::Float(NAN).asInt(), 0);
  EXPECT_EQ(Packet::Float(INFINITY).asInt(), INT32_MAX);
  EXPECT_TRUE(Packet::Float(0.5f).asBool());
  EXPECT_FALSE(Packet::BracketOpen().isData());
  EXPECT_EQ(Packet::Byte(7).asFloat(), 7.0f);
}

}  // namespace
}  // namespace testing
}  // namespace emflow
