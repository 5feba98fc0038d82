#include "host/protocol/graph_state.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace emflow::protocol {

namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string portText(const PortEnd& end) {
  std::string text = upper(end.port);
  if (end.index) text += "[" + std::to_string(*end.index) + "]";
  return text;
}

std::string describe(const PortEnd& end) {
  return end.node + "." + portText(end);
}

}  // namespace

Json PortEnd::toJson() const {
  Json out = Json::object();
  out["node"] = node;
  out["port"] = port;
  if (index) out["index"] = *index;
  return out;
}

std::string edgeId(const PortEnd* src, const PortEnd& tgt) {
  std::string head = src ? src->node + "() " + portText(*src) : std::string("DATA");
  return head + " -> " + portText(tgt) + " " + tgt.node + "()";
}

void mergeMetadata(Json& metadata, const Json& changes) {
  if (!metadata.is_object()) metadata = Json::object();
  if (!changes.is_object()) return;
  // Linear in the keys: ordered_json's own operator[]/erase scan every member per key.
  Json::object_t::Container& members = metadata.get_ref<Json::object_t&>();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < members.size(); ++i) index.emplace(members[i].first, i);
  std::set<std::string> removed;
  for (auto it = changes.begin(); it != changes.end(); ++it) {
    auto found = index.find(it.key());
    if (it.value().is_null()) {
      if (found != index.end()) removed.insert(it.key());
    } else if (found != index.end()) {
      members[found->second].second = it.value();
    } else {
      index.emplace(it.key(), members.size());
      members.emplace_back(it.key(), it.value());
    }
  }
  if (removed.empty()) return;
  Json kept = Json::object();
  Json::object_t::Container& keptMembers = kept.get_ref<Json::object_t&>();
  for (auto& member : members) {
    if (!removed.count(member.first))
      keptMembers.emplace_back(member.first, std::move(member.second));
  }
  metadata = std::move(kept);
}

const GraphNode* GraphState::findNode(const std::string& id) const {
  for (const GraphNode& node : nodes_) {
    if (node.id == id) return &node;
  }
  return nullptr;
}

std::string GraphState::addNode(const std::string& id, const std::string& component,
                                const Json& metadata) {
  if (findNode(id)) return "node " + id + " already exists";
  GraphNode node{id, component, Json::object()};
  mergeMetadata(node.metadata, metadata);
  nodes_.push_back(std::move(node));
  return "";
}

std::string GraphState::removeNode(const std::string& id, std::vector<GraphEdge>* removedEdges,
                                   std::vector<GraphInitial>* removedInitials) {
  auto node =
      std::find_if(nodes_.begin(), nodes_.end(), [&](const GraphNode& n) { return n.id == id; });
  if (node == nodes_.end()) return "no node " + id;
  for (auto it = edges_.begin(); it != edges_.end();) {
    if (it->src.node == id || it->tgt.node == id) {
      removedEdges->push_back(*it);
      it = edges_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = initials_.begin(); it != initials_.end();) {
    if (it->tgt.node == id) {
      removedInitials->push_back(*it);
      it = initials_.erase(it);
    } else {
      ++it;
    }
  }
  for (GraphGroup& group : groups_) {
    group.nodes.erase(std::remove(group.nodes.begin(), group.nodes.end(), id), group.nodes.end());
  }
  nodes_.erase(node);
  return "";
}

std::string GraphState::renameNode(const std::string& from, const std::string& to) {
  if (!findNode(from)) return "no node " + from;
  if (from == to) return "";
  if (findNode(to)) return "node " + to + " already exists";
  for (GraphNode& node : nodes_) {
    if (node.id == from) node.id = to;
  }
  for (GraphEdge& edge : edges_) {
    if (edge.src.node == from) edge.src.node = to;
    if (edge.tgt.node == from) edge.tgt.node = to;
  }
  for (GraphInitial& initial : initials_) {
    if (initial.tgt.node == from) initial.tgt.node = to;
  }
  for (auto* ports : {&inports_, &outports_}) {
    for (ExportedPort& port : *ports) {
      if (port.node == from) port.node = to;
    }
  }
  for (GraphGroup& group : groups_) {
    std::replace(group.nodes.begin(), group.nodes.end(), from, to);
  }
  return "";
}

std::string GraphState::changeNode(const std::string& id, const Json& metadata) {
  for (GraphNode& node : nodes_) {
    if (node.id == id) {
      mergeMetadata(node.metadata, metadata);
      return "";
    }
  }
  return "no node " + id;
}

std::string GraphState::addEdge(const GraphEdge& edge) {
  if (!findNode(edge.src.node)) return "no node " + edge.src.node + " for the edge source";
  if (!findNode(edge.tgt.node)) return "no node " + edge.tgt.node + " for the edge target";
  for (const GraphEdge& existing : edges_) {
    if (existing.src == edge.src && existing.tgt == edge.tgt) {
      return "edge " + describe(edge.src) + " -> " + describe(edge.tgt) + " already exists";
    }
  }
  GraphEdge copy = edge;
  if (!copy.metadata.is_object()) copy.metadata = Json::object();
  edges_.push_back(std::move(copy));
  return "";
}

std::string GraphState::removeEdge(const PortEnd& src, const PortEnd& tgt, GraphEdge* removed) {
  for (auto it = edges_.begin(); it != edges_.end(); ++it) {
    if (it->src == src && it->tgt == tgt) {
      *removed = *it;
      edges_.erase(it);
      return "";
    }
  }
  return "no edge " + describe(src) + " -> " + describe(tgt);
}

std::string GraphState::changeEdge(const PortEnd& src, const PortEnd& tgt, const Json& metadata) {
  for (GraphEdge& edge : edges_) {
    if (edge.src == src && edge.tgt == tgt) {
      mergeMetadata(edge.metadata, metadata);
      return "";
    }
  }
  return "no edge " + describe(src) + " -> " + describe(tgt);
}

std::string GraphState::addInitial(const GraphInitial& initial) {
  if (!findNode(initial.tgt.node)) return "no node " + initial.tgt.node + " for the initial packet";
  GraphInitial copy = initial;
  if (!copy.metadata.is_object()) copy.metadata = Json::object();
  initials_.push_back(std::move(copy));
  return "";
}

std::string GraphState::removeInitial(const PortEnd& tgt, std::vector<GraphInitial>* removed) {
  for (auto it = initials_.begin(); it != initials_.end();) {
    if (it->tgt == tgt) {
      removed->push_back(*it);
      it = initials_.erase(it);
    } else {
      ++it;
    }
  }
  if (removed->empty()) return "no initial packet on " + describe(tgt);
  return "";
}

std::string GraphState::addExport(bool inport, const ExportedPort& port) {
  if (!findNode(port.node)) return "no node " + port.node + " for exported port " + port.publicName;
  auto& ports = inport ? inports_ : outports_;
  for (const ExportedPort& existing : ports) {
    if (existing.publicName == port.publicName) {
      return std::string(inport ? "in" : "out") + "port " + port.publicName + " already exists";
    }
  }
  ports.push_back(port);
  return "";
}

std::string GraphState::removeExport(bool inport, const std::string& publicName,
                                     ExportedPort* removed) {
  auto& ports = inport ? inports_ : outports_;
  for (auto it = ports.begin(); it != ports.end(); ++it) {
    if (it->publicName == publicName) {
      *removed = *it;
      ports.erase(it);
      return "";
    }
  }
  return std::string("no ") + (inport ? "in" : "out") + "port " + publicName;
}

std::string GraphState::renameExport(bool inport, const std::string& from, const std::string& to) {
  auto& ports = inport ? inports_ : outports_;
  ExportedPort* found = nullptr;
  for (ExportedPort& port : ports) {
    if (port.publicName == to && from != to) {
      return std::string(inport ? "in" : "out") + "port " + to + " already exists";
    }
    if (port.publicName == from) found = &port;
  }
  if (!found) return std::string("no ") + (inport ? "in" : "out") + "port " + from;
  found->publicName = to;
  return "";
}

std::string GraphState::addGroup(const GraphGroup& group) {
  for (const GraphGroup& existing : groups_) {
    if (existing.name == group.name) return "group " + group.name + " already exists";
  }
  for (const std::string& node : group.nodes) {
    if (!findNode(node)) return "no node " + node + " for group " + group.name;
  }
  groups_.push_back(group);
  return "";
}

std::string GraphState::removeGroup(const std::string& name) {
  for (auto it = groups_.begin(); it != groups_.end(); ++it) {
    if (it->name == name) {
      groups_.erase(it);
      return "";
    }
  }
  return "no group " + name;
}

std::string GraphState::renameGroup(const std::string& from, const std::string& to) {
  GraphGroup* found = nullptr;
  for (GraphGroup& group : groups_) {
    if (group.name == to && from != to) return "group " + to + " already exists";
    if (group.name == from) found = &group;
  }
  if (!found) return "no group " + from;
  found->name = to;
  return "";
}

std::string GraphState::changeGroup(const std::string& name, const Json& metadata) {
  for (GraphGroup& group : groups_) {
    if (group.name == name) {
      mergeMetadata(group.metadata, metadata);
      return "";
    }
  }
  return "no group " + name;
}

Json GraphState::toNoFlo() const {
  Json graph = Json::object();
  Json properties = Json::object();
  properties["name"] = name_;
  graph["properties"] = properties;
  Json inports = Json::object();
  for (const ExportedPort& port : inports_) {
    inports[port.publicName] = {{"process", port.node}, {"port", port.port}};
  }
  Json outports = Json::object();
  for (const ExportedPort& port : outports_) {
    outports[port.publicName] = {{"process", port.node}, {"port", port.port}};
  }
  graph["inports"] = inports;
  graph["outports"] = outports;
  Json groups = Json::array();
  for (const GraphGroup& group : groups_) {
    groups.push_back({{"name", group.name}, {"nodes", group.nodes}, {"metadata", group.metadata}});
  }
  graph["groups"] = groups;
  Json processes = Json::object();
  for (const GraphNode& node : nodes_) {
    processes[node.id] = {{"component", node.component}, {"metadata", node.metadata}};
  }
  graph["processes"] = processes;
  auto end = [](const PortEnd& e) {
    Json out = {{"process", e.node}, {"port", e.port}};
    if (e.index) out["index"] = *e.index;
    return out;
  };
  Json connections = Json::array();
  for (const GraphEdge& edge : edges_) {
    Json c = {{"src", end(edge.src)}, {"tgt", end(edge.tgt)}};
    if (!edge.metadata.empty()) c["metadata"] = edge.metadata;
    connections.push_back(c);
  }
  for (const GraphInitial& initial : initials_) {
    Json c = {{"data", initial.data}, {"tgt", end(initial.tgt)}};
    if (!initial.metadata.empty()) c["metadata"] = initial.metadata;
    connections.push_back(c);
  }
  graph["connections"] = connections;
  return graph;
}

}  // namespace emflow::protocol
