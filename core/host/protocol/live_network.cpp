#include "host/protocol/live_network.h"

#include <algorithm>

#include "host/firmware/iip_packets.h"
#include "sim/world_registry.h"

namespace emflow::protocol {

namespace {

// A network that is still busy after this many run() calls at one instant has a cycle that
// never lets time advance; we report it instead of hanging the caller (the browser tab).
constexpr int kMaxRunsPerInstant = 2000;  // 128k deliveries at one instant

std::string statusText(Status status) {
  return emflow_status_name(status);
}

}  // namespace

namespace {

// What a world the registry cannot make is replaced with: nothing behind the pins.
class NoWorld : public world::World {
 public:
  void advanceTo(TimeMs) override {}
};

}  // namespace

std::string checkWorldOptions(const WorldOptions& options) {
  const sim::WorldSpec* spec = sim::findWorld(options.name);
  if (!spec) return "unknown world '" + options.name + "' (known: " + sim::worldNames() + ")";
  if (spec->needsData && options.data.empty())
    return "the " + options.name + " world needs a recording (data)";
  if (!spec->needsData && !options.data.empty())
    return "the " + options.name + " world replays no recording (data is for replay)";
  world::VirtualIO io;
  std::string error;
  sim::WorldParams params;
  params.seed = options.seed;
  params.data = options.data;
  if (!spec->create(io, params, &error)) return "data:" + error;
  return "";
}

LiveNetwork::LiveNetwork(const ComponentCatalog& catalog, SymbolTable& symbols, WorldOptions world)
    : catalog_(catalog), symbols_(symbols), worldOptions_(std::move(world)) {
  createWorld();
}

LiveNetwork::~LiveNetwork() = default;

void LiveNetwork::createWorld() {
  clock_.reset();
  network_.reset();
  world_.reset();
  io_ = std::make_unique<world::VirtualIO>();
  for (uint8_t pin = 0; pin < world::kVirtualPinCount; ++pin) lastLevel_[pin] = lastDuty_[pin] = -1;
  pinEvents_.clear();
  io_->addPinListener(
      [this](const world::PinWrite& w) { recordPin(w.time, w.pin, w.level ? 1 : 0, false); });
  io_->addPwmListener(
      [this](TimeMs time, uint8_t pin, uint8_t duty) { recordPin(time, pin, duty, true); });
  const sim::WorldSpec* spec = sim::findWorld(worldOptions_.name);
  if (spec) {
    sim::WorldParams params;  // durationMs 0: a live world runs open-ended
    params.seed = worldOptions_.seed;
    params.data = worldOptions_.data;
    std::string error;
    world_ = spec->create(*io_, params, &error);
  }
  if (!world_) world_ = std::make_unique<NoWorld>();  // checkWorldOptions said why before
  network_ = std::make_unique<Network>(*io_);
  network_->setTraceHandler(&LiveNetwork::onTrace, this);
  network_->setErrorHandler(&LiveNetwork::onError, this);
  network_->watchAll(watchAll_);
  clock_ = std::make_unique<sim::Clock>(*io_, *network_, kMaxRunsPerInstant);
  clock_->setSampler(0, [this] { recordSample(); });
  nodes_.clear();
  edges_.clear();
  initials_.clear();
  outports_.clear();
  started_ = false;
}

std::string LiveNetwork::checkNode(const std::string& component) const {
  if (catalog_.find(component)) return "";
  std::string hint = catalog_.suggest(component);
  return "unknown component " + component + (hint.empty() ? "" : " (did you mean " + hint + "?)");
}

std::string LiveNetwork::addNode(const GraphNode& node) {
  std::string problem = checkNode(node.component);
  if (!problem.empty()) return problem;
  if (nodes_.count(node.id)) return "node " + node.id + " already exists";
  const ComponentSpec* spec = catalog_.find(node.component);
  NodeId id = kNoNode;
  Status status = network_->addNode(spec->id, &id);
  if (status != kOk) return "cannot create node " + node.id + ": " + statusText(status);
  nodes_[node.id] = {id, spec};
  settle();  // a node added to a running network starts at once and may send
  return "";
}

std::string LiveNetwork::removeNode(const std::string& name) {
  auto it = nodes_.find(name);
  if (it == nodes_.end()) return "no node " + name;
  for (auto o = outports_.begin(); o != outports_.end();) {
    Edge e;
    if (network_->edge(o->edge, &e) && e.src == it->second.id) {
      network_->removeNode(o->sink);
      o = outports_.erase(o);
    } else {
      ++o;
    }
  }
  Status status = network_->removeNode(it->second.id);
  if (status != kOk) return "cannot remove node " + name + ": " + statusText(status);
  for (auto e = edges_.begin(); e != edges_.end();) {
    e = (e->second.first.node == name || e->second.second.node == name) ? edges_.erase(e) : ++e;
  }
  initials_.erase(std::remove_if(initials_.begin(), initials_.end(),
                                 [&](const GraphInitial& i) { return i.tgt.node == name; }),
                  initials_.end());
  nodes_.erase(it);
  return "";
}

std::string LiveNetwork::renameNode(const std::string& from, const std::string& to) {
  auto it = nodes_.find(from);
  if (it == nodes_.end()) return "no node " + from;
  if (from == to) return "";
  if (nodes_.count(to)) return "node " + to + " already exists";
  nodes_[to] = it->second;
  nodes_.erase(from);
  for (auto& entry : edges_) {
    if (entry.second.first.node == from) entry.second.first.node = to;
    if (entry.second.second.node == from) entry.second.second.node = to;
  }
  for (GraphInitial& initial : initials_) {
    if (initial.tgt.node == from) initial.tgt.node = to;
  }
  return "";
}

std::string LiveNetwork::resolve(const PortEnd& end, bool out, NodeId* node, uint8_t* port,
                                 uint8_t* index) const {
  auto it = nodes_.find(end.node);
  if (it == nodes_.end()) return "no node " + end.node;
  const ComponentSpec& spec = *it->second.spec;
  int number = out ? spec.outPortNumber(end.port) : spec.inPortNumber(end.port);
  if (number < 0) {
    std::string list;
    for (const PortSpec& p : out ? spec.outPorts : spec.inPorts) {
      list += (list.empty() ? "" : ", ") + p.name;
    }
    return std::string("no ") + (out ? "out-port " : "in-port ") + end.port + " on " + end.node +
           "(" + spec.name + ") (it has: " + (list.empty() ? "none" : list) + ")";
  }
  const PortSpec& p = out ? spec.outPorts[number] : spec.inPorts[number];
  if (end.index && (*end.index < 0 || *end.index >= 255)) {
    return "port index " + std::to_string(*end.index) + " on " + end.node + " is out of range";
  }
  if (end.index && !p.array) {
    return "port " + end.port + " of " + spec.name + " is not an array port (no index allowed)";
  }
  *node = it->second.id;
  *port = static_cast<uint8_t>(number);
  *index = end.index ? static_cast<uint8_t>(*end.index) : kNoIndex;
  return "";
}

std::string LiveNetwork::portType(const PortEnd& end) const {
  auto it = nodes_.find(end.node);
  if (it == nodes_.end()) return "all";
  int number = it->second.spec->inPortNumber(end.port);
  return number < 0 ? "all" : it->second.spec->inPorts[number].type;
}

std::string LiveNetwork::addEdge(const GraphEdge& edge) {
  NodeId src, tgt;
  uint8_t srcPort, tgtPort, srcIndex, tgtIndex;
  std::string problem = resolve(edge.src, true, &src, &srcPort, &srcIndex);
  if (problem.empty()) problem = resolve(edge.tgt, false, &tgt, &tgtPort, &tgtIndex);
  if (!problem.empty()) return problem;
  EdgeId id = kNoEdge;
  Status status = network_->connect(src, srcPort, srcIndex, tgt, tgtPort, tgtIndex, &id);
  if (status != kOk) return "cannot connect: " + statusText(status);
  edges_[id] = {edge.src, edge.tgt};
  if (!watchAll_) network_->watchEdge(id, false);
  return "";
}

std::string LiveNetwork::removeEdge(const PortEnd& src, const PortEnd& tgt) {
  for (auto it = edges_.begin(); it != edges_.end(); ++it) {
    if (it->second.first == src && it->second.second == tgt) {
      Status status = network_->removeEdge(it->first);
      if (status != kOk) return "cannot remove edge: " + statusText(status);
      edges_.erase(it);
      return "";
    }
  }
  return "no such edge in the network";
}

std::string LiveNetwork::addInitial(const GraphInitial& initial) {
  NodeId node;
  uint8_t port, index;
  std::string problem = resolve(initial.tgt, false, &node, &port, &index);
  if (!problem.empty()) return problem;
  std::vector<Packet> packets;
  std::string error = toPackets(initial.tgt, initial.data, &packets);
  if (!error.empty()) {
    return "initial packet for " + initial.tgt.node + "." + initial.tgt.port + ": " + error;
  }
  for (const Packet& packet : packets) {
    Status status = network_->addInitial(node, port, packet);
    if (status != kOk) return "cannot add initial packet: " + statusText(status);
  }
  initials_.push_back(initial);
  if (started_) {
    DataEvent event;
    event.initial = true;
    event.tgt = initial.tgt;
    event.data = initial.data;
    event.timeMs = nowMs();
    data_.push_back(std::move(event));
    settle();
  }
  return "";
}

std::string LiveNetwork::toPackets(const PortEnd& end, const Json& data,
                                   std::vector<Packet>* packets) {
  std::string type = portType(end);
  std::string error;
  if (firmware::iipToPackets(data, type, packets, &error)) return "";
  // Text that is no value of any type travels as a symbol on untyped ports.
  if (data.is_string() && (type == "all" || type == "string")) {
    packets->clear();
    return jsonToPackets(data, type, symbols_, packets);
  }
  return error;
}

std::string LiveNetwork::inject(const PortEnd& port, const Json& data) {
  NodeId node;
  uint8_t number, index;
  std::string problem = resolve(port, false, &node, &number, &index);
  if (!problem.empty()) return problem;
  if (!started_) return "the network is not running (send network:start first)";
  std::vector<Packet> packets;
  std::string error = toPackets(port, data, &packets);
  if (!error.empty()) return "packet for " + port.node + "." + port.port + ": " + error;
  for (const Packet& packet : packets) {
    Status status = network_->inject(node, number, packet);
    if (status != kOk) return "cannot send the packet: " + statusText(status);
  }
  return settle();
}

std::string LiveNetwork::exportOutport(const std::string& publicName, const PortEnd& port) {
  NodeId src;
  uint8_t srcPort, srcIndex;
  std::string problem = resolve(port, true, &src, &srcPort, &srcIndex);
  if (!problem.empty()) return problem;
  const ComponentSpec* drop = catalog_.find("Drop");
  if (!drop) return "this component library has no Drop to terminate exported ports";
  NodeId sink = kNoNode;
  Status status = network_->addNode(drop->id, &sink);
  if (status != kOk) return "cannot export " + publicName + ": " + statusText(status);
  EdgeId edge = kNoEdge;
  status = network_->connect(src, srcPort, srcIndex, sink, 0, kNoIndex, &edge);
  if (status != kOk) {
    network_->removeNode(sink);
    return "cannot export " + publicName + ": " + statusText(status);
  }
  network_->watchEdge(edge, true);
  outports_.push_back({publicName, sink, edge, {}});
  return "";
}

void LiveNetwork::unexportOutport(const std::string& publicName) {
  for (auto it = outports_.begin(); it != outports_.end(); ++it) {
    if (it->publicName == publicName) {
      network_->removeNode(it->sink);  // takes its edge along
      outports_.erase(it);
      return;
    }
  }
}

void LiveNetwork::renameOutport(const std::string& from, const std::string& to) {
  for (Outport& outport : outports_) {
    if (outport.publicName == from) outport.publicName = to;
  }
}

std::vector<OutportEvent> LiveNetwork::takeOutports() {
  return std::move(outportEvents_);
}

std::string LiveNetwork::removeInitial(const PortEnd& tgt) {
  NodeId node;
  uint8_t port, index;
  std::string problem = resolve(tgt, false, &node, &port, &index);
  if (!problem.empty()) return problem;
  Status status = network_->removeInitial(node, port);
  if (status != kOk) return "cannot remove initial packet: " + statusText(status);
  initials_.erase(std::remove_if(initials_.begin(), initials_.end(),
                                 [&](const GraphInitial& i) {
                                   return i.tgt.node == tgt.node && i.tgt.port == tgt.port;
                                 }),
                  initials_.end());
  return "";
}

std::vector<std::string> LiveNetwork::rebuild(const GraphState& graph) {
  createWorld();
  std::vector<std::string> problems;
  for (const GraphNode& node : graph.nodes()) {
    std::string p = addNode(node);
    if (!p.empty()) problems.push_back(p);
  }
  for (const GraphEdge& edge : graph.edges()) {
    std::string p = addEdge(edge);
    if (!p.empty()) problems.push_back(p);
  }
  for (const GraphInitial& initial : graph.initials()) {
    std::string p = addInitial(initial);
    if (!p.empty()) problems.push_back(p);
  }
  for (const ExportedPort& port : graph.exports(false)) {
    std::string p = exportOutport(port.publicName, {port.node, port.port, std::nullopt});
    if (!p.empty()) problems.push_back(p);
  }
  return problems;
}

std::string LiveNetwork::start() {
  if (started_) return "";
  for (const GraphInitial& initial : initials_) {
    DataEvent event;
    event.initial = true;
    event.tgt = initial.tgt;
    event.data = initial.data;
    event.timeMs = nowMs();
    data_.push_back(std::move(event));
  }
  Status status = network_->start();
  if (status != kOk) return "cannot start the network: " + statusText(status);
  started_ = true;
  startedAtMs_ = nowMs();
  return settle();
}

void LiveNetwork::stop() {
  network_->stop();
  started_ = false;
}

bool LiveNetwork::started() const {
  return started_;
}

bool LiveNetwork::active() const {
  TimeMs at;
  return started_ && (network_->queued() > 0 || network_->nextWakeup(&at));
}

TimeMs LiveNetwork::nowMs() const {
  return io_->timeMs();
}

std::string LiveNetwork::settle() {
  if (!started_) return "";
  std::string ignored;
  if (clock_->settle(&ignored)) return "";
  stuck();
  return errors_.back().message;
}

void LiveNetwork::stuck() {
  std::string message = "the network never became idle at t=" + std::to_string(nowMs()) +
                        " ms (a cycle of packets or wake-ups); stopped it";
  network_->stop();
  started_ = false;
  errors_.push_back({"", message, nowMs()});
}

void LiveNetwork::advance(TimeMs ms, TimeMs sampleEveryMs) {
  const TimeMs target = nowMs() + ms;
  clock_->setSampleEvery(sampleEveryMs);
  std::string ignored;
  // A network that never becomes idle is stopped; the clock (and the samples) go on.
  while (!clock_->runUntil(target, &ignored)) stuck();
}

void LiveNetwork::runUntilOutput(TimeMs limitMs) {
  const TimeMs deadline = nowMs() + limitMs;
  const uint64_t before = outportPackets_;
  std::string ignored;
  if (!started_) return;
  if (!clock_->runToWakeups(
          deadline, [&] { return outportPackets_ != before; }, &ignored))
    stuck();
}

void LiveNetwork::recordSample() {
  samples_.push_back(sampleNow());
}

WorldSample LiveNetwork::sampleNow() const {
  WorldSample sample;
  sample.timeMs = nowMs();
  world_->sample(&sample.values);
  for (uint8_t pin = 0; pin < world::kVirtualPinCount; ++pin) {
    if (io_->pinWritten(pin)) {
      sample.values.push_back({"pin" + std::to_string(pin), io_->pinLevel(pin) ? 1.0 : 0.0});
    }
  }
  return sample;
}

void LiveNetwork::watchAll() {
  watchAll_ = true;
  network_->watchAll(true);
}

std::string LiveNetwork::watch(const std::vector<std::pair<PortEnd, PortEnd>>& edges) {
  std::vector<EdgeId> ids;
  for (const auto& wanted : edges) {
    bool found = false;
    for (const auto& entry : edges_) {
      if (entry.second.first == wanted.first && entry.second.second == wanted.second) {
        ids.push_back(entry.first);
        found = true;
      }
    }
    if (!found) {
      return "no edge " + wanted.first.node + "." + wanted.first.port + " -> " +
             wanted.second.node + "." + wanted.second.port;
    }
  }
  watchAll_ = false;
  network_->watchAll(false);
  for (const auto& entry : edges_) {
    bool on = std::find(ids.begin(), ids.end(), entry.first) != ids.end();
    network_->watchEdge(entry.first, on);
  }
  for (const Outport& outport : outports_) network_->watchEdge(outport.edge, true);
  return "";
}

std::vector<DataEvent> LiveNetwork::takeData() {
  return std::move(data_);
}
std::vector<ErrorEvent> LiveNetwork::takeErrors() {
  return std::move(errors_);
}
std::vector<WorldSample> LiveNetwork::takeSamples() {
  return std::move(samples_);
}

void LiveNetwork::recordPin(TimeMs time, uint8_t pin, int value, bool pwm) {
  int& last = pwm ? lastDuty_[pin] : lastLevel_[pin];
  if (last == value) return;
  last = value;
  if (pinEvents_.size() >= kMaxPinEvents) {  // keep the newest: a board shows the latest
    const size_t drop = kMaxPinEvents / 2;
    pinEvents_.erase(pinEvents_.begin(), pinEvents_.begin() + drop);
    pinEventsDropped_ += drop;
  }
  pinEvents_.push_back({time, pin, value, pwm});
}

std::vector<PinEvent> LiveNetwork::takePinEvents(uint64_t* dropped) {
  *dropped = pinEventsDropped_;
  pinEventsDropped_ = 0;
  return std::move(pinEvents_);
}

std::vector<std::string> LiveNetwork::takeSerialLines() {
  std::vector<std::string> lines;
  const std::string& serial = io_->serialOutput();
  size_t taken = 0;  // a line still being printed stays in the buffer for the next call
  for (size_t end; (end = serial.find('\n', taken)) != std::string::npos; taken = end + 1) {
    std::string line = serial.substr(taken, end - taken);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  io_->discardSerialOutput(taken);
  return lines;
}

bool LiveNetwork::setWorldInputs(const Json& inputs, std::string* error) {
  if (!inputs.is_object()) {
    *error = "world inputs must be an object of name: value";
    return false;
  }
  for (const auto& [name, value] : inputs.items()) {
    double number = 0;
    if (value.is_boolean()) {
      number = value.get<bool>() ? 1 : 0;
    } else if (value.is_number()) {
      number = value.get<double>();
    } else {
      *error = name + " must be a number or a boolean";
      return false;
    }
    if (!world_->setInput(name, number, error)) return false;
  }
  return true;
}

const NetworkStats& LiveNetwork::stats() const {
  return network_->stats();
}

std::string LiveNetwork::nodeName(NodeId id) const {
  for (const auto& entry : nodes_) {
    if (entry.second.id == id) return entry.first;
  }
  return "";
}

void LiveNetwork::onTrace(void* self, const TraceEvent& event) {
  auto* live = static_cast<LiveNetwork*>(self);
  for (Outport& outport : live->outports_) {
    if (outport.edge == event.edge) return live->leaveThroughOutport(outport, event);
  }
  auto it = live->edges_.find(event.edge);
  if (it == live->edges_.end()) return;
  DataEvent data;
  data.src = it->second.first;
  data.tgt = it->second.second;
  data.data = packetToJson(event.packet, live->symbols_);
  data.timeMs = event.time;
  live->data_.push_back(std::move(data));
}

void LiveNetwork::leaveThroughOutport(Outport& outport, const TraceEvent& event) {
  std::vector<Json>& open = outport.openArrays;
  Json value;
  if (event.packet.type == kPacketBracketOpen) {
    open.push_back(Json::array());
    return;
  }
  if (event.packet.type == kPacketBracketClose && !open.empty()) {
    value = std::move(open.back());
    open.pop_back();
  } else {
    value = packetToJson(event.packet, symbols_);  // a stray "]" goes out as it is
  }
  if (!open.empty()) {
    open.back().push_back(std::move(value));
    return;
  }
  ++outportPackets_;
  outportEvents_.push_back({outport.publicName, std::move(value), event.time});
}

void LiveNetwork::onError(void* self, const NetworkError& error) {
  auto* live = static_cast<LiveNetwork*>(self);
  ErrorEvent event;
  event.node = live->nodeName(error.node);
  event.message = statusText(error.status);
  if (!event.node.empty()) {
    auto it = live->nodes_.find(event.node);
    const ComponentSpec& spec = *it->second.spec;
    // Send errors name an out-port, rejected packets an in-port.
    bool outward = error.status == kErrQueueFull || error.status == kErrNotConnected;
    const auto& ports = outward ? spec.outPorts : spec.inPorts;
    if (error.port < ports.size()) event.message += " on port " + ports[error.port].name;
  }
  event.timeMs = live->nowMs();
  live->errors_.push_back(std::move(event));
}

}  // namespace emflow::protocol
