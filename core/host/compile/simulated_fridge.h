// A compiled graph running against the fridge world: a SimulatedBoard (VirtualIO + Network
// loaded from the graph's command stream + models) with the FridgeWorld on its pins and the
// world's Simulation driving the clock, trace labels taken from the graph's names. This is
// what `emflow run --world fridge` and the acceptance tests use, so both exercise one path.
#ifndef EMFLOW_HOST_COMPILE_SIMULATED_FRIDGE_H
#define EMFLOW_HOST_COMPILE_SIMULATED_FRIDGE_H

#include "host/compile/simulated_board.h"
#include "world/fridge_world.h"
#include "world/simulation.h"

namespace emflow::compile {

class SimulatedFridge : public SimulatedBoard {
 public:
  SimulatedFridge(const CompiledGraph& graph, const world::FridgeConfig& config);

  world::FridgeWorld& world() { return world_; }
  world::Simulation& simulation() { return simulation_; }

 private:
  world::FridgeWorld world_;
  world::Simulation simulation_;
};

}  // namespace emflow::compile

#endif  // EMFLOW_HOST_COMPILE_SIMULATED_FRIDGE_H
