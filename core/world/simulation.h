// Runs a network against the fridge world on the virtual clock, headless and deterministic.
//
// The loop jumps the clock straight to the next thing that can happen — a node's wake-up, a
// DS18B20 conversion end (VirtualIO stops there), a trace sample — then lets the network run
// to completion. Nothing depends on wall-clock time, so the same graph, world config and seed
// give the same trace on every run and every platform.
//
// Trace rows (CSV, written by TraceCsvWriter; see docs/world.md for the columns):
//   packet  a packet on a watched edge     pin     a digital write
//   sample  periodic world state           error   a network error (queue full, ...)
#ifndef EMFLOW_WORLD_SIMULATION_H
#define EMFLOW_WORLD_SIMULATION_H

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "fridge_world.h"
#include "runtime/network.h"
#include "virtual_io.h"

namespace emflow::world {

struct SimulationSummary {
  TimeMs durationMs = 0;
  double minAirC = 0, maxAirC = 0, minContentsC = 0, maxContentsC = 0;
  double compressorDuty = 0;  // fraction of the time the compressor ran
  uint32_t compressorStarts = 0;
  double cyclesPerHour = 0;
  uint32_t relayOverlaps = 0;  // times both relays were energised at once
  uint32_t networkErrors = 0;  // queue full + not connected + rejected + wake-ups refused
  uint32_t errorPackets = 0;   // error packets seen on watched edges (e.g. sensor failures)
  uint32_t packets = 0;        // packets seen on watched edges
  uint32_t pinWrites = 0;
  std::string firstError;  // text of the first network error, empty if none
};

// Names trace subjects for humans: an edge as "thermometer.OUT -> hysteresis.IN".
using EdgeNamer = std::function<std::string(const TraceEvent& event)>;
using NodeNamer = std::function<std::string(NodeId node, uint8_t port, bool outPort)>;

class Simulation {
 public:
  Simulation(VirtualIO& io, FridgeWorld& world, Network& network);

  // null: no trace. Rows are buffered and written in large chunks (formatting each field
  // through the stream cost more than the physics in WebAssembly); runUntil() flushes before
  // it returns, so the stream holds every row whenever the caller looks.
  void setTrace(std::ostream* csv) {
    flushTrace();
    csv_ = csv;
  }
  void setSampleInterval(TimeMs ms) { sampleIntervalMs_ = ms == 0 ? 1 : ms; }
  void setEdgeNamer(EdgeNamer namer) { edgeNamer_ = std::move(namer); }
  void setNodeNamer(NodeNamer namer) { nodeNamer_ = std::move(namer); }

  // Starts the network if it is not running, then runs until the clock reaches `untilMs`.
  // Returns false (with `error`) only if the network never becomes idle at one instant
  // (a cycle of packets or wake-ups that does not let time advance).
  bool runUntil(TimeMs untilMs, std::string* error);

  SimulationSummary summary() const;
  static void writeHeader(std::ostream& csv);

 private:
  static void onTrace(void* self, const TraceEvent& event);
  static void onError(void* self, const NetworkError& error);
  bool drain(std::string* error);
  bool run(TimeMs untilMs, std::string* error);  // runUntil() without the final flush
  void writeRow(const char* kind, const std::string& name, const char* value);
  void flushTrace();

  VirtualIO& io_;
  FridgeWorld& world_;
  Network& network_;
  std::ostream* csv_ = nullptr;
  std::string pendingRows_;  // formatted rows not yet written to csv_
  TimeMs sampleIntervalMs_ = 60000;
  TimeMs nextSampleMs_ = 0;
  TimeMs startMs_ = 0;
  bool started_ = false;
  EdgeNamer edgeNamer_;
  NodeNamer nodeNamer_;
  uint32_t errorPackets_ = 0;
  uint32_t packets_ = 0;
  uint32_t networkErrors_ = 0;
  std::string firstError_;
};

// The text of a packet as the trace writes it: bang, true/false, integers, floats with
// enough digits to round-trip, "error:<status name>", "[" and "]".
std::string packetText(const Packet& packet);

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_SIMULATION_H
