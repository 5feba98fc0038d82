#include "network.h"

#include <string.h>

namespace emflow {

namespace {

const ComponentId kFreeNode = 0xFF;

uint16_t alignedStateSize(uint8_t size) {
  return static_cast<uint16_t>((size + EMFLOW_STATE_ALIGN - 1) / EMFLOW_STATE_ALIGN *
                               EMFLOW_STATE_ALIGN);
}

void bump(Counter* counter) {
  if (counter && *counter != static_cast<Counter>(~static_cast<Counter>(0))) ++*counter;
}

// Adds `n`, saturating like bump().
void bumpBy(Counter* counter, QueueIndex n) {
  const Counter room = static_cast<Counter>(~static_cast<Counter>(0) - *counter);
  *counter = static_cast<Counter>(*counter + (n < room ? n : room));
}

// Signed distance from `now` to `at`, correct across the 49-day wrap of the millisecond clock.
int32_t until(TimeMs at, TimeMs now) {
  return static_cast<int32_t>(at - now);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Context

Status Context::send(uint8_t outPort, const Packet& packet) {
  return network_.emit(node_, outPort, kNoIndex, packet);
}

EMFLOW_NOINLINE Status Context::sendWord(uint8_t outPort, PacketType type, uint32_t word) {
  Packet packet;
  packet.type = type;
  packet.value.i = static_cast<int32_t>(word);
  return send(outPort, packet);
}

Status Context::sendIndexed(uint8_t outPort, uint8_t index, const Packet& packet) {
  return network_.emit(node_, outPort, index, packet);
}

bool Context::isConnected(uint8_t outPort, uint8_t index) const {
  for (EdgeId e = 0; e < network_.edgeEnd_; ++e) {
    const Edge& edge = network_.edges_[e];
    if (edge.src == node_ && edge.srcPort == outPort &&
        (index == kNoIndex || edge.srcIndex == index)) {
      return true;
    }
  }
  return false;
}

void Context::reject(uint8_t inPort, Status why) {
  network_.report(why, node_, inPort, &network_.stats_.rejected);
}

Status Context::wakeAt(TimeMs at) {
  return network_.requestWake(node_, at);
}

void Context::cancelWake() {
  network_.cancelWake(node_);
}

TimeMs Context::now() const {
  return network_.now();
}

IO& Context::io() const {
  return network_.io_;
}

// ---------------------------------------------------------------------------------------
// Network: construction and editing

Network::Network(IO& io)
    : io_(io), running_(false), queueHead_(0), queueCount_(0), errorHandler_(0), errorUser_(0) {
#if EMFLOW_TRACE
  traceHandler_ = 0;
  traceUser_ = 0;
#endif
  static_assert(alignof(decltype(state_)) >= EMFLOW_STATE_ALIGN,
                "the state arena must be aligned as strictly as its slots");
  clear();
}

void Network::clear() {
  stop();
  for (NodeId n = 0; n < EMFLOW_MAX_NODES; ++n) nodes_[n].component = kFreeNode;
  for (EdgeId e = 0; e < EMFLOW_MAX_EDGES; ++e) edges_[e].src = kNoNode;
  edgeEnd_ = 0;
  memset(watched_, 0, sizeof(watched_));
  watchAll_ = false;
  initialCount_ = 0;
  stateUsed_ = 0;
  memset(&stats_, 0, sizeof(stats_));
  lastError_.status = kOk;
  lastError_.node = kNoNode;
  lastError_.port = 0xFF;
#if EMFLOW_TRACE_SIZE > 0
  traceCount_ = 0;
  traceHead_ = 0;
#endif
}

bool Network::typeOf(NodeId id, ComponentType* type) const {
  return hasNode(id) && emflow_component_type(nodes_[id].component, type);
}

uint8_t Network::stateSizeOf(NodeId id) const {
  ComponentType type;
  return typeOf(id, &type) ? type.stateSize : 0;
}

void* Network::nodeState(NodeId id) {
  return hasNode(id) ? static_cast<void*>(state_.bytes + nodes_[id].state) : 0;
}

Status Network::addNode(NodeId id, ComponentId component) {
  if (id >= EMFLOW_MAX_NODES) return kErrNodeLimit;
  if (hasNode(id)) return kErrBusy;
  ComponentType type;
  if (component == kFreeNode || !emflow_component_type(component, &type)) {
    return kErrUnknownComponent;
  }
  const uint16_t size = alignedStateSize(type.stateSize);
  if (stateUsed_ + size > EMFLOW_STATE_BYTES) return kErrOutOfRange;
  nodes_[id].component = component;
  nodes_[id].state = static_cast<StateOffset>(stateUsed_);
  memset(state_.bytes + stateUsed_, 0, size);
  stateUsed_ = static_cast<StateOffset>(stateUsed_ + size);
  if (running_) startNode(id);
  return kOk;
}

Status Network::addNode(ComponentId component, NodeId* id) {
  for (NodeId n = 0; n < EMFLOW_MAX_NODES; ++n) {
    if (!hasNode(n)) {
      Status status = addNode(n, component);
      if (status == kOk && id) *id = n;
      return status;
    }
  }
  return kErrNodeLimit;
}

Status Network::removeNode(NodeId id) {
  if (!hasNode(id)) return kErrNoSuchNode;
  for (EdgeId e = 0; e < EMFLOW_MAX_EDGES; ++e) {
    if (edges_[e].src != kNoNode && (edges_[e].src == id || edges_[e].tgt == id)) removeEdge(e);
  }
  discardQueuedFor(id);
  cancelWake(id);
  InitialIndex kept = 0;
  for (InitialIndex i = 0; i < initialCount_; ++i) {
    if (initials_[i].tgt != id) initials_[kept++] = initials_[i];
  }
  initialCount_ = kept;
  // Close the node's gap in the state arena. States hold no pointers, so moving is safe.
  const uint16_t offset = nodes_[id].state;
  const uint16_t size = alignedStateSize(stateSizeOf(id));
  memmove(state_.bytes + offset, state_.bytes + offset + size, stateUsed_ - offset - size);
  stateUsed_ = static_cast<StateOffset>(stateUsed_ - size);
  for (NodeId n = 0; n < EMFLOW_MAX_NODES; ++n) {
    if (n != id && hasNode(n) && nodes_[n].state > offset) {
      nodes_[n].state = static_cast<StateOffset>(nodes_[n].state - size);
    }
  }
  nodes_[id].component = kFreeNode;
  return kOk;
}

Status Network::connect(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt, uint8_t tgtPort,
                        uint8_t tgtIndex, EdgeId* edge) {
  ComponentType srcType, tgtType;
  if (!typeOf(src, &srcType) || !typeOf(tgt, &tgtType)) return kErrNoSuchNode;
  if (srcPort >= srcType.outCount || tgtPort >= tgtType.inCount) return kErrNoSuchPort;
  for (EdgeId e = 0; e < EMFLOW_MAX_EDGES; ++e) {
    if (edges_[e].src == kNoNode) {
      Edge& slot = edges_[e];
      slot.src = src;
      slot.srcPort = srcPort;
      slot.srcIndex = srcIndex;
      slot.tgt = tgt;
      slot.tgtPort = tgtPort;
      slot.tgtIndex = tgtIndex;  // a free slot is never watched: removeEdge/clear unwatch it
      if (e >= edgeEnd_) edgeEnd_ = static_cast<EdgeId>(e + 1);
      if (edge) *edge = e;
      return kOk;
    }
  }
  return kErrEdgeLimit;
}

Status Network::removeEdge(EdgeId id) {
  if (id >= EMFLOW_MAX_EDGES || edges_[id].src == kNoNode) return kErrOutOfRange;
  watchEdge(id, false);
  edges_[id].src = kNoNode;
  while (edgeEnd_ > 0 && edges_[edgeEnd_ - 1].src == kNoNode) --edgeEnd_;
  return kOk;
}

EdgeId Network::findEdge(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt, uint8_t tgtPort,
                         uint8_t tgtIndex) const {
  for (EdgeId e = 0; e < EMFLOW_MAX_EDGES; ++e) {
    const Edge& x = edges_[e];
    if (x.src != kNoNode && x.src == src && x.srcPort == srcPort && x.srcIndex == srcIndex &&
        x.tgt == tgt && x.tgtPort == tgtPort && x.tgtIndex == tgtIndex) {
      return e;
    }
  }
  return kNoEdge;
}

bool Network::edge(EdgeId id, Edge* out) const {
  if (id >= EMFLOW_MAX_EDGES || edges_[id].src == kNoNode) return false;
  *out = edges_[id];
  return true;
}

uint8_t Network::nodeCount() const {
  uint8_t count = 0;
  for (NodeId n = 0; n < EMFLOW_MAX_NODES; ++n) count += hasNode(n) ? 1 : 0;
  return count;
}

uint8_t Network::edgeCount() const {
  uint8_t count = 0;
  for (EdgeId e = 0; e < EMFLOW_MAX_EDGES; ++e) count += edges_[e].src != kNoNode ? 1 : 0;
  return count;
}

Status Network::addInitial(NodeId tgt, uint8_t port, const Packet& packet) {
  ComponentType type;
  if (!typeOf(tgt, &type)) return kErrNoSuchNode;
  if (port >= type.inCount) return kErrNoSuchPort;
  if (initialCount_ >= EMFLOW_MAX_INITIALS) return kErrOutOfRange;
  Initial& slot = initials_[initialCount_++];
  slot.tgt = tgt;
  slot.port = port;
  slot.packet = packet;
  if (!running_) return kOk;
  Status status = enqueue(tgt, port, packet);
  if (status != kOk) report(status, tgt, port, &stats_.queueFull);
  return status;
}

Status Network::inject(NodeId tgt, uint8_t port, const Packet& packet) {
  ComponentType type;
  if (!typeOf(tgt, &type)) return kErrNoSuchNode;
  if (port >= type.inCount) return kErrNoSuchPort;
  if (!running_) return kErrBusy;
  Status status = enqueue(tgt, port, packet);
  if (status != kOk) report(status, tgt, port, &stats_.queueFull);
  return status;
}

Status Network::removeInitial(NodeId tgt, uint8_t port) {
  InitialIndex kept = 0;
  for (InitialIndex i = 0; i < initialCount_; ++i) {
    if (initials_[i].tgt != tgt || initials_[i].port != port) initials_[kept++] = initials_[i];
  }
  const bool removed = kept != initialCount_;
  initialCount_ = kept;
  return removed ? kOk : kErrNoSuchPort;
}

NetworkFootprint Network::footprint() {
  NetworkFootprint f;
  f.total = static_cast<uint16_t>(sizeof(Network));
  f.perNode = sizeof(Node);
  f.perEdge = sizeof(Edge);
  f.perQueued = sizeof(Queued);
  f.perInitial = sizeof(Initial);
  f.perWakeup = sizeof(Wakeup);
  f.perTraceEvent = EMFLOW_TRACE_SIZE > 0 ? sizeof(TraceEvent) : 0;
  return f;
}

void Network::setErrorHandler(ErrorHandler handler, void* user) {
  errorHandler_ = handler;
  errorUser_ = user;
}

void Network::setTraceHandler(TraceHandler handler, void* user) {
#if EMFLOW_TRACE
  traceHandler_ = handler;
  traceUser_ = user;
#else
  (void)handler;  // nothing is recorded in this build (config.h)
  (void)user;
#endif
}

// ---------------------------------------------------------------------------------------
// Network: running

void Network::startNode(NodeId id) {
  ComponentType type;
  if (!typeOf(id, &type)) return;
  Context ctx(*this, id);
  type.start(state_.bytes + nodes_[id].state, ctx);
}

Status Network::start() {
  if (running_) return kErrBusy;
  running_ = true;
  memset(state_.bytes, 0, stateUsed_);
  for (NodeId n = 0; n < EMFLOW_MAX_NODES && running_; ++n) {
    if (!hasNode(n)) continue;
    startNode(n);
    uint16_t budget = EMFLOW_RUN_BUDGET;
    drain(&budget);
  }
  for (InitialIndex i = 0; i < initialCount_; ++i) {
    const Initial& initial = initials_[i];
    Status status = enqueue(initial.tgt, initial.port, initial.packet);
    if (status != kOk) report(status, initial.tgt, initial.port, &stats_.queueFull);
    uint16_t budget = EMFLOW_RUN_BUDGET;
    drain(&budget);
  }
  return kOk;
}

void Network::stop() {
  bumpBy(&stats_.discarded, queueCount_);
  queueHead_ = 0;
  queueCount_ = 0;
  for (uint8_t w = 0; w < EMFLOW_MAX_WAKEUPS; ++w) wakeups_[w].node = kNoNode;
  running_ = false;
}

Status Network::run(uint16_t budget) {
  if (!running_) return kOk;
  const TimeMs now = io_.timeMs();
  // Each run fires at most one round of wake-ups, so a component that asks to be woken
  // "now" again cannot keep the caller here forever.
  for (uint8_t round = 0; round < EMFLOW_MAX_WAKEUPS && budget > 0; ++round) {
    // The most overdue wake-up; ties (same deadline) by node id.
    int8_t due = -1;
    int32_t dueIn = 0;
    for (uint8_t w = 0; w < EMFLOW_MAX_WAKEUPS; ++w) {
      const Wakeup& x = wakeups_[w];
      if (x.node == kNoNode) continue;
      const int32_t in = until(x.at, now);
      if (in > 0) continue;
      if (due < 0 || in < dueIn || (in == dueIn && x.node < wakeups_[due].node)) {
        due = static_cast<int8_t>(w);
        dueIn = in;
      }
    }
    if (due < 0) break;
    const NodeId node = wakeups_[due].node;
    wakeups_[due].node = kNoNode;
    ComponentType type;
    if (typeOf(node, &type)) {
      Context ctx(*this, node);
      type.wake(state_.bytes + nodes_[node].state, ctx);
    }
    drain(&budget);
  }
  drain(&budget);
  if (queueCount_) return kErrBusy;
  for (uint8_t w = 0; w < EMFLOW_MAX_WAKEUPS; ++w) {
    if (wakeups_[w].node != kNoNode && until(wakeups_[w].at, now) <= 0) return kErrBusy;
  }
  return kOk;
}

bool Network::nextWakeup(TimeMs* at) const {
  const TimeMs now = io_.timeMs();
  bool found = false;
  for (uint8_t w = 0; w < EMFLOW_MAX_WAKEUPS; ++w) {
    if (wakeups_[w].node == kNoNode) continue;
    if (!found || until(wakeups_[w].at, now) < until(*at, now)) *at = wakeups_[w].at;
    found = true;
  }
  return found;
}

void Network::drain(uint16_t* budget) {
  while (queueCount_ > 0 && *budget > 0 && running_) {
    const Queued q = queue_[queueHead_];
    queueHead_ = queueSlot(1);
    --queueCount_;
    --*budget;
    deliver(q);
  }
}

void Network::deliver(const Queued& q) {
  ComponentType type;
  if (!typeOf(q.tgt, &type)) return;  // cannot happen: removeNode() purges its packets
  bump(&stats_.delivered);
  Context ctx(*this, q.tgt);
  type.process(state_.bytes + nodes_[q.tgt].state, ctx, q.packet, q.port);
}

// Not inlined: it is called from several places, and on the board each inlined copy of the
// packet copy costs more flash than the call (measured: 40 B on the fridge sketch).
EMFLOW_NOINLINE Status Network::enqueue(NodeId tgt, uint8_t port, const Packet& packet) {
  if (queueCount_ >= EMFLOW_QUEUE_SIZE) return kErrQueueFull;
  Queued& slot = queue_[queueSlot(queueCount_)];
  slot.tgt = tgt;
  slot.port = port;
  slot.packet = packet;
  ++queueCount_;
  return kOk;
}

void Network::discardQueuedFor(NodeId id) {
  QueueIndex kept = 0;
  for (QueueIndex i = 0; i < queueCount_; ++i) {
    const Queued q = queue_[queueSlot(i)];
    if (q.tgt == id) {
      bump(&stats_.discarded);
    } else {
      queue_[queueSlot(kept)] = q;
      ++kept;
    }
  }
  queueCount_ = kept;
}

Status Network::emit(NodeId src, uint8_t port, uint8_t index, const Packet& packet) {
  Status result = kOk;
  bool connected = false;
  for (EdgeId e = 0; e < edgeEnd_; ++e) {
    const Edge& edge = edges_[e];
    if (edge.src != src || edge.srcPort != port) continue;
    if (index != kNoIndex && edge.srcIndex != index) continue;
    connected = true;
    Status status = enqueue(edge.tgt, edge.tgtPort, packet);
    if (status != kOk) {
      report(status, src, port, &stats_.queueFull);
      result = status;
      continue;
    }
#if EMFLOW_TRACE
    if (isWatched(e)) record(e, edge, packet);
#endif
  }
  if (!connected) {
    // Only now look the port up: connect() accepts existing ports only, so a port with a
    // connection exists, and the common path needs no component lookup.
    ComponentType type;
    const Status why =
        typeOf(src, &type) && port < type.outCount ? kErrNotConnected : kErrNoSuchPort;
    report(why, src, port, &stats_.notConnected);
    return why;
  }
  return result;
}

Status Network::requestWake(NodeId node, TimeMs at) {
  int8_t slot = -1;
  for (uint8_t w = 0; w < EMFLOW_MAX_WAKEUPS; ++w) {
    if (wakeups_[w].node == node) {
      slot = static_cast<int8_t>(w);
      break;
    }
    if (slot < 0 && wakeups_[w].node == kNoNode) slot = static_cast<int8_t>(w);
  }
  if (slot < 0) {
    report(kErrOutOfRange, node, 0xFF, &stats_.wakeupsFull);
    return kErrOutOfRange;
  }
  wakeups_[slot].node = node;
  wakeups_[slot].at = at;
  return kOk;
}

void Network::cancelWake(NodeId node) {
  for (uint8_t w = 0; w < EMFLOW_MAX_WAKEUPS; ++w) {
    if (wakeups_[w].node == node) wakeups_[w].node = kNoNode;
  }
}

void Network::report(Status status, NodeId node, uint8_t port, Counter* counter) {
  bump(counter);
  lastError_.status = status;
  lastError_.node = node;
  lastError_.port = port;
  if (errorHandler_) errorHandler_(errorUser_, lastError_);
}

// ---------------------------------------------------------------------------------------
// Network: trace

Status Network::watchEdge(EdgeId id, bool on) {
  if (id >= EMFLOW_MAX_EDGES) return kErrOutOfRange;
  const uint8_t bit = static_cast<uint8_t>(1u << (id & 7));
  if (on) {
    if (edges_[id].src == kNoNode) return kErrOutOfRange;
    watched_[id >> 3] = static_cast<uint8_t>(watched_[id >> 3] | bit);
  } else {
    watched_[id >> 3] = static_cast<uint8_t>(watched_[id >> 3] & ~bit);
  }
  return kOk;
}

bool Network::isWatched(EdgeId id) const {
  return watchAll_ || (id < EMFLOW_MAX_EDGES && (watched_[id >> 3] & (1u << (id & 7))) != 0);
}

#if EMFLOW_TRACE
void Network::record(EdgeId id, const Edge& e, const Packet& packet) {
  if (!traceHandler_ && EMFLOW_TRACE_SIZE == 0) return;
  TraceEvent event;
  event.time = io_.timeMs();
  event.edge = id;
  event.src = e.src;
  event.srcPort = e.srcPort;
  event.tgt = e.tgt;
  event.tgtPort = e.tgtPort;
  event.packet = packet;
  if (traceHandler_) traceHandler_(traceUser_, event);
#if EMFLOW_TRACE_SIZE > 0
  if (traceCount_ == EMFLOW_TRACE_SIZE) {
    traceHead_ = static_cast<uint16_t>((traceHead_ + 1) % EMFLOW_TRACE_SIZE);
    bump(&stats_.traceLost);
  } else {
    ++traceCount_;
  }
  trace_[(traceHead_ + traceCount_ - 1) % EMFLOW_TRACE_SIZE] = event;
#endif
}
#endif

uint16_t Network::traceCount() const {
#if EMFLOW_TRACE_SIZE > 0
  return traceCount_;
#else
  return 0;  // no trace ring in this build (boards): no counter either
#endif
}

bool Network::popTrace(TraceEvent* event) {
#if EMFLOW_TRACE_SIZE > 0
  if (traceCount_ == 0) return false;
  *event = trace_[traceHead_];
  traceHead_ = static_cast<uint16_t>((traceHead_ + 1) % EMFLOW_TRACE_SIZE);
  --traceCount_;
  return true;
#else
  (void)event;
  return false;
#endif
}

}  // namespace emflow
