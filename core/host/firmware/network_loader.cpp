#include "network_loader.h"

namespace emflow::firmware {

Status loadIntoNetwork(const CompiledGraph& graph, Network& network, std::string* error) {
  auto fail = [&](Status status, const std::string& what) {
    *error = what + ": " + emflow_status_name(status);
    return status;
  };
  for (const CompiledNode& node : graph.nodes) {
    const Status s = network.addNode(node.id, node.component);
    if (s != kOk) return fail(s, "node " + node.name + "(" + node.componentName + ")");
  }
  for (const CompiledEdge& e : graph.edges) {
    const Status s = network.connect(e.src, e.srcPort, e.srcIndex, e.tgt, e.tgtPort, e.tgtIndex, 0);
    if (s != kOk) return fail(s, "connection from " + graph.nodes[e.src].name);
  }
  for (const CompiledInitial& i : graph.initials) {
    const Status s = network.addInitial(i.tgt, i.port, i.packet);
    if (s != kOk) return fail(s, "initial packet for " + graph.nodes[i.tgt].name);
  }
  return kOk;
}

}  // namespace emflow::firmware
