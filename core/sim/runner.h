// Runs a network against any world (core/world/world.h) on the virtual clock, headless and
// deterministic: what `emflow run`, the engine's simulate calls and the tests use. The clock
// loop itself is sim::Clock (clock.h), shared with the protocol runtime.
//
// Trace rows (CSV; see docs/world.md): time_ms,kind,name,value followed by the world's own
// columns (World::traceHeader / appendTraceValues):
//   packet  a packet on a watched edge     pin     a digital write
//   sample  periodic world state           error   a network error (queue full, ...)
#ifndef EMFLOW_SIM_RUNNER_H
#define EMFLOW_SIM_RUNNER_H

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "runtime/network.h"
#include "sim/clock.h"
#include "world/virtual_io.h"
#include "world/world.h"

namespace emflow::sim {

// What every run counts, whatever the world.
struct RunSummary {
  TimeMs durationMs = 0;
  uint32_t networkErrors = 0;  // queue full + not connected + rejected + wake-ups refused
  uint32_t errorPackets = 0;   // error packets seen on watched edges (e.g. sensor failures)
  uint32_t packets = 0;        // packets seen on watched edges
  uint32_t pinWrites = 0;
  std::string firstError;  // text of the first network error, empty if none
};

// Names trace subjects for humans: an edge as "thermometer.OUT -> hysteresis.IN".
using EdgeNamer = std::function<std::string(const TraceEvent& event)>;
using NodeNamer = std::function<std::string(NodeId node, uint8_t port, bool outPort)>;
// Sees every packet on a watched edge before the trace row is written.
using PacketObserver = std::function<void(const TraceEvent& event)>;

class Runner {
 public:
  Runner(world::VirtualIO& io, world::World& world, Network& network);

  // null: no trace. Rows are buffered and written in large chunks (formatting each field
  // through the stream cost more than the physics in WebAssembly); runUntil() flushes before
  // it returns, so the stream holds every row whenever the caller looks.
  void setTrace(std::ostream* csv) {
    flushTrace();
    csv_ = csv;
  }
  void setSampleInterval(TimeMs ms) { clock_.setSampleEvery(ms == 0 ? 1 : ms); }
  void setEdgeNamer(EdgeNamer namer) { edgeNamer_ = std::move(namer); }
  void setNodeNamer(NodeNamer namer) { nodeNamer_ = std::move(namer); }
  void addPacketObserver(PacketObserver observer) { observers_.push_back(std::move(observer)); }

  // The header line of the trace for this runner's world.
  void writeHeader(std::ostream& csv) const;

  // Starts the network if it is not running, then runs until the clock reaches `untilMs`.
  // Returns false (with `error`) if the network does not start or never becomes idle at one
  // instant (a cycle of packets or wake-ups that does not let time advance).
  bool runUntil(TimeMs untilMs, std::string* error);

  RunSummary summary() const;
  TimeMs startMs() const { return startMs_; }
  world::World& world() { return world_; }

 private:
  static void onTrace(void* self, const TraceEvent& event);
  static void onError(void* self, const NetworkError& error);
  bool run(TimeMs untilMs, std::string* error);  // runUntil() without the final flush
  void writeRow(const char* kind, const std::string& name, const char* value);
  void flushTrace();

  world::VirtualIO& io_;
  world::World& world_;
  Network& network_;
  Clock clock_;
  std::ostream* csv_ = nullptr;
  std::string pendingRows_;  // formatted rows not yet written to csv_
  TimeMs startMs_ = 0;
  bool started_ = false;
  EdgeNamer edgeNamer_;
  NodeNamer nodeNamer_;
  std::vector<PacketObserver> observers_;
  uint32_t errorPackets_ = 0;
  uint32_t packets_ = 0;
  uint32_t networkErrors_ = 0;
  std::string firstError_;
};

// The text of a packet as the trace writes it: bang, true/false, integers, floats with
// enough digits to round-trip, "error:<status name>", "[" and "]".
std::string packetText(const Packet& packet);

}  // namespace emflow::sim

#endif  // EMFLOW_SIM_RUNNER_H
