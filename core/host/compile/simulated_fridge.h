// A compiled graph running against the fridge world: VirtualIO + FridgeWorld + Network +
// Simulation wired together, with trace labels taken from the graph's names. This is what
// `emflow run --world fridge` and the acceptance tests use, so both exercise one path.
#ifndef EMFLOW_HOST_COMPILE_SIMULATED_FRIDGE_H
#define EMFLOW_HOST_COMPILE_SIMULATED_FRIDGE_H

#include <memory>
#include <string>

#include "host/compile/compiled_graph.h"
#include "runtime/network.h"
#include "world/fridge_world.h"
#include "world/simulation.h"
#include "world/virtual_io.h"

namespace emflow::compile {

class SimulatedFridge {
 public:
  SimulatedFridge(const CompiledGraph& graph, const world::FridgeConfig& config);

  // Loads the graph into the network through its command stream, as a board would.
  bool load(std::string* error);

  world::VirtualIO& io() { return io_; }
  world::FridgeWorld& world() { return world_; }
  Network& network() { return *network_; }
  world::Simulation& simulation() { return simulation_; }

  // "thermometer.OUT -> hysteresis.IN" (array indices as OUT[1]).
  std::string edgeName(const TraceEvent& event) const;
  // "hysteresis.IN" / "switch.OUT1"
  std::string portName(NodeId node, uint8_t port, bool outPort) const;

 private:
  CompiledGraph graph_;
  world::VirtualIO io_;
  world::FridgeWorld world_;
  std::unique_ptr<Network> network_;  // large with host capacities: keep it off the stack
  world::Simulation simulation_;
};

}  // namespace emflow::compile

#endif  // EMFLOW_HOST_COMPILE_SIMULATED_FRIDGE_H
