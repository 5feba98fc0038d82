// A compiled graph on a simulated board (simulated_board.h) with a world on its pins and the
// one headless runner (sim/runner.h) driving both, trace labels taken from the graph's
// names. `emflow run`, the engine's simulate calls and the tests all run graphs through it;
// simulated_fridge.h and simulated_activity.h are the same with a typed world.
#ifndef EMFLOW_HOST_SIM_SIMULATED_WORLD_H
#define EMFLOW_HOST_SIM_SIMULATED_WORLD_H

#include <functional>
#include <memory>
#include <string>

#include "host/sim/simulated_board.h"
#include "sim/runner.h"
#include "sim/world_registry.h"
#include "world/world.h"

namespace emflow::sim {

class SimulatedWorld : public SimulatedBoard {
 public:
  using Factory =
      std::function<std::unique_ptr<world::World>(world::VirtualIO& io, std::string* error)>;

  // The world `make` builds on this board's pins. When it cannot (a bad recording), error()
  // says why and the board runs against nothing: check error() before running.
  SimulatedWorld(const CompiledGraph& graph, const Factory& make);
  // The world `name` of the registry, made with `params`.
  SimulatedWorld(const CompiledGraph& graph, const std::string& name,
                 const sim::WorldParams& params);

  const std::string& error() const { return error_; }
  world::World& world() { return *world_; }
  sim::Runner& runner() { return *runner_; }

 private:
  std::string error_;
  std::unique_ptr<world::World> world_;
  std::unique_ptr<sim::Runner> runner_;
};

}  // namespace emflow::sim

#endif  // EMFLOW_HOST_SIM_SIMULATED_WORLD_H
