// The fixed-capacity flow-based network and its deterministic scheduler.
//
// Scheduling (run to completion, FIFO):
//   - Every packet sent goes into ONE queue of (target node, in-port, packet) in send order;
//     run() delivers them first-in first-out, each delivery running process() to the end.
//   - Only components that need time get it: a component asks for a wake-up at a time
//     (Context::wakeAt); the network keeps one deadline per waiting node in a small table and
//     calls wake() when IO::timeMs() has reached it — earliest deadline first, ties by node id.
//     Nothing else is called per loop. nextWakeup() tells a simulator how far it may jump.
//   - Nothing is dropped silently: a full queue, a send on an out-port without connection or a
//     rejected packet increments a counter in stats(), is remembered as lastError() and is
//     passed to the error handler, if one is set.
//
// Live editing: nodes, edges and initial packets may be added and removed while running.
// A node added to a running network starts at once; a removed node's queued packets are
// discarded (counted in stats().discarded), its edges, wake-up and initial packets go too.
//
// Trace: edges can be watched (watchEdge, or watchAll); each packet sent over a watched edge is
// recorded as a TraceEvent in a bounded ring (EMFLOW_TRACE_SIZE; overwritten events are counted
// in stats().traceLost) and passed to the trace handler, if one is set. Board builds leave the
// recording out (EMFLOW_TRACE, config.h).
//
// Memory: everything lives inside the Network object (no heap). See docs/runtime.md for the
// bytes per node, edge and queued packet.
#ifndef EMFLOW_RUNTIME_NETWORK_H
#define EMFLOW_RUNTIME_NETWORK_H

#include <stdint.h>

#include "component.h"
#include "config.h"
#include "io.h"
#include "packet.h"
#include "status.h"

namespace emflow {

struct Edge {
  NodeId src;  // kNoNode marks a free slot
  uint8_t srcPort;
  uint8_t srcIndex;  // array index on the out-port, or kNoIndex
  NodeId tgt;
  uint8_t tgtPort;
  uint8_t tgtIndex;  // array index on the in-port, or kNoIndex (kept for the graph only)
};

struct NetworkStats {
  Counter delivered;     // packets handed to process()
  Counter queueFull;     // sends that found the queue full (packet not delivered)
  Counter notConnected;  // sends on an out-port without connection (packet not delivered)
  Counter rejected;      // packets a component refused (Context::reject)
  Counter discarded;     // queued packets thrown away by stop() or removeNode()
  Counter wakeupsFull;   // wake-up requests refused because the table was full
  Counter traceLost;     // trace events overwritten before being read
};

// The latest error, with where it happened (port is an out-port for send errors and an
// in-port for rejected packets).
struct NetworkError {
  Status status;
  NodeId node;
  uint8_t port;
};

struct TraceEvent {
  TimeMs time;
  EdgeId edge;
  NodeId src;
  uint8_t srcPort;
  NodeId tgt;
  uint8_t tgtPort;
  Packet packet;
};

// RAM cost of the network's tables in this build (sizeof-based), for benchmarks and for the
// resource figures a firmware export prints.
struct NetworkFootprint {
  uint16_t total;         // sizeof(Network)
  uint8_t perNode;        // node table entry (state excluded: see stateBytesUsed())
  uint8_t perEdge;        // edge table entry (+1 bit for the watch flag)
  uint8_t perQueued;      // queue entry: target, port, packet
  uint8_t perInitial;     // kept initial packet
  uint8_t perWakeup;      // wake-up table entry
  uint8_t perTraceEvent;  // trace ring entry (0 when EMFLOW_TRACE_SIZE is 0)
};

// Handlers are called synchronously from inside send/run; they may read the network but must
// not edit it (no add/remove/clear/start/stop from a handler).
typedef void (*ErrorHandler)(void* user, const NetworkError& error);
typedef void (*TraceHandler)(void* user, const TraceEvent& event);

class Network {
 public:
  explicit Network(IO& io);

  // --- graph editing (allowed while running) -------------------------------------------
  // Creates node `id` (0..EMFLOW_MAX_NODES-1) of a library component. kErrBusy if the id is
  // taken, kErrNodeLimit if out of range, kErrUnknownComponent, kErrOutOfRange if the state
  // arena is full. On a running network the node starts at once.
  Status addNode(NodeId id, ComponentId component);
  // Same, with the lowest free id, returned in *id.
  Status addNode(ComponentId component, NodeId* id);
  Status removeNode(NodeId id);
  // Connects src.OUT[srcIndex] -> tgt.IN[tgtIndex] (indices kNoIndex for plain ports).
  // kErrNoSuchNode / kErrNoSuchPort / kErrEdgeLimit; *edge may be null.
  Status connect(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt, uint8_t tgtPort,
                 uint8_t tgtIndex, EdgeId* edge);
  Status connect(NodeId src, uint8_t srcPort, NodeId tgt, uint8_t tgtPort) {
    return connect(src, srcPort, kNoIndex, tgt, tgtPort, kNoIndex, 0);
  }
  // Removes the edge; packets already queued along it are still delivered.
  Status removeEdge(EdgeId edge);
  // The id of the first edge with these end points, or kNoEdge.
  EdgeId findEdge(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt, uint8_t tgtPort,
                  uint8_t tgtIndex) const;
  // Initial packets (IIPs) are kept and delivered each time the network starts, in the order
  // they were added; one added to a running network is also queued at once.
  Status addInitial(NodeId tgt, uint8_t port, const Packet& packet);
  // Removes every initial packet for tgt.port; kErrNoSuchPort if there was none.
  Status removeInitial(NodeId tgt, uint8_t port);
  // Sends a packet from outside the graph (a host, the FBP protocol's runtime:packet, a test)
  // into an in-port; it is queued like any other. kErrBusy if the network is not running.
  Status inject(NodeId tgt, uint8_t port, const Packet& packet);
  // Stops and removes everything: nodes, edges, initials, watches (watchAll too), the trace
  // ring and the counters. The error and trace handlers stay set.
  void clear();

  // --- running -------------------------------------------------------------------------
  // Zeroes every node's state, calls start() of each node in id order, then delivers the
  // initial packets, running to completion after each. kErrBusy if already running.
  Status start();
  // Stops: queued packets are discarded (counted), pending wake-ups cancelled.
  void stop();
  bool isRunning() const { return running_; }
  // Fires the wake-ups that are due and delivers queued packets, at most `budget` deliveries.
  // Returns kOk when idle afterwards — queue empty and no wake-up due (a stopped network is
  // always idle) — or kErrBusy if work is left: call again. Each call fires at most
  // EMFLOW_MAX_WAKEUPS wake-ups, so a cycle in the graph or a clock jump never hangs the
  // caller. Every deadline passed fires (in order), however far the clock jumped.
  Status run(uint16_t budget = EMFLOW_RUN_BUDGET);
  // Earliest pending wake-up time; false when no node waits for time.
  bool nextWakeup(TimeMs* at) const;
  // Whether some node waits for a wake-up: nextWakeup() without the deadline comparisons, for
  // the link's Info (`Active`), where those would cost the Uno ~190 B of flash.
  bool hasWakeup() const {
    for (uint8_t w = 0; w < EMFLOW_MAX_WAKEUPS; ++w) {
      if (wakeups_[w].node != kNoNode) return true;
    }
    return false;
  }
  QueueIndex queued() const { return queueCount_; }

  // --- introspection -------------------------------------------------------------------
  bool hasNode(NodeId id) const { return id < EMFLOW_MAX_NODES && nodes_[id].component != 0xFF; }
  ComponentId nodeComponent(NodeId id) const { return hasNode(id) ? nodes_[id].component : 0xFF; }
  // The state of a node (the component struct), for tests and debuggers; null if no node.
  void* nodeState(NodeId id);
  bool edge(EdgeId id, Edge* out) const;
  uint8_t nodeCount() const;
  uint8_t edgeCount() const;
  uint16_t initialCount() const { return initialCount_; }
  const NetworkStats& stats() const { return stats_; }
  const NetworkError& lastError() const { return lastError_; }
  uint16_t stateBytesUsed() const { return stateUsed_; }
  void setErrorHandler(ErrorHandler handler, void* user);

  // --- trace ---------------------------------------------------------------------------
  Status watchEdge(EdgeId edge, bool on);
  void watchAll(bool on) { watchAll_ = on; }
  bool isWatched(EdgeId edge) const;
  void setTraceHandler(TraceHandler handler, void* user);
  // Oldest unread trace event; false if none (always false when EMFLOW_TRACE_SIZE is 0).
  bool popTrace(TraceEvent* event);
  uint16_t traceCount() const;  // unread trace events (always 0 when EMFLOW_TRACE_SIZE is 0)

  static NetworkFootprint footprint();

  IO& io() const { return io_; }
  TimeMs now() const { return io_.timeMs(); }

 private:
  friend class Context;

  struct Node {
    ComponentId component;  // 0xFF marks a free slot
    StateOffset state;      // offset into state_
  };
  struct Queued {
    NodeId tgt;
    uint8_t port;
    Packet packet;
  };
  struct Initial {
    NodeId tgt;
    uint8_t port;
    Packet packet;
  };
  struct Wakeup {
    NodeId node;  // kNoNode marks a free slot
    TimeMs at;
  };

  Status emit(NodeId src, uint8_t port, uint8_t index, const Packet& packet);
  Status enqueue(NodeId tgt, uint8_t port, const Packet& packet);
  Status requestWake(NodeId node, TimeMs at);
  void cancelWake(NodeId node);
  void report(Status status, NodeId node, uint8_t port, Counter* counter);
#if EMFLOW_TRACE
  void record(EdgeId id, const Edge& e, const Packet& packet);
#endif
  bool typeOf(NodeId id, ComponentType* type) const;
  uint8_t stateSizeOf(NodeId id) const;
  void startNode(NodeId id);
  void deliver(const Queued& q);
  void drain(uint16_t* budget);
  void discardQueuedFor(NodeId id);
  // The queue slot `offset` places after the head (offset < EMFLOW_QUEUE_SIZE). QueueIndex
  // holds head + offset (config.h); unsigned, the modulo of a power of two is a mask.
  QueueIndex queueSlot(QueueIndex offset) const {
    return static_cast<QueueIndex>(static_cast<QueueIndex>(queueHead_ + offset) %
                                   EMFLOW_QUEUE_SIZE);
  }

  IO& io_;
  bool running_;
  bool watchAll_;
  Node nodes_[EMFLOW_MAX_NODES];
  Edge edges_[EMFLOW_MAX_EDGES];
  EdgeId edgeEnd_;  // 1 + the highest edge slot in use: sends scan only [0, edgeEnd_)
  uint8_t watched_[(EMFLOW_MAX_EDGES + 7) / 8];
  Queued queue_[EMFLOW_QUEUE_SIZE];
  QueueIndex queueHead_;
  QueueIndex queueCount_;
  Initial initials_[EMFLOW_MAX_INITIALS];
  InitialIndex initialCount_;
  Wakeup wakeups_[EMFLOW_MAX_WAKEUPS];
  StateOffset stateUsed_;  // bytes of state_ in use (at most EMFLOW_STATE_BYTES)
  NetworkStats stats_;
  NetworkError lastError_;
  ErrorHandler errorHandler_;
  void* errorUser_;
#if EMFLOW_TRACE
  TraceHandler traceHandler_;
  void* traceUser_;
#endif
#if EMFLOW_TRACE_SIZE > 0
  TraceEvent trace_[EMFLOW_TRACE_SIZE];
  uint16_t traceHead_;
  uint16_t traceCount_;
#endif
  // Node state arena; aligned for the strictest member a component state holds (floats,
  // int32, and pointers / doubles in model nodes: 8 bytes on 64-bit hosts, 1 on AVR).
  union {
    uint8_t bytes[EMFLOW_STATE_BYTES];
    uint32_t align32;
    float alignFloat;
    double alignDouble;
    const void* alignPointer;
  } state_;
};

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_NETWORK_H
