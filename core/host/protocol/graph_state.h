// The graph a protocol client edits (graph:* commands): nodes, edges, initial packets,
// exported ports and groups, with their metadata, in the order they were added. Pure data:
// every edit checks its preconditions and returns an error message instead of changing
// anything when they fail. The network host mirrors the graph into the device network.
#ifndef EMFLOW_HOST_PROTOCOL_GRAPH_STATE_H
#define EMFLOW_HOST_PROTOCOL_GRAPH_STATE_H

#include <optional>
#include <string>
#include <vector>

#include "host/protocol/message.h"

namespace emflow::protocol {

struct PortEnd {
  std::string node;
  std::string port;
  std::optional<int> index;  // array port element

  bool operator==(const PortEnd& other) const {
    return node == other.node && port == other.port && index == other.index;
  }
  Json toJson() const;
};

struct GraphNode {
  std::string id;
  std::string component;  // as the client named it ("core/Repeat")
  Json metadata = Json::object();
};

struct GraphEdge {
  PortEnd src;
  PortEnd tgt;
  Json metadata = Json::object();
};

struct GraphInitial {
  Json data;
  PortEnd tgt;
  Json metadata = Json::object();
};

struct ExportedPort {
  std::string publicName;
  std::string node;
  std::string port;
  Json metadata = Json::object();
};

struct GraphGroup {
  std::string name;
  std::vector<std::string> nodes;
  Json metadata = Json::object();
};

// NoFlo's edge id as network:data reports it: "a() OUT -> IN b()", "DATA -> IN b()".
std::string edgeId(const PortEnd* src, const PortEnd& tgt);

// Merges `changes` into `metadata`: keys with null values are removed (graph:changenode).
void mergeMetadata(Json& metadata, const Json& changes);

class GraphState {
 public:
  GraphState(std::string id, std::string name) : id_(std::move(id)), name_(std::move(name)) {}

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }

  // Each returns an empty string on success, else why nothing was changed.
  std::string addNode(const std::string& id, const std::string& component, const Json& metadata);
  // Removes the node and returns the edges and initials that went with it (for the replies).
  std::string removeNode(const std::string& id, std::vector<GraphEdge>* removedEdges,
                         std::vector<GraphInitial>* removedInitials);
  std::string renameNode(const std::string& from, const std::string& to);
  std::string changeNode(const std::string& id, const Json& metadata);
  std::string addEdge(const GraphEdge& edge);
  std::string removeEdge(const PortEnd& src, const PortEnd& tgt, GraphEdge* removed);
  std::string changeEdge(const PortEnd& src, const PortEnd& tgt, const Json& metadata);
  std::string addInitial(const GraphInitial& initial);
  // Removes every initial packet on `tgt`; returns them.
  std::string removeInitial(const PortEnd& tgt, std::vector<GraphInitial>* removed);
  std::string addExport(bool inport, const ExportedPort& port);
  std::string removeExport(bool inport, const std::string& publicName, ExportedPort* removed);
  std::string renameExport(bool inport, const std::string& from, const std::string& to);
  std::string addGroup(const GraphGroup& group);
  std::string removeGroup(const std::string& name);
  std::string renameGroup(const std::string& from, const std::string& to);
  std::string changeGroup(const std::string& name, const Json& metadata);

  const GraphNode* findNode(const std::string& id) const;
  const std::vector<GraphNode>& nodes() const { return nodes_; }
  const std::vector<GraphEdge>& edges() const { return edges_; }
  const std::vector<GraphInitial>& initials() const { return initials_; }
  const std::vector<ExportedPort>& exports(bool inport) const {
    return inport ? inports_ : outports_;
  }
  const std::vector<GraphGroup>& groups() const { return groups_; }

  // The NoFlo JSON graph (what fbp's parse() produces), for persistence and export.
  Json toNoFlo() const;

 private:
  std::string id_;
  std::string name_;
  std::vector<GraphNode> nodes_;
  std::vector<GraphEdge> edges_;
  std::vector<GraphInitial> initials_;
  std::vector<ExportedPort> inports_;
  std::vector<ExportedPort> outports_;
  std::vector<GraphGroup> groups_;
};

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_GRAPH_STATE_H
