// A compiled graph running against the fridge world: a SimulatedWorld whose world is a
// FridgeWorld made from a full FridgeConfig (what `emflow run --world fridge` with its fridge
// options, the engine's simulateFridge and the acceptance tests use, so all exercise one path).
#ifndef EMFLOW_HOST_SIM_SIMULATED_FRIDGE_H
#define EMFLOW_HOST_SIM_SIMULATED_FRIDGE_H

#include "host/sim/simulated_world.h"
#include "world/fridge_world.h"

namespace emflow::sim {

class SimulatedFridge : public SimulatedWorld {
 public:
  SimulatedFridge(const CompiledGraph& graph, const world::FridgeConfig& config);

  world::FridgeWorld& world() { return static_cast<world::FridgeWorld&>(SimulatedWorld::world()); }
  sim::Runner& simulation() { return runner(); }
  // The runner's counts plus the fridge's figures.
  world::FridgeSummary summary() { return world().summarize(runner().summary()); }
};

}  // namespace emflow::sim

#endif  // EMFLOW_HOST_SIM_SIMULATED_FRIDGE_H
