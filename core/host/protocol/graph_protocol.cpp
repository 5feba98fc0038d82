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
  const std::string graphId = state.id();
  auto fail = [&](const std::string& message) {
    out.error("graph", payload.where() + ": " + message);
  };
  auto portsChanged = [&]() {
    Json ports = {{"graph", graphId},
                  {"inPorts", portsOf(state, true, catalog_)},
                  {"outPorts", portsOf(state, false, catalog_)}};
    out.send("runtime", "ports", ports);
  };

  auto full = [&](size_t count, size_t cap, const char* what) {
    if (count < cap) return false;
    fail("graph " + graphId + " already has " + std::to_string(cap) + " " + what +
         ", the most a graph may have");
    return true;
  };

  if (command == "addnode") {
    if (full(state.nodes().size(), kMaxNodesPerGraph, "nodes")) return;
    GraphNode node{payload.string("id"), payload.string("component"),
                   payload.objectOr("metadata", Json::object())};
    std::string problem =
        state.findNode(node.id) ? "node " + node.id + " already exists" : live.addNode(node);
    if (problem.empty()) problem = state.addNode(node.id, node.component, node.metadata);
    if (!problem.empty()) return fail(problem);
    out.send("graph", "addnode",
             {{"id", node.id},
              {"component", node.component},
              {"metadata", state.findNode(node.id)->metadata},
              {"graph", graphId}});
  } else if (command == "removenode") {
    std::string id = payload.string("id");
    if (!state.findNode(id)) return fail("no node " + id);
    std::vector<GraphEdge> edges;
    std::vector<GraphInitial> initials;
    std::string problem = live.removeNode(id);
    if (problem.empty()) problem = state.removeNode(id, &edges, &initials);
    if (!problem.empty()) return fail(problem);
    for (const GraphEdge& edge : edges) {
      out.send("graph", "removeedge",
               {{"src", edge.src.toJson()}, {"tgt", edge.tgt.toJson()}, {"graph", graphId}});
    }
    for (const GraphInitial& initial : initials) {
      out.send(
          "graph", "removeinitial",
          {{"src", {{"data", initial.data}}}, {"tgt", initial.tgt.toJson()}, {"graph", graphId}});
    }
    out.send("graph", "removenode", {{"id", id}, {"graph", graphId}});
  } else if (command == "renamenode") {
    std::string from = payload.string("from"), to = payload.string("to");
    std::string problem = state.renameNode(from, to);
    if (problem.empty()) problem = live.renameNode(from, to);
    if (!problem.empty()) return fail(problem);
    out.send("graph", "renamenode", {{"from", from}, {"to", to}, {"graph", graphId}});
  } else if (command == "changenode") {
    std::string id = payload.string("id");
    const GraphNode* existing = state.findNode(id);
    std::string problem =
        existing ? mergedOverCap(existing->metadata, payload.object("metadata")) : "";
    if (!problem.empty()) return fail(problem);
    problem = state.changeNode(id, payload.object("metadata"));
    if (!problem.empty()) return fail(problem);
    out.send("graph", "changenode",
             {{"id", id}, {"metadata", state.findNode(id)->metadata}, {"graph", graphId}});
  } else if (command == "addedge") {
    if (full(state.edges().size(), kMaxEdgesPerGraph, "edges")) return;
    GraphEdge edge{readPortEnd(payload, "src"), readPortEnd(payload, "tgt"),
                   payload.objectOr("metadata", Json::object())};
    std::string problem = state.addEdge(edge);
    if (problem.empty()) {
      problem = live.addEdge(edge);
      if (!problem.empty()) {
        GraphEdge ignored;
        state.removeEdge(edge.src, edge.tgt, &ignored);
      }
    }
    if (!problem.empty()) return fail(problem);
    Json reply = {{"src", edge.src.toJson()}, {"tgt", edge.tgt.toJson()}};
    echoMetadata(payload, reply);
    reply["graph"] = graphId;
    out.send("graph", "addedge", reply);
  } else if (command == "removeedge") {
    PortEnd src = readPortEnd(payload, "src"), tgt = readPortEnd(payload, "tgt");
    GraphEdge removed;
    std::string problem = state.removeEdge(src, tgt, &removed);
    if (!problem.empty()) return fail(problem);
    problem = live.removeEdge(src, tgt);
    if (!problem.empty()) {
      state.addEdge(removed);
      return fail(problem);
    }
    out.send("graph", "removeedge",
             {{"src", src.toJson()}, {"tgt", tgt.toJson()}, {"graph", graphId}});
  } else if (command == "changeedge") {
    PortEnd src = readPortEnd(payload, "src"), tgt = readPortEnd(payload, "tgt");
    std::string problem;
    for (const GraphEdge& e : state.edges()) {
      if (e.src == src && e.tgt == tgt)
        problem = mergedOverCap(e.metadata, payload.object("metadata"));
    }
    if (!problem.empty()) return fail(problem);
    problem = state.changeEdge(src, tgt, payload.object("metadata"));
    if (!problem.empty()) return fail(problem);
    Json metadata;
    for (const GraphEdge& e : state.edges()) {
      if (e.src == src && e.tgt == tgt) metadata = e.metadata;
    }
    out.send(
        "graph", "changeedge",
        {{"src", src.toJson()}, {"tgt", tgt.toJson()}, {"metadata", metadata}, {"graph", graphId}});
  } else if (command == "addinitial") {
    if (full(state.initials().size(), kMaxInitialsPerGraph, "initial packets")) return;
    const Json& src = payload.object("src");
    if (!src.contains("data")) payload.fail("payload.src.data is missing");
    std::string tooBig = overCap("payload.src.data", src.at("data"), kMaxIipBytes);
    if (!tooBig.empty()) return fail(tooBig);
    GraphInitial initial{src.at("data"), readPortEnd(payload, "tgt"),
                         payload.objectOr("metadata", Json::object())};
    if (!state.findNode(initial.tgt.node)) return fail("no node " + initial.tgt.node);
    std::string problem = live.addInitial(initial);
    if (problem.empty()) problem = state.addInitial(initial);
    if (!problem.empty()) return fail(problem);
    Json reply = {{"src", {{"data", initial.data}}}, {"tgt", initial.tgt.toJson()}};
    echoMetadata(payload, reply);
    reply["graph"] = graphId;
    out.send("graph", "addinitial", reply);
  } else if (command == "removeinitial") {
    PortEnd tgt = readPortEnd(payload, "tgt");
    std::vector<GraphInitial> removed;
    std::string problem = state.removeInitial(tgt, &removed);
    if (!problem.empty()) return fail(problem);
    problem = live.removeInitial(tgt);
    if (!problem.empty()) {
      for (const GraphInitial& initial : removed) state.addInitial(initial);
      return fail(problem);
    }
    for (const GraphInitial& initial : removed) {
      out.send("graph", "removeinitial",
               {{"src", {{"data", initial.data}}}, {"tgt", tgt.toJson()}, {"graph", graphId}});
    }
  } else if (command == "addinport" || command == "addoutport") {
    const bool inport = command == "addinport";
    if (full(state.exports(true).size() + state.exports(false).size(), kMaxExportsPerGraph,
             "exported ports"))
      return;
    ExportedPort port{payload.string("public"), payload.string("node"), payload.string("port"),
                      payload.objectOr("metadata", Json::object())};
    const GraphNode* node = state.findNode(port.node);
    if (!node) return fail("no node " + port.node);
    const ComponentSpec* spec = catalog_.find(node->component);
    if (spec && (inport ? spec->inPortNumber(port.port) : spec->outPortNumber(port.port)) < 0) {
      return fail("no " + std::string(inport ? "in-port " : "out-port ") + port.port + " on " +
                  port.node + "(" + spec->name + ")");
    }
    std::string problem = state.addExport(inport, port);
    if (problem.empty() && !inport) {
      problem = live.exportOutport(port.publicName, {port.node, port.port, std::nullopt});
      if (!problem.empty()) {
        ExportedPort ignored;
        state.removeExport(false, port.publicName, &ignored);
      }
    }
    if (!problem.empty()) return fail(problem);
    Json reply = {{"public", port.publicName}, {"node", port.node}, {"port", port.port}};
    echoMetadata(payload, reply);
    reply["graph"] = graphId;
    out.send("graph", command, reply);
    portsChanged();
  } else if (command == "removeinport" || command == "removeoutport") {
    ExportedPort removed;
    std::string name = payload.string("public");
    std::string problem = state.removeExport(command == "removeinport", name, &removed);
    if (!problem.empty()) return fail(problem);
    if (command == "removeoutport") live.unexportOutport(name);
    out.send("graph", command, {{"public", name}, {"graph", graphId}});
    portsChanged();
  } else if (command == "renameinport" || command == "renameoutport") {
    std::string from = payload.string("from"), to = payload.string("to");
    std::string problem = state.renameExport(command == "renameinport", from, to);
    if (!problem.empty()) return fail(problem);
    if (command == "renameoutport") live.renameOutport(from, to);
    out.send("graph", command, {{"from", from}, {"to", to}, {"graph", graphId}});
    portsChanged();
  } else if (command == "addgroup") {
    if (full(state.groups().size(), kMaxGroupsPerGraph, "groups")) return;
    GraphGroup group{payload.string("name"), {}, payload.objectOr("metadata", Json::object())};
    for (const Json& node : payload.array("nodes")) {
      if (!node.is_string()) payload.fail("payload.nodes must hold node ids (strings)");
      group.nodes.push_back(node.get<std::string>());
    }
    std::string problem = state.addGroup(group);
    if (!problem.empty()) return fail(problem);
    Json reply = {{"name", group.name}, {"nodes", group.nodes}};
    echoMetadata(payload, reply);
    reply["graph"] = graphId;
    out.send("graph", "addgroup", reply);
  } else if (command == "removegroup") {
    std::string name = payload.string("name");
    std::string problem = state.removeGroup(name);
    if (!problem.empty()) return fail(problem);
    out.send("graph", "removegroup", {{"name", name}, {"graph", graphId}});
  } else if (command == "renamegroup") {
    std::string from = payload.string("from"), to = payload.string("to");
    std::string problem = state.renameGroup(from, to);
    if (!problem.empty()) return fail(problem);
    out.send("graph", "renamegroup", {{"from", from}, {"to", to}, {"graph", graphId}});
  } else if (command == "changegroup") {
    std::string name = payload.string("name");
    std::string problem;
    for (const GraphGroup& g : state.groups()) {
      if (g.name == name) problem = mergedOverCap(g.metadata, payload.object("metadata"));
    }
    if (!problem.empty()) return fail(problem);
    problem = state.changeGroup(name, payload.object("metadata"));
    if (!problem.empty()) return fail(problem);
    Json metadata;
    for (const GraphGroup& g : state.groups()) {
      if (g.name == name) metadata = g.metadata;
    }
    out.send("graph", "changegroup", {{"name", name}, {"metadata", metadata}, {"graph", graphId}});
  } else {
    return fail("unknown command");
  }
  flushEvents(graphId, graph, out);  // live edits can make packets flow at once
}

}  // namespace emflow::protocol
