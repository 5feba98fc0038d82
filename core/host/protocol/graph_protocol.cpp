// graph:* — edits of the client's graph, mirrored into the live device network. An edit is
// applied only if both the graph model and the device network accept it; the reply echoes
// the accepted payload (without the secret), or is an `error` saying why nothing changed.
#include "host/protocol/limits.h"
#include "host/protocol/runtime.h"

namespace emflow::protocol {

namespace {

Json portsOf(const GraphState& graph, bool inport, const ComponentCatalog& catalog) {
  Json ports = Json::array();
  for (const ExportedPort& port : graph.exports(inport)) {
    std::string type = "all";
    bool addressable = false;
    if (const GraphNode* node = graph.findNode(port.node)) {
      if (const ComponentSpec* spec = catalog.find(node->component)) {
        int n = inport ? spec->inPortNumber(port.port) : spec->outPortNumber(port.port);
        if (n >= 0) {
          const PortSpec& p = inport ? spec->inPorts[n] : spec->outPorts[n];
          type = p.type;
          addressable = p.array;
        }
      }
    }
    ports.push_back({{"id", port.publicName},
                     {"type", type},
                     {"addressable", addressable},
                     {"required", false}});
  }
  return ports;
}

// What is wrong with keeping `value` (metadata or IIP data) of `bytes` max; "" if nothing.
std::string overCap(const char* what, const Json& value, size_t bytes) {
  const size_t size = value.dump().size();
  if (size <= bytes) return "";
  return std::string(what) + " is " + std::to_string(size) + " bytes as JSON, more than the " +
         std::to_string(bytes) + " a graph keeps";
}

// `base` with `changes` merged in (graph:change*), refused when the result is over the cap.
std::string mergedOverCap(const Json& base, const Json& changes) {
  Json merged = base;
  mergeMetadata(merged, changes);
  return overCap("metadata", merged, kMaxMetadataBytes);
}

// Copies the optional metadata object of a request into a reply.
void echoMetadata(const Payload& payload, Json& reply) {
  if (payload.has("metadata")) reply["metadata"] = payload.object("metadata");
}

}  // namespace

PortEnd readPortEnd(const Payload& payload, const char* key) {
  const Json& end = payload.object(key);
  Payload inner(end, payload.where() + " " + key);
  PortEnd out;
  out.node = inner.string("node");
  out.port = inner.string("port");
  if (inner.has("index")) {
    const Json& index = end.at("index");
    if (!index.is_number_integer() || index.get<int64_t>() < 0 || index.get<int64_t>() > 254) {
      inner.fail("payload.index must be an integer 0..254");
    }
    out.index = index.get<int>();
  }
  return out;
}

namespace {

// A handler's verdict: not its command, applied (events may flow), or refused.
enum class Edit { kNotMine, kDone, kFailed };

// What each graph:* handler needs, and the helpers they share.
struct GraphEdit {
  const std::string& command;
  const Payload& payload;
  Outbox& out;
  GraphState& state;
  LiveNetwork& live;
  const ComponentCatalog& catalog;
  std::string graphId;

  Edit fail(const std::string& message) const {
    out.error("graph", payload.where() + ": " + message);
    return Edit::kFailed;
  }
  // Refuses (with an error) an addition beyond `cap` items of `what`.
  bool full(size_t count, size_t cap, const char* what) const {
    if (count < cap) return false;
    fail("graph " + graphId + " already has " + std::to_string(cap) + " " + what +
         ", the most a graph may have");
    return true;
  }
  void portsChanged() const {
    Json ports = {{"graph", graphId},
                  {"inPorts", portsOf(state, true, catalog)},
                  {"outPorts", portsOf(state, false, catalog)}};
    out.send("runtime", "ports", ports);
  }
};

// graph:addnode, removenode, renamenode, changenode.
Edit editNodes(const GraphEdit& e) {
  if (e.command == "addnode") {
    if (e.full(e.state.nodes().size(), kMaxNodesPerGraph, "nodes")) return Edit::kFailed;
    GraphNode node{e.payload.string("id"), e.payload.string("component"),
                   e.payload.objectOr("metadata", Json::object())};
    std::string problem =
        e.state.findNode(node.id) ? "node " + node.id + " already exists" : e.live.addNode(node);
    if (problem.empty()) problem = e.state.addNode(node.id, node.component, node.metadata);
    if (!problem.empty()) return e.fail(problem);
    e.out.send("graph", "addnode",
               {{"id", node.id},
                {"component", node.component},
                {"metadata", e.state.findNode(node.id)->metadata},
                {"graph", e.graphId}});
    return Edit::kDone;
  }
  if (e.command == "removenode") {
    std::string id = e.payload.string("id");
    if (!e.state.findNode(id)) return e.fail("no node " + id);
    std::vector<GraphEdge> edges;
    std::vector<GraphInitial> initials;
    std::string problem = e.live.removeNode(id);
    if (problem.empty()) problem = e.state.removeNode(id, &edges, &initials);
    if (!problem.empty()) return e.fail(problem);
    for (const GraphEdge& edge : edges) {
      e.out.send("graph", "removeedge",
                 {{"src", edge.src.toJson()}, {"tgt", edge.tgt.toJson()}, {"graph", e.graphId}});
    }
    for (const GraphInitial& initial : initials) {
      e.out.send(
          "graph", "removeinitial",
          {{"src", {{"data", initial.data}}}, {"tgt", initial.tgt.toJson()}, {"graph", e.graphId}});
    }
    e.out.send("graph", "removenode", {{"id", id}, {"graph", e.graphId}});
    return Edit::kDone;
  }
  if (e.command == "renamenode") {
    std::string from = e.payload.string("from"), to = e.payload.string("to");
    std::string problem = e.state.renameNode(from, to);
    if (problem.empty()) problem = e.live.renameNode(from, to);
    if (!problem.empty()) return e.fail(problem);
    e.out.send("graph", "renamenode", {{"from", from}, {"to", to}, {"graph", e.graphId}});
    return Edit::kDone;
  }
  if (e.command == "changenode") {
    std::string id = e.payload.string("id");
    const GraphNode* existing = e.state.findNode(id);
    std::string problem =
        existing ? mergedOverCap(existing->metadata, e.payload.object("metadata")) : "";
    if (!problem.empty()) return e.fail(problem);
    problem = e.state.changeNode(id, e.payload.object("metadata"));
    if (!problem.empty()) return e.fail(problem);
    e.out.send("graph", "changenode",
               {{"id", id}, {"metadata", e.state.findNode(id)->metadata}, {"graph", e.graphId}});
    return Edit::kDone;
  }
  return Edit::kNotMine;
}

// graph:addedge, removeedge, changeedge.
Edit editEdges(const GraphEdit& e) {
  if (e.command == "addedge") {
    if (e.full(e.state.edges().size(), kMaxEdgesPerGraph, "edges")) return Edit::kFailed;
    GraphEdge edge{readPortEnd(e.payload, "src"), readPortEnd(e.payload, "tgt"),
                   e.payload.objectOr("metadata", Json::object())};
    std::string problem = e.state.addEdge(edge);
    if (problem.empty()) {
      problem = e.live.addEdge(edge);
      if (!problem.empty()) {
        GraphEdge ignored;
        e.state.removeEdge(edge.src, edge.tgt, &ignored);
      }
    }
    if (!problem.empty()) return e.fail(problem);
    Json reply = {{"src", edge.src.toJson()}, {"tgt", edge.tgt.toJson()}};
    echoMetadata(e.payload, reply);
    reply["graph"] = e.graphId;
    e.out.send("graph", "addedge", reply);
    return Edit::kDone;
  }
  if (e.command == "removeedge") {
    PortEnd src = readPortEnd(e.payload, "src"), tgt = readPortEnd(e.payload, "tgt");
    GraphEdge removed;
    std::string problem = e.state.removeEdge(src, tgt, &removed);
    if (!problem.empty()) return e.fail(problem);
    problem = e.live.removeEdge(src, tgt);
    if (!problem.empty()) {
      e.state.addEdge(removed);
      return e.fail(problem);
    }
    e.out.send("graph", "removeedge",
               {{"src", src.toJson()}, {"tgt", tgt.toJson()}, {"graph", e.graphId}});
    return Edit::kDone;
  }
  if (e.command == "changeedge") {
    PortEnd src = readPortEnd(e.payload, "src"), tgt = readPortEnd(e.payload, "tgt");
    std::string problem;
    for (const GraphEdge& edge : e.state.edges()) {
      if (edge.src == src && edge.tgt == tgt)
        problem = mergedOverCap(edge.metadata, e.payload.object("metadata"));
    }
    if (!problem.empty()) return e.fail(problem);
    problem = e.state.changeEdge(src, tgt, e.payload.object("metadata"));
    if (!problem.empty()) return e.fail(problem);
    Json metadata;
    for (const GraphEdge& edge : e.state.edges()) {
      if (edge.src == src && edge.tgt == tgt) metadata = edge.metadata;
    }
    e.out.send("graph", "changeedge",
               {{"src", src.toJson()},
                {"tgt", tgt.toJson()},
                {"metadata", metadata},
                {"graph", e.graphId}});
    return Edit::kDone;
  }
  return Edit::kNotMine;
}

// graph:addinitial, removeinitial (IIPs).
Edit editInitials(const GraphEdit& e) {
  if (e.command == "addinitial") {
    if (e.full(e.state.initials().size(), kMaxInitialsPerGraph, "initial packets"))
      return Edit::kFailed;
    const Json& src = e.payload.object("src");
    if (!src.contains("data")) e.payload.fail("payload.src.data is missing");
    std::string tooBig = overCap("payload.src.data", src.at("data"), kMaxIipBytes);
    if (!tooBig.empty()) return e.fail(tooBig);
    GraphInitial initial{src.at("data"), readPortEnd(e.payload, "tgt"),
                         e.payload.objectOr("metadata", Json::object())};
    if (!e.state.findNode(initial.tgt.node)) return e.fail("no node " + initial.tgt.node);
    std::string problem = e.live.addInitial(initial);
    if (problem.empty()) problem = e.state.addInitial(initial);
    if (!problem.empty()) return e.fail(problem);
    Json reply = {{"src", {{"data", initial.data}}}, {"tgt", initial.tgt.toJson()}};
    echoMetadata(e.payload, reply);
    reply["graph"] = e.graphId;
    e.out.send("graph", "addinitial", reply);
    return Edit::kDone;
  }
  if (e.command == "removeinitial") {
    PortEnd tgt = readPortEnd(e.payload, "tgt");
    std::vector<GraphInitial> removed;
    std::string problem = e.state.removeInitial(tgt, &removed);
    if (!problem.empty()) return e.fail(problem);
    problem = e.live.removeInitial(tgt);
    if (!problem.empty()) {
      for (const GraphInitial& initial : removed) e.state.addInitial(initial);
      return e.fail(problem);
    }
    for (const GraphInitial& initial : removed) {
      e.out.send("graph", "removeinitial",
                 {{"src", {{"data", initial.data}}}, {"tgt", tgt.toJson()}, {"graph", e.graphId}});
    }
    return Edit::kDone;
  }
  return Edit::kNotMine;
}

// graph:add/remove/rename in- and out-ports (the graph's exported ports).
Edit editExports(const GraphEdit& e) {
  if (e.command == "addinport" || e.command == "addoutport") {
    const bool inport = e.command == "addinport";
    if (e.full(e.state.exports(true).size() + e.state.exports(false).size(), kMaxExportsPerGraph,
               "exported ports"))
      return Edit::kFailed;
    ExportedPort port{e.payload.string("public"), e.payload.string("node"),
                      e.payload.string("port"), e.payload.objectOr("metadata", Json::object())};
    const GraphNode* node = e.state.findNode(port.node);
    if (!node) return e.fail("no node " + port.node);
    const ComponentSpec* spec = e.catalog.find(node->component);
    if (spec && (inport ? spec->inPortNumber(port.port) : spec->outPortNumber(port.port)) < 0) {
      return e.fail("no " + std::string(inport ? "in-port " : "out-port ") + port.port + " on " +
                    port.node + "(" + spec->name + ")");
    }
    std::string problem = e.state.addExport(inport, port);
    if (problem.empty() && !inport) {
      problem = e.live.exportOutport(port.publicName, {port.node, port.port, std::nullopt});
      if (!problem.empty()) {
        ExportedPort ignored;
        e.state.removeExport(false, port.publicName, &ignored);
      }
    }
    if (!problem.empty()) return e.fail(problem);
    Json reply = {{"public", port.publicName}, {"node", port.node}, {"port", port.port}};
    echoMetadata(e.payload, reply);
    reply["graph"] = e.graphId;
    e.out.send("graph", e.command, reply);
    e.portsChanged();
    return Edit::kDone;
  }
  if (e.command == "removeinport" || e.command == "removeoutport") {
    ExportedPort removed;
    std::string name = e.payload.string("public");
    std::string problem = e.state.removeExport(e.command == "removeinport", name, &removed);
    if (!problem.empty()) return e.fail(problem);
    if (e.command == "removeoutport") e.live.unexportOutport(name);
    e.out.send("graph", e.command, {{"public", name}, {"graph", e.graphId}});
    e.portsChanged();
    return Edit::kDone;
  }
  if (e.command == "renameinport" || e.command == "renameoutport") {
    std::string from = e.payload.string("from"), to = e.payload.string("to");
    std::string problem = e.state.renameExport(e.command == "renameinport", from, to);
    if (!problem.empty()) return e.fail(problem);
    if (e.command == "renameoutport") e.live.renameOutport(from, to);
    e.out.send("graph", e.command, {{"from", from}, {"to", to}, {"graph", e.graphId}});
    e.portsChanged();
    return Edit::kDone;
  }
  return Edit::kNotMine;
}

// graph:addgroup, removegroup, renamegroup, changegroup.
Edit editGroups(const GraphEdit& e) {
  if (e.command == "addgroup") {
    if (e.full(e.state.groups().size(), kMaxGroupsPerGraph, "groups")) return Edit::kFailed;
    GraphGroup group{e.payload.string("name"), {}, e.payload.objectOr("metadata", Json::object())};
    for (const Json& node : e.payload.array("nodes")) {
      if (!node.is_string()) e.payload.fail("payload.nodes must hold node ids (strings)");
      group.nodes.push_back(node.get<std::string>());
    }
    std::string problem = e.state.addGroup(group);
    if (!problem.empty()) return e.fail(problem);
    Json reply = {{"name", group.name}, {"nodes", group.nodes}};
    echoMetadata(e.payload, reply);
    reply["graph"] = e.graphId;
    e.out.send("graph", "addgroup", reply);
    return Edit::kDone;
  }
  if (e.command == "removegroup") {
    std::string name = e.payload.string("name");
    std::string problem = e.state.removeGroup(name);
    if (!problem.empty()) return e.fail(problem);
    e.out.send("graph", "removegroup", {{"name", name}, {"graph", e.graphId}});
    return Edit::kDone;
  }
  if (e.command == "renamegroup") {
    std::string from = e.payload.string("from"), to = e.payload.string("to");
    std::string problem = e.state.renameGroup(from, to);
    if (!problem.empty()) return e.fail(problem);
    e.out.send("graph", "renamegroup", {{"from", from}, {"to", to}, {"graph", e.graphId}});
    return Edit::kDone;
  }
  if (e.command == "changegroup") {
    std::string name = e.payload.string("name");
    std::string problem;
    for (const GraphGroup& g : e.state.groups()) {
      if (g.name == name) problem = mergedOverCap(g.metadata, e.payload.object("metadata"));
    }
    if (!problem.empty()) return e.fail(problem);
    problem = e.state.changeGroup(name, e.payload.object("metadata"));
    if (!problem.empty()) return e.fail(problem);
    Json metadata;
    for (const GraphGroup& g : e.state.groups()) {
      if (g.name == name) metadata = g.metadata;
    }
    e.out.send("graph", "changegroup",
               {{"name", name}, {"metadata", metadata}, {"graph", e.graphId}});
    return Edit::kDone;
  }
  return Edit::kNotMine;
}

}  // namespace

void ProtocolRuntime::handleGraph(const std::string& command, const Payload& payload, Outbox& out) {
  if (payload.has("metadata")) {
    std::string problem =
        overCap("payload.metadata", payload.raw().at("metadata"), kMaxMetadataBytes);
    if (!problem.empty()) payload.fail(problem);
  }
  if (command == "clear") {
    std::string id = payload.string("id");
    if (graphs_.size() >= kMaxGraphs && !graphs_.count(id)) {
      payload.fail("this runtime keeps at most " + std::to_string(kMaxGraphs) + " graphs");
    }
    std::string name = payload.optionalString("name").value_or(id);
    createGraph(id, name);
    if (payload.boolean("main", false) || mainGraph_.empty() || mainGraph_ == id) mainGraph_ = id;
    Json reply = {{"id", id}};
    if (payload.has("name")) reply["name"] = name;
    for (const char* key : {"library", "icon", "description"}) {
      if (auto value = payload.optionalString(key)) reply[key] = *value;
    }
    if (payload.has("main")) reply["main"] = payload.boolean("main", false);
    out.send("graph", "clear", reply);
    return;
  }

  Graph& graph = graphFor(payload);
  GraphState& state = *graph.state;
  LiveNetwork& live = *graph.live;
  const GraphEdit edit{command, payload, out, state, live, catalog_, state.id()};
  Edit result = Edit::kNotMine;
  for (Edit (*handler)(const GraphEdit&) :
       {editNodes, editEdges, editInitials, editExports, editGroups}) {
    if (result == Edit::kNotMine) result = handler(edit);
  }
  if (result == Edit::kNotMine) edit.fail("unknown command");
  if (result != Edit::kDone) return;
  flushEvents(edit.graphId, graph, out);  // live edits can make packets flow at once
}

}  // namespace emflow::protocol
