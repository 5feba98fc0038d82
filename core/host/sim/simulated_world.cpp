// A compiled graph against one world on the one runner (simulated_world.h).
#include "host/sim/simulated_world.h"

namespace emflow::sim {

namespace {

class NoWorld : public world::World {
 public:
  void advanceTo(TimeMs) override {}
};

SimulatedWorld::Factory fromRegistry(const std::string& name, const sim::WorldParams& params) {
  return [name, params](world::VirtualIO& io, std::string* error) {
    const sim::WorldSpec* spec = sim::findWorld(name);
    if (!spec) {
      *error = "unknown world '" + name + "' (known: " + sim::worldNames() + ")";
      return std::unique_ptr<world::World>();
    }
    return spec->create(io, params, error);
  };
}

}  // namespace

SimulatedWorld::SimulatedWorld(const CompiledGraph& graph, const Factory& make)
    : SimulatedBoard(graph) {
  world_ = make(io_, &error_);
  if (!world_) {
    if (error_.empty()) error_ = "the world could not be created";
    world_ = std::make_unique<NoWorld>();
  }
  runner_ = std::make_unique<sim::Runner>(io_, *world_, *network_);
  runner_->setEdgeNamer([this](const TraceEvent& e) { return edgeName(e); });
  runner_->setNodeNamer(
      [this](NodeId node, uint8_t port, bool out) { return portName(node, port, out); });
}

SimulatedWorld::SimulatedWorld(const CompiledGraph& graph, const std::string& name,
                               const sim::WorldParams& params)
    : SimulatedWorld(graph, fromRegistry(name, params)) {}

}  // namespace emflow::sim
