#include "simulated_board.h"

#include <cctype>

#include "components/library.h"
#include "host/firmware/stream_encoder.h"
#include "ml/model_store.h"
#include "runtime/command_stream.h"

namespace emflow::sim {

SimulatedBoard::SimulatedBoard(const CompiledGraph& graph)
    : graph_(graph), network_(std::make_unique<Network>(io_)) {}

bool SimulatedBoard::load(std::string* error) {
  for (const auto& [id, blob] : models_) {
    const Status status = modelStorePut(id, blob.data(), blob.size(), kMemoryRam);
    if (status != kOk) {
      *error = "model " + std::to_string(id) + " cannot be stored: " + emflow_status_name(status) +
               (id >= EMFLOW_MAX_MODELS
                    ? " (ids go up to " + std::to_string(EMFLOW_MAX_MODELS - 1) + " here)"
                    : std::string());
      return false;
    }
  }
  const std::vector<uint8_t> stream = firmware::encodeCommandStream(graph_, error);
  if (stream.empty()) return false;
  StreamError where;
  const Status status = emflow_apply_command_stream(
      stream.data(), static_cast<uint32_t>(stream.size()), *network_, &where);
  if (status != kOk) {
    *error = std::string("loading the command stream failed at command ") +
             std::to_string(where.command) + " (byte " + std::to_string(where.offset) +
             "): " + emflow_status_name(status);
    return false;
  }
  return true;
}

std::string SimulatedBoard::portName(NodeId node, uint8_t port, bool outPort) const {
  const CompiledNode* n = graph_.node(node);
  if (!n) return "node " + std::to_string(node);
  std::string name = n->name + ".";
  const ComponentInfo* info = emflow_component_info(n->component);
  const uint8_t count = info ? (outPort ? info->outCount : info->inCount) : 0;
  if (port < count) {
    for (const char* c = (outPort ? info->outPorts : info->inPorts)[port].name; *c; ++c)
      name += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
  } else {
    name += "port" + std::to_string(port);
  }
  return name;
}

std::string SimulatedBoard::edgeName(const TraceEvent& event) const {
  Edge edge;
  std::string src = portName(event.src, event.srcPort, true);
  std::string tgt = portName(event.tgt, event.tgtPort, false);
  if (network_->edge(event.edge, &edge)) {
    if (edge.srcIndex != kNoIndex) src += "[" + std::to_string(edge.srcIndex) + "]";
    if (edge.tgtIndex != kNoIndex) tgt += "[" + std::to_string(edge.tgtIndex) + "]";
  }
  return src + " -> " + tgt;
}

}  // namespace emflow::sim
