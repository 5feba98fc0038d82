// A compiled graph on a simulated board: a VirtualIO (the board's pins, clock and serial port)
// and a Network loaded from the graph's command stream as a board would load it, plus the
// graph's model blobs in the model store. The worlds (simulated_fridge.h,
// simulated_activity.h) add what is wired to the pins and how time runs.
#ifndef EMFLOW_HOST_SIM_SIMULATED_BOARD_H
#define EMFLOW_HOST_SIM_SIMULATED_BOARD_H

#include <memory>
#include <string>

#include "host/firmware/compiled_graph.h"
#include "host/firmware/model_refs.h"
#include "runtime/network.h"
#include "world/virtual_io.h"

namespace emflow::sim {

// The compiled graph and its models come from the graph compiler (host/firmware).
using firmware::CompiledGraph;
using firmware::CompiledNode;
using firmware::ModelBlobs;

class SimulatedBoard {
 public:
  explicit SimulatedBoard(const CompiledGraph& graph);
  virtual ~SimulatedBoard() = default;
  SimulatedBoard(const SimulatedBoard&) = delete;
  SimulatedBoard& operator=(const SimulatedBoard&) = delete;

  // The blobs the graph's model nodes open by id; kept here and registered by load().
  void setModels(ModelBlobs models) { models_ = std::move(models); }

  // Puts the models into the (process-wide) model store, replacing those with the same ids
  // and leaving others alone, and loads the graph into the network through its command stream.
  bool load(std::string* error);

  world::VirtualIO& io() { return io_; }
  Network& network() { return *network_; }
  const CompiledGraph& graph() const { return graph_; }

  // "thermometer.OUT -> hysteresis.IN" (array indices as OUT[1]).
  std::string edgeName(const TraceEvent& event) const;
  // "hysteresis.IN" / "switch.OUT1"
  std::string portName(NodeId node, uint8_t port, bool outPort) const;

 protected:
  CompiledGraph graph_;
  world::VirtualIO io_;
  std::unique_ptr<Network> network_;  // large with host capacities: keep it off the stack
  ModelBlobs models_;
};

}  // namespace emflow::sim

#endif  // EMFLOW_HOST_SIM_SIMULATED_BOARD_H
