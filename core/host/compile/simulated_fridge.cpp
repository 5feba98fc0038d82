#include "simulated_fridge.h"

namespace emflow::compile {

SimulatedFridge::SimulatedFridge(const CompiledGraph& graph, const world::FridgeConfig& config)
    : SimulatedBoard(graph), world_(io_, config), simulation_(io_, world_, *network_) {
  simulation_.setEdgeNamer([this](const TraceEvent& e) { return edgeName(e); });
  simulation_.setNodeNamer(
      [this](NodeId node, uint8_t port, bool out) { return portName(node, port, out); });
}

}  // namespace emflow::compile
