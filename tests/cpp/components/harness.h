// Runs one component as node 0 of a real network (fbp-spec style): packets go into named
// in-ports, and each out-port is connected to a Drop node over a watched edge, so the trace
// shows exactly what the component sent, port by port, in order.
#ifndef EMFLOW_TESTS_COMPONENT_HARNESS_H
#define EMFLOW_TESTS_COMPONENT_HARNESS_H

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../runtime/fake_io.h"
#include "../runtime/packet_text.h"
#include "components/library.h"
#include "runtime/network.h"

namespace emflow {
namespace testing {

struct Output {
  std::string port;
  Packet packet;
};

inline bool operator==(const Output& a, const Output& b) {
  return a.port == b.port && samePacket(a.packet, b.packet);
}
inline std::ostream& operator<<(std::ostream& os, const Output& o) {
  return os << o.port << ":" << describe(o.packet);
}

class ComponentHarness {
 public:
  // `connected`: out-ports to connect (all when empty).
  explicit ComponentHarness(const char* component, std::vector<std::string> connected = {})
      : network(io) {
    info = emflow_find_component(component);
    if (!info) {
      ADD_FAILURE() << "unknown component " << component;
      return;
    }
    EXPECT_EQ(network.addNode(0, info->id), kOk);
    for (uint8_t port = 0; port < info->outCount; ++port) {
      const std::string name = info->outPorts[port].name;
      bool wanted = connected.empty();
      for (const auto& c : connected) wanted = wanted || c == name;
      if (!wanted) continue;
      const NodeId sink = static_cast<NodeId>(1 + port);
      EXPECT_EQ(network.addNode(sink, kComponent_Drop), kOk);
      EXPECT_EQ(network.connect(0, port, sink, 0), kOk);
    }
    network.watchAll(true);
    network.setTraceHandler(&ComponentHarness::onTrace, this);
  }

  // Starts the network; returns what the component sent while starting.
  std::vector<Output> start() {
    EXPECT_EQ(network.start(), kOk);
    return take();
  }

  // Sends one packet into an in-port (by name) and runs until idle.
  std::vector<Output> send(const std::string& port, const Packet& packet) {
    const int index = emflow_find_port(info->inPorts, info->inCount, port.c_str());
    EXPECT_GE(index, 0) << "no in-port " << port << " on " << info->name;
    if (index < 0) return {};
    EXPECT_EQ(network.inject(0, static_cast<uint8_t>(index), packet), kOk);
    runUntilIdle();
    return take();
  }

  // Advances the fake clock to `t`, stopping at each wake-up on the way; returns the outputs.
  std::vector<Output> advanceTo(TimeMs t) {
    TimeMs next;
    for (int guard = 0;
         guard < 100000 && network.nextWakeup(&next) && static_cast<int32_t>(next - t) <= 0;
         ++guard) {
      if (static_cast<int32_t>(next - io.now) > 0) io.now = next;
      runUntilIdle();
    }
    io.now = t;
    runUntilIdle();
    return take();
  }

  void runUntilIdle() {
    for (int i = 0; i < 1000 && network.run() != kOk; ++i) {
    }
  }

  FakeIO io;
  Network network;
  const ComponentInfo* info = nullptr;

 private:
  std::vector<Output> take() {
    std::vector<Output> out;
    out.swap(outputs_);
    return out;
  }
  static void onTrace(void* self, const TraceEvent& event) {
    auto* h = static_cast<ComponentHarness*>(self);
    if (event.src != 0) return;
    h->outputs_.push_back({h->info->outPorts[event.srcPort].name, event.packet});
  }
  std::vector<Output> outputs_;
};

}  // namespace testing
}  // namespace emflow

#endif  // EMFLOW_TESTS_COMPONENT_HARNESS_H
