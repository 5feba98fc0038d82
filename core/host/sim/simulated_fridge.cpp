// The fridge world on the one runner (simulated_fridge.h).
#include "simulated_fridge.h"

namespace emflow::sim {

SimulatedFridge::SimulatedFridge(const CompiledGraph& graph, const world::FridgeConfig& config)
    : SimulatedWorld(graph, [config](world::VirtualIO& io, std::string*) {
        return std::unique_ptr<world::World>(std::make_unique<world::FridgeWorld>(io, config));
      }) {}

}  // namespace emflow::sim
