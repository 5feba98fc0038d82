// The device network behind one protocol graph, kept in step with every graph edit (so edits
// while running are live edits), plus the virtual world and clock it runs against.
//
// The graph's names map to the device's numbers here: node names to NodeIds, port names to
// port numbers (from the component catalog), edges to EdgeIds, IIP JSON to typed packets.
// Packets on watched edges and network errors are collected as events for the protocol layer
// to turn into network:data / network:processerror messages.
#ifndef EMFLOW_HOST_PROTOCOL_LIVE_NETWORK_H
#define EMFLOW_HOST_PROTOCOL_LIVE_NETWORK_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "host/protocol/component_catalog.h"
#include "host/protocol/graph_state.h"
#include "host/protocol/packet_json.h"
#include "runtime/network.h"
#include "sim/clock.h"
#include "world/virtual_io.h"
#include "world/world.h"

namespace emflow::protocol {

// The world behind the pins, by its name in the registry (sim/world_registry.h: fridge,
// activity, replay, none); a live world runs open-ended.
struct WorldOptions {
  std::string name = "fridge";
  uint64_t seed = 1;
  std::string data;  // the recording, for a world that replays one
};

// "" when the registry knows `options.name` and has what it needs (a recording for replay,
// checked with its line:column errors), else why not.
std::string checkWorldOptions(const WorldOptions& options);

// A packet that crossed a watched edge, or an initial packet delivered at start.
struct DataEvent {
  bool initial = false;
  PortEnd src;  // unset for an initial packet
  PortEnd tgt;
  Json data;
  TimeMs timeMs = 0;
};

// A packet that left the graph through an exported out-port (runtime:packet).
struct OutportEvent {
  std::string port;  // public name
  Json data;
  TimeMs timeMs = 0;
};

struct ErrorEvent {
  std::string node;  // empty when the network could not say
  std::string message;
  TimeMs timeMs = 0;
};

// A pin the graph drove changed: a digital level (0/1) or a PWM duty (0..255). What a board
// view shows; only changes are recorded, so a DigitalWrite repeating its level adds nothing.
struct PinEvent {
  TimeMs timeMs = 0;
  uint8_t pin = 0;
  int value = 0;
  bool pwm = false;
};

// World state at one instant (see SampleBatch in web/src/engine/types.ts for the names).
struct WorldSample {
  TimeMs timeMs = 0;
  std::vector<std::pair<std::string, double>> values;
};

class LiveNetwork {
 public:
  LiveNetwork(const ComponentCatalog& catalog, SymbolTable& symbols, WorldOptions world);
  ~LiveNetwork();
  LiveNetwork(const LiveNetwork&) = delete;
  LiveNetwork& operator=(const LiveNetwork&) = delete;

  // Graph mirroring. Each returns "" or why the device network refused (then the protocol
  // layer must not change its graph either). Checks component and port names.
  std::string checkNode(const std::string& component) const;
  std::string addNode(const GraphNode& node);
  std::string removeNode(const std::string& id);
  std::string renameNode(const std::string& from, const std::string& to);
  std::string addEdge(const GraphEdge& edge);
  std::string removeEdge(const PortEnd& src, const PortEnd& tgt);
  std::string addInitial(const GraphInitial& initial);
  std::string removeInitial(const PortEnd& tgt);
  // Exported ports (runtime:packet). An exported out-port is connected to a hidden Drop node
  // over an always-watched edge, so its packets are seen and counted as delivered.
  std::string exportOutport(const std::string& publicName, const PortEnd& port);
  void unexportOutport(const std::string& publicName);
  void renameOutport(const std::string& from, const std::string& to);
  // Sends `data` into an in-port of a running network, as a packet from outside the graph.
  std::string inject(const PortEnd& port, const Json& data);
  // Rebuilds everything from a graph (after reset or a world change). Returns the errors.
  std::vector<std::string> rebuild(const GraphState& graph);

  // Running. start() delivers the initial packets at once (their events are collected).
  std::string start();
  void stop();
  bool started() const;
  // Started and has something to do: queued packets or a pending wake-up.
  bool active() const;
  TimeMs startedAtMs() const { return startedAtMs_; }
  // Moves the virtual clock forward by `ms`, running the network at every instant where
  // something happens; samples the world every `sampleEveryMs` of virtual time (0: never).
  void advance(TimeMs ms, TimeMs sampleEveryMs);
  TimeMs nowMs() const;
  // Input-driven clock (fbp-spec): runs the network as fast as possible, jumping from one
  // wake-up to the next, until a packet has left through an exported out-port (that
  // instant is finished), nothing is pending any more, or `limitMs` of virtual time passed.
  void runUntilOutput(TimeMs limitMs);
  // Packets that left through exported out-ports so far.
  uint64_t outportPackets() const { return outportPackets_; }

  // Which edges produce data events: all (default) or the listed ones.
  void watchAll();
  std::string watch(const std::vector<std::pair<PortEnd, PortEnd>>& edges);

  // Events since the last call (moved out).
  std::vector<DataEvent> takeData();
  std::vector<ErrorEvent> takeErrors();
  std::vector<OutportEvent> takeOutports();
  std::vector<WorldSample> takeSamples();
  // Pin changes since the last call; `dropped` gets how many older ones were discarded
  // because nobody took them (more than kMaxPinEvents waiting).
  std::vector<PinEvent> takePinEvents(uint64_t* dropped);
  static constexpr size_t kMaxPinEvents = 4096;
  // Complete lines written to the serial port since the last call (SerialOut), without the
  // line ending; the protocol sends them as network:output.
  std::vector<std::string> takeSerialLines();

  // World controls: {"name": value, ...} of the world's live inputs (numbers, or booleans as
  // 0/1), applied in order; false with why at the first one the world refuses.
  bool setWorldInputs(const Json& inputs, std::string* error);
  const std::string& worldName() const { return worldOptions_.name; }
  WorldSample sampleNow() const;
  const NetworkStats& stats() const;

 private:
  struct Mapped {
    NodeId id;
    const ComponentSpec* spec;
  };
  static void onTrace(void* self, const TraceEvent& event);
  static void onError(void* self, const NetworkError& error);
  void createWorld();
  void stuck();  // the network never became idle: stop it, report
  std::string resolve(const PortEnd& end, bool out, NodeId* node, uint8_t* port,
                      uint8_t* index) const;
  std::string portType(const PortEnd& end) const;
  std::string toPackets(const PortEnd& end, const Json& data, std::vector<Packet>* packets);
  std::string nodeName(NodeId id) const;
  std::string settle();  // runs everything that is due now
  void recordSample();
  void recordPin(TimeMs time, uint8_t pin, int value, bool pwm);

  const ComponentCatalog& catalog_;
  SymbolTable& symbols_;
  WorldOptions worldOptions_;
  std::unique_ptr<world::VirtualIO> io_;
  std::unique_ptr<world::World> world_;  // from the registry; never null
  std::unique_ptr<Network> network_;
  std::unique_ptr<sim::Clock> clock_;
  std::map<std::string, Mapped> nodes_;
  std::map<EdgeId, std::pair<PortEnd, PortEnd>> edges_;
  std::vector<GraphInitial> initials_;  // in order, for start() events
  struct Outport {
    std::string publicName;
    NodeId sink;
    EdgeId edge;
    // A bracketed sequence leaving the graph is sent as one JSON array (the form a
    // runtime:packet *into* an array port takes): the arrays being collected, innermost last.
    std::vector<Json> openArrays;
  };
  void leaveThroughOutport(Outport& outport, const TraceEvent& event);
  std::vector<Outport> outports_;
  std::vector<OutportEvent> outportEvents_;
  uint64_t outportPackets_ = 0;
  bool watchAll_ = true;
  bool started_ = false;
  TimeMs startedAtMs_ = 0;
  std::vector<DataEvent> data_;
  std::vector<ErrorEvent> errors_;
  std::vector<WorldSample> samples_;
  std::vector<PinEvent> pinEvents_;
  uint64_t pinEventsDropped_ = 0;
  int lastLevel_[world::kVirtualPinCount];  // -1: not reported yet
  int lastDuty_[world::kVirtualPinCount];
};

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_LIVE_NETWORK_H
