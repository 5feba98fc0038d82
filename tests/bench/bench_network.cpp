// Packets per second through a chain of 10 Forward nodes, and the RAM the network needs per
// node, edge and queued packet in this build (on AVR: see docs/runtime.md for the same
// figures there). Numbers only; nothing is asserted.
#include <benchmark/benchmark.h>

#include <memory>

#include "components/library.h"
#include "runtime/network.h"

namespace {

using namespace emflow;

class ClockOnlyIO : public IO {
 public:
  TimeMs timeMs() override { return now; }
  Status pinMode(uint8_t, PinMode) override { return kErrUnsupported; }
  Status digitalWrite(uint8_t, bool) override { return kErrUnsupported; }
  Status digitalRead(uint8_t, bool*) override { return kErrUnsupported; }
  Status analogRead(uint8_t, uint16_t*) override { return kErrUnsupported; }
  Status pwmWrite(uint8_t, uint8_t) override { return kErrUnsupported; }
  Status serialWrite(const uint8_t*, uint16_t) override { return kErrUnsupported; }
  Status startTemperatureConversion(uint8_t, const OneWireAddress&) override {
    return kErrUnsupported;
  }
  Status readTemperature(uint8_t, const OneWireAddress&, int16_t*) override {
    return kErrUnsupported;
  }
  TimeMs now = 0;
};

const int kChain = 10;

// Forward x10 -> Drop. `inFlight` packets are injected per round, then the network drains.
void ForwardChain(benchmark::State& state, bool traced) {
  ClockOnlyIO io;
  auto net = std::make_unique<Network>(io);
  for (NodeId n = 0; n < kChain; ++n) net->addNode(n, kComponent_Forward);
  net->addNode(kChain, kComponent_Drop);
  for (NodeId n = 0; n < kChain; ++n) net->connect(n, 0, static_cast<NodeId>(n + 1), 0);
  uint64_t seen = 0;
  if (traced) {
    net->watchAll(true);
    net->setTraceHandler([](void* user, const TraceEvent&) { ++*static_cast<uint64_t*>(user); },
                         &seen);
  }
  net->start();
  const int inFlight = static_cast<int>(state.range(0));
  for (auto _ : state) {
    for (int i = 0; i < inFlight; ++i) net->inject(0, 0, Packet::Int(i));
    while (net->run(1024) != kOk) {
    }
  }
  const double packets = static_cast<double>(state.iterations()) * inFlight;
  state.counters["packets/s"] = benchmark::Counter(packets, benchmark::Counter::kIsRate);
  state.counters["deliveries/s"] =
      benchmark::Counter(packets * (kChain + 1), benchmark::Counter::kIsRate);
  if (net->stats().queueFull || net->stats().notConnected) state.SkipWithError("lost packets");
  benchmark::DoNotOptimize(seen);
}

void BM_ForwardChain10(benchmark::State& state) {
  ForwardChain(state, false);
}
void BM_ForwardChain10Traced(benchmark::State& state) {
  ForwardChain(state, true);
}
BENCHMARK(BM_ForwardChain10)->Arg(1)->Arg(16);
BENCHMARK(BM_ForwardChain10Traced)->Arg(1)->Arg(16);

// Not a timing: reports the network's memory layout in this build as counters.
void BM_NetworkFootprint(benchmark::State& state) {
  const NetworkFootprint f = Network::footprint();
  for (auto _ : state) benchmark::DoNotOptimize(f);
  state.counters["bytes/node"] = f.perNode;
  state.counters["bytes/edge"] = f.perEdge;
  state.counters["bytes/queued_packet"] = f.perQueued;
  state.counters["bytes/initial"] = f.perInitial;
  state.counters["bytes/wakeup"] = f.perWakeup;
  state.counters["bytes/trace_event"] = f.perTraceEvent;
  state.counters["sizeof(Network)"] = f.total;
  state.counters["sizeof(Packet)"] = sizeof(Packet);
}
BENCHMARK(BM_NetworkFootprint)->Iterations(1);

}  // namespace
