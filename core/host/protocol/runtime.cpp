#include "host/protocol/runtime.h"

#include <cstdio>

#include "host/json/bounded_json.h"
#include "host/protocol/component_source.h"
#include "host/protocol/limits.h"

namespace emflow::protocol {

namespace {

const char* const kProtocolVersion = "0.7";

const std::vector<std::string> kSubProtocols = {"runtime", "graph", "component", "network",
                                                "trace"};

}  // namespace

ProtocolRuntime::ProtocolRuntime(RuntimeOptions options, ComponentCatalog catalog)
    : options_(std::move(options)), catalog_(std::move(catalog)) {}

ProtocolRuntime::~ProtocolRuntime() = default;

namespace {

// Compares without stopping at the first difference, so the time taken does not tell an
// attacker how much of a guessed secret was right.
bool sameSecret(const std::string& given, const std::string& secret) {
  unsigned char difference = given.size() == secret.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) {
    difference |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
  }
  return difference == 0;
}

}  // namespace

std::vector<Json> ProtocolRuntime::handle(const std::string& text) {
  Json message;
  json::JsonError error;
  json::JsonLimits limits;
  limits.maxBytes = kMaxMessageBytes;
  limits.maxDepth = kMaxMessageDepth;
  if (!json::parseBounded(text, limits, &message, &error)) {
    lastAuthorised_ = false;
    Outbox out;
    out.error("runtime",
              std::string(error.overLimit ? "message refused: " : "message is not valid JSON: ") +
                  error.format());
    return std::move(out.messages());
  }
  return handle(message);
}

bool ProtocolRuntime::authorised(const Json& message) const {
  if (options_.secret.empty()) return true;
  auto matches = [&](const Json& holder) {
    return holder.is_object() && holder.contains("secret") && holder.at("secret").is_string() &&
           sameSecret(holder.at("secret").get_ref<const std::string&>(), options_.secret);
  };
  return matches(message) || (message.contains("payload") && matches(message.at("payload")));
}

std::vector<Json> ProtocolRuntime::handle(const Json& message) {
  lastAuthorised_ = message.is_object() && authorised(message);
  return handle(message, false);
}

std::vector<Json> ProtocolRuntime::handle(const Json& message, bool trusted) {
  Outbox out;
  if (!message.is_object() || !message.contains("protocol") || !message.contains("command") ||
      !message.at("protocol").is_string() || !message.at("command").is_string()) {
    out.error("runtime", "a message needs string fields protocol and command");
    return std::move(out.messages());
  }
  const std::string protocol = message.at("protocol").get<std::string>();
  const std::string command = message.at("command").get<std::string>();
  bool known = false;
  for (const std::string& p : kSubProtocols) known = known || p == protocol;
  if (!known) {
    out.error("runtime", "unknown protocol " + protocol);
    return std::move(out.messages());
  }
  static const Json kEmpty = Json::object();
  const Json& body = message.contains("payload") ? message.at("payload") : kEmpty;
  if (!body.is_object()) {
    out.error(protocol, protocol + ":" + command + ": payload must be an object");
    return std::move(out.messages());
  }
  // Trusted: restore() replays the runtime's own persisted graphs, which never held a secret.
  const bool allowed = trusted || authorised(message);
  if (!allowed && !(protocol == "runtime" && command == "getruntime")) {
    out.error(protocol, protocol + ":" + command + ": access denied (wrong or missing secret)");
    return std::move(out.messages());
  }
  Payload payload(body, protocol + ":" + command);
  try {
    if (protocol == "runtime" && command == "getruntime" && !allowed) {
      Json p = Json::object();
      p["type"] = options_.type;
      p["version"] = kProtocolVersion;
      p["capabilities"] = Json::array();
      p["allCapabilities"] = capabilities();
      out.send("runtime", "runtime", p);
    } else {
      dispatch(protocol, command, payload, out);
    }
  } catch (const PayloadError& error) {
    out.error(protocol, error.message);
  } catch (const std::exception& error) {
    // nlohmann/json type errors and allocation failures: report, never crash the host.
    out.error(protocol, protocol + ":" + command + ": " + error.what());
  }
  return std::move(out.messages());
}

void ProtocolRuntime::dispatch(const std::string& protocol, const std::string& command,
                               const Payload& payload, Outbox& out) {
  if (protocol == "runtime") return handleRuntime(command, payload, out);
  if (protocol == "graph") return handleGraph(command, payload, out);
  if (protocol == "component") return handleComponent(command, payload, out);
  if (protocol == "network") return handleNetwork(command, payload, out);
  return handleTrace(command, payload, out);
}

Json ProtocolRuntime::capabilities() const {
  Json caps = {"protocol:runtime", "protocol:graph", "protocol:component", "protocol:network",
               "network:status",   "network:data",   "network:control",    "protocol:trace"};
  if (persist_) caps.push_back("network:persist");
  return caps;
}

void ProtocolRuntime::handleRuntime(const std::string& command, const Payload& payload,
                                    Outbox& out) {
  if (command == "getruntime") {
    Json p = Json::object();
    if (!options_.id.empty()) p["id"] = options_.id;
    p["label"] = options_.label;
    p["version"] = kProtocolVersion;
    p["type"] = options_.type;
    p["capabilities"] = capabilities();
    p["allCapabilities"] = capabilities();
    if (!mainGraph_.empty()) p["graph"] = mainGraph_;
    out.send("runtime", "runtime", p);
    return;
  }
  if (command == "packet") {
    // A packet for an exported in-port of a running graph (fbp-spec sends its inputs so).
    Graph& graph = graphFor(payload);
    const std::string id = payload.raw().at("graph").get<std::string>();
    const std::string port = payload.string("port");
    const std::string event = payload.string("event");
    const ExportedPort* exported = nullptr;
    for (const ExportedPort& p : graph.state->exports(true)) {
      if (p.publicName == port) exported = &p;
    }
    if (!exported) {
      out.error("runtime", "runtime:packet: graph " + id + " has no exported in-port " + port);
      return;
    }
    if (event == "data") {
      const Json data = payload.has("payload") ? payload.raw().at("payload") : Json();
      const uint64_t outputsBefore = graph.live->outportPackets();
      std::string problem =
          graph.live->inject({exported->node, exported->port, std::nullopt}, data);
      if (!problem.empty()) {
        out.error("runtime", "runtime:packet: " + problem);
        return;
      }
      // Answered at once, or left for runUntilOutput() to run time for (input-driven clock).
      graph.awaitingOutput = graph.live->outportPackets() == outputsBefore;
    }
    // connect/disconnect/begingroup/endgroup carry nothing a device packet can hold.
    Json ack = {{"port", port}, {"event", event}, {"graph", id}};
    if (payload.has("payload")) ack["payload"] = payload.raw().at("payload");
    out.send("runtime", "packetsent", ack);
    flushEvents(id, graph, out);
    return;
  }
  out.error("runtime", "unknown command runtime:" + command);
}

void ProtocolRuntime::handleComponent(const std::string& command, const Payload& payload,
                                      Outbox& out) {
  if (command == "list") {
    int count = 0;
    for (const ComponentSpec& spec : catalog_.all()) {
      std::string name =
          options_.componentPrefix.empty() ? spec.name : options_.componentPrefix + "/" + spec.name;
      out.send("component", "component", ComponentCatalog::describe(spec, name));
      ++count;
    }
    out.send("component", "componentsready", count);
    return;
  }
  if (command == "getsource") {
    std::string name = payload.string("name");
    const ComponentSpec* spec = catalog_.find(name);
    if (!spec) {
      std::string hint = catalog_.suggest(name);
      out.error("component", "component:getsource: unknown component " + name +
                                 (hint.empty() ? "" : " (did you mean " + hint + "?)"));
      return;
    }
    std::string code, problem;
    if (!componentSource(spec->name, &code, &problem)) {
      out.error("component", "component:getsource: " + problem);
      return;
    }
    Json source = {{"name", spec->name}, {"language", "c++"}, {"code", code}};
    source["library"] = options_.componentPrefix.empty() ? ComponentCatalog::prefixes().front()
                                                         : options_.componentPrefix;
    out.send("component", "source", source);
    return;
  }
  out.error("component", "unknown command component:" + command);
}

ProtocolRuntime::Graph& ProtocolRuntime::graphFor(const Payload& payload) {
  if (!payload.has("graph")) throw PayloadError{"No graph specified"};
  if (!payload.raw().at("graph").is_string()) {
    throw PayloadError{payload.where() + ": payload.graph must be a string"};
  }
  auto it = graphs_.find(payload.raw().at("graph").get<std::string>());
  if (it == graphs_.end()) throw PayloadError{"Requested graph not found"};
  return it->second;
}

ProtocolRuntime::Graph& ProtocolRuntime::createGraph(const std::string& id,
                                                     const std::string& name) {
  Graph graph;
  graph.state = std::make_unique<GraphState>(id, name);
  graph.live = std::make_unique<LiveNetwork>(catalog_, symbols_, options_.world);
  graphs_.erase(id);
  return graphs_.emplace(id, std::move(graph)).first->second;
}

std::vector<Json> ProtocolRuntime::advance(uint32_t ms) {
  Outbox out;
  for (auto& entry : graphs_) {
    Graph& graph = entry.second;
    bool sampled = entry.first == mainGraph_;
    graph.live->advance(ms, sampled ? sampleEveryMs_ : 0);
    flushEvents(entry.first, graph, out);
  }
  return std::move(out.messages());
}

std::vector<Json> ProtocolRuntime::runUntilOutput(uint32_t limitMs) {
  Outbox out;
  for (auto& entry : graphs_) {
    Graph& graph = entry.second;
    if (!graph.awaitingOutput) continue;
    graph.awaitingOutput = false;
    graph.live->runUntilOutput(limitMs);
    flushEvents(entry.first, graph, out);
  }
  return std::move(out.messages());
}

std::vector<WorldSample> ProtocolRuntime::takeSamples() {
  auto it = graphs_.find(mainGraph_);
  if (it == graphs_.end()) return {};
  return it->second.live->takeSamples();
}

std::vector<PinEvent> ProtocolRuntime::takePinEvents(uint64_t* dropped) {
  *dropped = 0;
  auto it = graphs_.find(mainGraph_);
  if (it == graphs_.end()) return {};
  return it->second.live->takePinEvents(dropped);
}

std::vector<Json> ProtocolRuntime::resetWorld(WorldOptions world) {
  options_.world = world;
  Outbox out;
  for (auto& entry : graphs_) {
    Graph& graph = entry.second;
    bool wasStarted = graph.live->started();
    graph.live = std::make_unique<LiveNetwork>(catalog_, symbols_, world);
    for (const std::string& problem : graph.live->rebuild(*graph.state)) {
      Json p = {{"message", problem}, {"graph", entry.first}};
      out.send("network", "error", p);
    }
    if (wasStarted) {
      std::string problem = graph.live->start();
      if (!problem.empty())
        out.send("network", "error", {{"message", problem}, {"graph", entry.first}});
    }
    graph.live->takeData();  // a reset replays nothing to the client
    graph.live->takeErrors();
  }
  return std::move(out.messages());
}

bool ProtocolRuntime::setWorldInputs(const Json& inputs, std::string* error) {
  bool any = false;
  for (auto& entry : graphs_) {
    if (!entry.second.live->setWorldInputs(inputs, error)) return false;
    any = true;
  }
  if (!any) {
    *error = "no graph yet: send graph:clear first";
    return false;
  }
  return true;
}

WorldSample ProtocolRuntime::worldSample() const {
  auto it = graphs_.find(mainGraph_);
  if (it == graphs_.end()) return WorldSample();
  return it->second.live->sampleNow();
}

uint32_t ProtocolRuntime::nowMs() const {
  auto it = graphs_.find(mainGraph_);
  return it == graphs_.end() ? 0 : it->second.live->nowMs();
}

bool ProtocolRuntime::mainStarted() const {
  auto it = graphs_.find(mainGraph_);
  return it != graphs_.end() && it->second.live->started();
}

Json ProtocolRuntime::snapshot() const {
  Json graphs = Json::object();
  for (const auto& entry : graphs_) graphs[entry.first] = entry.second.state->toNoFlo();
  Json out = Json::object();
  out["main"] = mainGraph_;
  out["graphs"] = graphs;
  return out;
}

std::vector<Json> ProtocolRuntime::restore(const Json& snapshot) {
  std::vector<Json> replies;
  auto feed = [&](const std::string& command, Json payload) {
    for (Json& reply : handle(makeMessage("graph", command, std::move(payload)), true)) {
      replies.push_back(std::move(reply));
    }
  };
  if (!snapshot.is_object() || !snapshot.contains("graphs") || !snapshot["graphs"].is_object()) {
    Outbox out;
    out.error("runtime", "persisted state has no graphs object");
    return std::move(out.messages());
  }
  for (auto it = snapshot["graphs"].begin(); it != snapshot["graphs"].end(); ++it) {
    const Json& g = it.value();
    if (!g.is_object()) continue;
    const std::string id = it.key();
    Json name = g.contains("properties") && g["properties"].contains("name")
                    ? g["properties"]["name"]
                    : Json(id);
    feed("clear", {{"id", id}, {"name", name}});
    if (g.contains("processes") && g["processes"].is_object()) {
      for (auto p = g["processes"].begin(); p != g["processes"].end(); ++p) {
        Json node = {{"id", p.key()}, {"graph", id}};
        node["component"] = p.value().value("component", Json(""));
        node["metadata"] = p.value().value("metadata", Json::object());
        feed("addnode", node);
      }
    }
    if (g.contains("connections") && g["connections"].is_array()) {
      for (const Json& c : g["connections"]) {
        if (!c.is_object() || !c.contains("tgt")) continue;
        auto end = [](const Json& e) {
          Json out = {{"node", e.value("process", Json(""))}, {"port", e.value("port", Json(""))}};
          if (e.contains("index")) out["index"] = e["index"];
          return out;
        };
        Json payload = {{"tgt", end(c["tgt"])}, {"graph", id}};
        if (c.contains("metadata")) payload["metadata"] = c["metadata"];
        if (c.contains("src")) {
          payload["src"] = end(c["src"]);
          feed("addedge", payload);
        } else {
          payload["src"] = {{"data", c.value("data", Json())}};
          feed("addinitial", payload);
        }
      }
    }
    for (const char* kind : {"inports", "outports"}) {
      if (!g.contains(kind) || !g[kind].is_object()) continue;
      for (auto p = g[kind].begin(); p != g[kind].end(); ++p) {
        Json payload = {{"public", p.key()},
                        {"node", p.value().value("process", Json(""))},
                        {"port", p.value().value("port", Json(""))},
                        {"graph", id}};
        feed(std::string(kind) == "inports" ? "addinport" : "addoutport", payload);
      }
    }
  }
  if (snapshot.contains("main") && snapshot["main"].is_string() &&
      graphs_.count(snapshot["main"].get<std::string>())) {
    mainGraph_ = snapshot["main"].get<std::string>();
  }
  return replies;
}

}  // namespace emflow::protocol
