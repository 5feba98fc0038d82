// A graph reduced to what a device executes: numbered nodes of library components, numbered
// port-to-port connections and typed initial packets. The graph compiler produces it from a
// graph model; the stream encoder turns it into command-stream bytes. Names are kept beside
// the numbers so hosts can label traces and errors.
#ifndef EMFLOW_HOST_FIRMWARE_COMPILED_GRAPH_H
#define EMFLOW_HOST_FIRMWARE_COMPILED_GRAPH_H

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/config.h"
#include "runtime/packet.h"

namespace emflow::firmware {

struct CompiledNode {
  NodeId id;
  ComponentId component;
  std::string name;           // process name in the graph
  std::string componentName;  // "Timer"
};

struct CompiledEdge {
  NodeId src;
  uint8_t srcPort;
  uint8_t srcIndex;  // kNoIndex for a plain port
  NodeId tgt;
  uint8_t tgtPort;
  uint8_t tgtIndex;
};

struct CompiledInitial {
  NodeId tgt;
  uint8_t port;
  Packet packet;
};

struct CompiledGraph {
  std::vector<CompiledNode> nodes;        // ids 0..n-1 in declaration order
  std::vector<CompiledEdge> edges;        // in graph order
  std::vector<CompiledInitial> initials;  // in graph order; a sequence IIP is several packets

  const CompiledNode* node(NodeId id) const { return id < nodes.size() ? &nodes[id] : nullptr; }
};

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_COMPILED_GRAPH_H
