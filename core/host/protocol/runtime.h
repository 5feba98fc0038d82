// The FBP network protocol runtime: takes protocol messages (JSON text), keeps the graphs the
// client builds, mirrors them into device networks running against a virtual world, and
// returns the replies and events. Transport-free: the WebAssembly worker, the Node WebSocket
// server and the tests all drive the same object.
//
//   ProtocolRuntime runtime(options);
//   for (const Json& reply : runtime.handle(text)) send(reply.dump());
//   ... runtime.advance(100);   // 100 ms of virtual time; returns network events
//
// Sub-protocols: runtime (getruntime, packet), graph (all edits, exported ports, groups),
// component (list, getsource), network (start, stop, getstatus, edges, debug, persist) and
// trace (start, stop, dump, clear). Every malformed, unauthorised or out-of-order message
// gets an `error` reply of its protocol; nothing throws out of handle().
#ifndef EMFLOW_HOST_PROTOCOL_RUNTIME_H
#define EMFLOW_HOST_PROTOCOL_RUNTIME_H

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "host/protocol/component_catalog.h"
#include "host/protocol/graph_state.h"
#include "host/protocol/live_network.h"
#include "host/protocol/message.h"
#include "host/protocol/packet_json.h"

namespace emflow::protocol {

struct RuntimeOptions {
  std::string id;  // UUID v4 reported by getruntime; empty: none reported
  std::string label = "emflow WebAssembly runtime";
  std::string type = "emflow";
  std::string secret;  // when set, messages must carry it (else only getruntime works)
  // Adds `time` (virtual ms) to network:data events. Off for strict clients: the protocol's
  // schema forbids extra fields there (fbp-test checks it).
  bool timeInEvents = false;
  // component:list names components "<prefix>/Name" when set ("core" for standard FBP clients
  // and fbp-test); graphs may use either form whatever this is.
  std::string componentPrefix;
  WorldOptions world;
};

// Receives the persisted state (JSON text of every graph) on network:persist; returns an
// error message or "".
using PersistHandler = std::function<std::string(const std::string& snapshot)>;

class ProtocolRuntime {
 public:
  explicit ProtocolRuntime(RuntimeOptions options,
                           ComponentCatalog catalog = ComponentCatalog::fromLibrary());
  ~ProtocolRuntime();

  // One message in, its replies (and any events it caused) out.
  std::vector<Json> handle(const std::string& text);
  std::vector<Json> handle(const Json& message);
  // Whether the last client message carried the secret (true when none is set); false for
  // text that was not a message. Transports use it to decide who hears broadcasts.
  bool lastAuthorised() const { return lastAuthorised_; }

  // Advances the virtual clock of every graph by `ms` and returns the events (network:data,
  // network:processerror, network:stopped when a network finished, ...).
  std::vector<Json> advance(uint32_t ms);

  // The input-driven clock (how fbp-spec drives Timer, DS18B20, MonitorPin...): for every graph
  // that received packets through runtime:packet since it last sent one out, runs virtual
  // time as fast as possible until a packet leaves through an exported out-port, the network
  // has nothing pending, or `limitMs` passed. Returns the events. Hosts that use it do not
  // call advance(): time then stands still between inputs, so the outputs are reproducible.
  std::vector<Json> runUntilOutput(uint32_t limitMs);

  // World samples recorded while advancing the main graph (see setSampleInterval).
  std::vector<WorldSample> takeSamples();
  // The main graph's pin changes since the last call (LiveNetwork::takePinEvents).
  std::vector<PinEvent> takePinEvents(uint64_t* dropped);
  void setSampleInterval(uint32_t ms) { sampleEveryMs_ = ms; }
  uint32_t sampleInterval() const { return sampleEveryMs_; }

  // Simulation controls for the main graph's world (not part of the FBP protocol).
  // Re-creates the world (virtual time 0) with `world` and rebuilds the main graph's network,
  // restarting it if it was started. Returns the events (errors) this caused.
  std::vector<Json> resetWorld(WorldOptions world);
  // {"name": value} of the world's live inputs (LiveNetwork::setWorldInputs).
  bool setWorldInputs(const Json& inputs, std::string* error);
  WorldSample worldSample() const;
  uint32_t nowMs() const;
  bool mainStarted() const;
  const std::string& worldName() const { return options_.world.name; }
  const WorldOptions& worldOptions() const { return options_.world; }
  const std::string& mainGraph() const { return mainGraph_; }

  // network:persist: the snapshot is every graph as NoFlo JSON, {"graphs": {id: graph}};
  // restore() loads such a snapshot back (replies are the graph messages it implies); it needs
  // no secret, since the snapshot is the runtime's own file, not a client's message.
  void setPersistHandler(PersistHandler handler) { persist_ = std::move(handler); }
  Json snapshot() const;
  std::vector<Json> restore(const Json& snapshot);

  const ComponentCatalog& catalog() const { return catalog_; }

 private:
  struct Graph {
    std::unique_ptr<GraphState> state;
    std::unique_ptr<LiveNetwork> live;
    bool debug = false;
    bool tracing = false;
    Json traceEvents = Json::array();
    uint64_t traceDropped = 0;    // events dropped from the front (kMaxTraceEvents)
    bool reportedIdle = false;    // network:stopped already sent for a finished network
    bool awaitingOutput = false;  // runtime:packet came in; runUntilOutput() will run it
  };

  // `trusted` skips the secret check: only for messages the runtime makes itself (restore).
  std::vector<Json> handle(const Json& message, bool trusted);
  bool authorised(const Json& message) const;
  void dispatch(const std::string& protocol, const std::string& command, const Payload& payload,
                Outbox& out);
  void handleRuntime(const std::string& command, const Payload& payload, Outbox& out);
  void handleGraph(const std::string& command, const Payload& payload, Outbox& out);
  void handleComponent(const std::string& command, const Payload& payload, Outbox& out);
  void handleNetwork(const std::string& command, const Payload& payload, Outbox& out);
  void handleTrace(const std::string& command, const Payload& payload, Outbox& out);

  Graph& graphFor(const Payload& payload);  // "No graph specified" / "Requested graph not found"
  Graph& createGraph(const std::string& id, const std::string& name);
  void flushEvents(const std::string& id, Graph& graph, Outbox& out);
  Json networkState(const std::string& id, const Graph& graph, bool withTime) const;
  Json capabilities() const;

  RuntimeOptions options_;
  ComponentCatalog catalog_;
  SymbolTable symbols_;
  std::map<std::string, Graph> graphs_;
  std::string mainGraph_;
  uint32_t sampleEveryMs_ = 0;
  PersistHandler persist_;
  bool lastAuthorised_ = false;
};

// Reads a port end ({node, port, index?}) from a payload field.
PortEnd readPortEnd(const Payload& payload, const char* key);

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_RUNTIME_H
