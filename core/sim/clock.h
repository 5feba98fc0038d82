// The one virtual clock loop: moves a VirtualIO's clock (and the world behind it) forward,
// stopping at every instant where something can happen — a node's wake-up, a DS18B20
// conversion end (VirtualIO stops there), a sample — and lets the network run to completion
// at each. The headless runner (runner.h: `emflow run`, the engine's simulate calls) and the
// protocol runtime's live network (host/protocol/live_network.h) both step time with it, so
// a graph sees the same instants whichever of them drives it.
//
// Nothing depends on wall-clock time: the same graph, world and seed give the same run.
#ifndef EMFLOW_SIM_CLOCK_H
#define EMFLOW_SIM_CLOCK_H

#include <cstdint>
#include <functional>
#include <string>

#include "runtime/network.h"
#include "world/virtual_io.h"

namespace emflow::sim {

// Deliveries allowed at one instant before a run is declared stuck: far above what any real
// graph needs at one time step, low enough to fail fast on a packet cycle.
constexpr uint32_t kMaxRunsPerInstant = 10000;

class Clock {
 public:
  Clock(world::VirtualIO& io, Network& network, uint32_t maxRunsPerInstant = kMaxRunsPerInstant)
      : io_(io), network_(network), maxRuns_(maxRunsPerInstant) {}

  // Empty the network's trace ring after each run (a headless run sees every packet through
  // its trace handler; the ring would only overflow and count the packets as lost).
  void setPopTraces(bool pop) { popTraces_ = pop; }

  // Samples: `sample` is called at the first instant >= every due time (the first one is due
  // at once), the next due `everyMs` later. everyMs 0 switches sampling off.
  void setSampler(TimeMs everyMs, std::function<void()> sample) {
    everyMs_ = everyMs;
    sample_ = std::move(sample);
  }
  void setSampleEvery(TimeMs everyMs) { everyMs_ = everyMs; }
  void restartSamples(TimeMs at) { nextSampleMs_ = at; }

  // Runs the network (when it runs) until nothing is due at the current instant. False with
  // `error` if it is still busy after maxRunsPerInstant runs (a packet cycle, or a node waking
  // itself at the same time forever); the network is left as it is.
  bool settle(std::string* error);

  // Settles, then moves the clock to `untilMs` instant by instant (samples included, the one
  // due at `untilMs` too). False with `error` when an instant does not settle.
  bool runUntil(TimeMs untilMs, std::string* error);

  // As runUntil, but only as far as the first instant at which `done()` holds after
  // settling, or to the last wake-up not after `untilMs` (the input-driven clock: no
  // samples, no idle stepping to the end).
  bool runToWakeups(TimeMs untilMs, const std::function<bool()>& done, std::string* error);

 private:
  world::VirtualIO& io_;
  Network& network_;
  uint32_t maxRuns_;
  bool popTraces_ = false;
  TimeMs everyMs_ = 0;
  TimeMs nextSampleMs_ = 0;
  std::function<void()> sample_;
};

}  // namespace emflow::sim

#endif  // EMFLOW_SIM_CLOCK_H
