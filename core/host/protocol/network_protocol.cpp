// network:* and trace:* — running a graph's device network on the virtual clock, reporting
// what crosses its edges, and recording Flowtraces.
#include <cstdio>

#include "host/protocol/limits.h"
#include "host/protocol/runtime.h"

namespace emflow::protocol {

namespace {

// Virtual time as an ISO 8601 date (the protocol wants date-time strings): the simulation
// starts at the epoch, so traces are identical from run to run.
std::string virtualDate(uint32_t ms) {
  uint32_t seconds = ms / 1000;
  uint32_t days = seconds / 86400;
  char text[40];
  std::snprintf(text, sizeof text, "1970-01-%02uT%02u:%02u:%02u.%03uZ", 1 + days % 31,
                (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60, ms % 1000);
  return text;
}

}  // namespace

Json ProtocolRuntime::networkState(const std::string& id, const Graph& graph, bool withTime) const {
  Json p = Json::object();
  if (withTime) p["time"] = virtualDate(graph.live->nowMs());
  p["graph"] = id;
  p["started"] = graph.live->started();
  p["running"] = graph.live->active();
  if (graph.debug) p["debug"] = true;
  return p;
}

void ProtocolRuntime::flushEvents(const std::string& id, Graph& graph, Outbox& out) {
  for (DataEvent& event : graph.live->takeData()) {
    Json p = Json::object();
    p["id"] = edgeId(event.initial ? nullptr : &event.src, event.tgt);
    if (!event.initial) p["src"] = event.src.toJson();
    p["tgt"] = event.tgt.toJson();
    p["data"] = event.data;
    p["graph"] = id;
    if (graph.tracing) {
      Json traced = p;
      traced["time"] = virtualDate(event.timeMs);
      Json::array_t& events = graph.traceEvents.get_ref<Json::array_t&>();
      if (events.size() >= kMaxTraceEvents) {
        const size_t drop = kMaxTraceEvents / 4;  // in blocks: erasing at the front is O(n)
        events.erase(events.begin(), events.begin() + drop);
        graph.traceDropped += drop;
      }
      events.push_back({{"protocol", "network"}, {"command", "data"}, {"payload", traced}});
    }
    // Our own extension, off for strict clients: network:data's schema admits no field beyond
    // data/id/src/tgt/graph/subgraph, so the name is ours to choose and is the one every
    // other virtual time of ours has (status, samples). The flowtrace above keeps its
    // schema's `time` (an ISO date).
    if (options_.timeInEvents) p["timeMs"] = event.timeMs;
    out.send("network", "data", std::move(p));
  }
  for (OutportEvent& event : graph.live->takeOutports()) {
    out.send("runtime", "packet",
             {{"port", event.port}, {"event", "data"}, {"payload", event.data}, {"graph", id}});
  }
  for (std::string& line : graph.live->takeSerialLines()) {
    // network:output has no graph field (the schema forbids it): a line of the serial port.
    out.send("network", "output", {{"message", std::move(line)}, {"type", "message"}});
  }
  for (ErrorEvent& event : graph.live->takeErrors()) {
    if (!event.node.empty()) {
      out.send("network", "processerror",
               {{"id", event.node}, {"error", event.message}, {"graph", id}});
    } else {
      out.send("network", "error", {{"message", event.message}, {"graph", id}});
    }
  }
}

void ProtocolRuntime::handleNetwork(const std::string& command, const Payload& payload,
                                    Outbox& out) {
  if (command == "persist") {
    if (!persist_) {
      out.error("network", "network:persist: this runtime has nowhere to persist graphs");
      return;
    }
    const std::string text = snapshot().dump();
    if (text.size() > kMaxSnapshotBytes) {
      out.error("network", "network:persist: the graphs are " + std::to_string(text.size()) +
                               " bytes as JSON, more than the " +
                               std::to_string(kMaxSnapshotBytes) + " a persisted state may be");
      return;
    }
    std::string problem = persist_(text);
    if (!problem.empty()) out.error("network", "network:persist: " + problem);
    return;
  }
  Graph& graph = graphFor(payload);
  const std::string id = payload.raw().at("graph").get<std::string>();
  if (command == "start") {
    std::string problem = graph.live->start();
    out.send("network", "started", networkState(id, graph, true));
    flushEvents(id, graph, out);
    if (!problem.empty()) out.send("network", "error", {{"message", problem}, {"graph", id}});
  } else if (command == "stop") {
    if (!graph.live->started()) {
      out.error("network", "network:stop: graph " + id + " is not running");
      return;
    }
    uint32_t uptimeMs = graph.live->nowMs() - graph.live->startedAtMs();
    graph.live->stop();
    Json p = networkState(id, graph, true);
    p["uptime"] = uptimeMs / 1000.0;
    out.send("network", "stopped", p);
  } else if (command == "getstatus") {
    // Exactly {graph, started, running} (+debug): fbp-test compares the payload as a whole.
    out.send("network", "status", networkState(id, graph, false));
  } else if (command == "debug") {
    graph.debug = payload.boolean("enable", false);
    out.send("network", "debug", {{"enable", graph.debug}, {"graph", id}});
  } else if (command == "edges") {
    std::vector<std::pair<PortEnd, PortEnd>> edges;
    Json echoed = Json::array();
    for (const Json& edge : payload.array("edges")) {
      Payload item(edge, payload.where() + " edges[]");
      if (!edge.is_object()) item.fail("each edge must be an object with src and tgt");
      edges.push_back({readPortEnd(item, "src"), readPortEnd(item, "tgt")});
      echoed.push_back(
          {{"src", edges.back().first.toJson()}, {"tgt", edges.back().second.toJson()}});
    }
    std::string problem;
    if (edges.empty()) {
      graph.live->watchAll();
    } else {
      problem = graph.live->watch(edges);
    }
    if (!problem.empty()) {
      out.error("network", payload.where() + ": " + problem);
      return;
    }
    out.send("network", "edges", {{"graph", id}, {"edges", echoed}});
  } else {
    out.error("network", "unknown command network:" + command);
  }
}

void ProtocolRuntime::handleTrace(const std::string& command, const Payload& payload, Outbox& out) {
  Graph& graph = graphFor(payload);
  const std::string id = payload.raw().at("graph").get<std::string>();
  if (command == "start") {
    graph.tracing = true;
    out.send("trace", "start", {{"graph", id}});
  } else if (command == "stop") {
    graph.tracing = false;
    out.send("trace", "stop", {{"graph", id}});
  } else if (command == "clear") {
    graph.traceEvents = Json::array();
    graph.traceDropped = 0;
    out.send("trace", "clear", {{"graph", id}});
  } else if (command == "dump") {
    std::string type = payload.optionalString("type").value_or("flowtrace.json");
    if (type != "flowtrace.json") {
      out.error("trace", "trace:dump: only type flowtrace.json is supported");
      return;
    }
    Json header = Json::object();
    header["graphs"] = {{id, graph.state->toNoFlo()}};
    header["metadata"] = {{"runtime", options_.type}, {"label", options_.label}};
    if (graph.traceDropped > 0) header["metadata"]["droppedEvents"] = graph.traceDropped;
    Json flowtrace = {{"header", header}, {"events", graph.traceEvents}};
    out.send("trace", "dump", {{"graph", id}, {"type", type}, {"flowtrace", flowtrace.dump()}});
  } else {
    out.error("trace", "unknown command trace:" + command);
  }
}

}  // namespace emflow::protocol
