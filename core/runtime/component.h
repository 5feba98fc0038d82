// How a component is written and how the network calls it.
//
// A component is a plain struct (its fields are the node's state, zeroed when the node starts)
// deriving from ComponentBase, with up to three non-virtual methods:
//
//   void start(Context& ctx);                                   // node starts: set defaults
//   void process(Context& ctx, const Packet& packet, uint8_t port);  // a packet on in-port
//   void wake(Context& ctx);                                    // a requested wake-up is due
//
// No virtual functions: on AVR every vtable lives in RAM (2 bytes per virtual per class), so
// the library instead keeps one ComponentType per component in flash — three function
// pointers made by the thunks below plus the state size and port counts (9 bytes of flash).
//
// A component's ports and documentation are declared ONCE, in a describe-macro next to the
// struct (see core/components/timer.h):
//
//   #define EMFLOW_DESCRIBE_Timer(COMPONENT, IN, OUT)
//     COMPONENT("Timer", "clock-o", "Sends a bang every INTERVAL milliseconds")
//     IN(interval, "int", false, "1000", "Period in milliseconds; 0 stops the timer")
//     OUT(out, "bang", false, "", "One bang per period")
//
// IN/OUT take (name, type, flags, default, description); flags are `false`, `true` (an array
// port), kPortRequired (the node cannot work until the port gets a value or an edge, so the
// validator names it before a run) or kPortOptional (an out-port that may stay unconnected);
// types are the FBP protocol's
// ("all", "bang", "boolean", "int", "number", "array"). EMFLOW_PORT_ENUMS(Timer) turns that
// into `enum InPort { kIn_interval, ..., kInCount }` and `enum OutPort { kOut_out, ...,
// kOutCount }` inside the struct; core/components/library.cpp turns it into the host's
// component list (names, docs) — device builds never see the strings.
#ifndef EMFLOW_RUNTIME_COMPONENT_H
#define EMFLOW_RUNTIME_COMPONENT_H

#include <stdint.h>

#include "config.h"
#include "io.h"
#include "packet.h"
#include "status.h"

namespace emflow {

class Network;

// What a component may do while the network runs one of its methods. Cheap to create (two
// fields); only valid during that call.
class Context {
 public:
  Context(Network& network, NodeId node) : network_(network), node_(node) {}

  // Sends on an out-port to every connection of that port (fan-out, in connection order).
  // Returns kErrNotConnected if the port has no connection, kErrQueueFull if some connection
  // could not take the packet, kErrNoSuchPort for a port the component does not have. All of
  // these are also counted and reported by the network, so components may ignore the result.
  Status send(uint8_t outPort, const Packet& packet);
  // send() of Packet::Bool(value) / Packet::Error(status). Through one out-of-line sendWord:
  // the packet is built there once instead of on the stack of every caller (AVR flash).
  Status sendBool(uint8_t outPort, bool value) { return sendWord(outPort, kPacketBool, value); }
  Status sendError(uint8_t outPort, Status status) {
    return sendWord(outPort, kPacketError, status);
  }
  // send() of a packet of `type` whose 4 payload bytes are `word` (as Packet's factories set
  // them: bool, byte and Status zero-extended, int32 as is).
  Status sendWord(uint8_t outPort, PacketType type, uint32_t word);
  // Sends only to the connections made to element `index` of an array out-port (OUT[index]).
  Status sendIndexed(uint8_t outPort, uint8_t index, const Packet& packet);
  // Whether an out-port (or one array element of it; kNoIndex means any) has a connection.
  bool isConnected(uint8_t outPort, uint8_t index = kNoIndex) const;
  // Reports that a packet arrived that this port cannot use (wrong type, out of range):
  // counted as a rejected packet and passed to the network's error handler.
  void reject(uint8_t inPort, Status why);

  // Asks for wake() to be called once the clock reaches `at` (replaces an earlier request of
  // this node). Returns kErrOutOfRange if the network's wake-up table is full (also reported).
  Status wakeAt(TimeMs at);
  Status wakeAfter(TimeMs delay) { return wakeAt(now() + delay); }
  void cancelWake();

  TimeMs now() const;
  IO& io() const;
  NodeId node() const { return node_; }

 private:
  Network& network_;
  NodeId node_;
};

// Default (empty) lifecycle methods; a component hides the ones it needs.
struct ComponentBase {
  void start(Context&) {}
  void wake(Context&) {}
};

typedef void (*StartFn)(void* state, Context& ctx);
typedef void (*ProcessFn)(void* state, Context& ctx, const Packet& packet, uint8_t port);
typedef void (*WakeFn)(void* state, Context& ctx);

// One entry per component in the library table (in flash on AVR).
struct ComponentType {
  StartFn start;
  ProcessFn process;
  WakeFn wake;
  uint8_t stateSize;  // 0 for components without fields
  uint8_t inCount;
  uint8_t outCount;
};

// The seam between runtime and library, resolved at link time (core/components/library.cpp,
// or a firmware's own smaller table): copies the type of component `id` into `out`.
// Returns false for an id this build does not contain.
bool emflow_component_type(ComponentId id, ComponentType* out);

template <class C>
void emflowStartThunk(void* state, Context& ctx) {
  static_cast<C*>(state)->start(ctx);
}
template <class C>
void emflowProcessThunk(void* state, Context& ctx, const Packet& packet, uint8_t port) {
  static_cast<C*>(state)->process(ctx, packet, port);
}
template <class C>
void emflowWakeThunk(void* state, Context& ctx) {
  static_cast<C*>(state)->wake(ctx);
}

// The ComponentType of a component struct C (used by library tables and by tests).
#define EMFLOW_COMPONENT_TYPE(C)                                                            \
  {                                                                                         \
    &::emflow::emflowStartThunk<C>, &::emflow::emflowProcessThunk<C>,                       \
        &::emflow::emflowWakeThunk<C>, static_cast<uint8_t>(__is_empty(C) ? 0 : sizeof(C)), \
        static_cast<uint8_t>(C::kInCount), static_cast<uint8_t>(C::kOutCount)               \
  }

// Port flag in a describe-macro: `true` marks an array port, kPortRequired a port that must be
// fed (edge, initial packet or graph inport) before the node can do anything.
static const uint8_t kPortArray = 1;
static const uint8_t kPortRequired = 2;
// An out-port that sends only when connected (a board's pin map): left open, it is no warning.
static const uint8_t kPortOptional = 4;

// Describe-macro helpers.
#define EMFLOW_DESCRIBE_IGNORE(...)
#define EMFLOW_DESCRIBE_ENUM_IN(name, ...) kIn_##name,
#define EMFLOW_DESCRIBE_ENUM_OUT(name, ...) kOut_##name,
#define EMFLOW_PORT_ENUMS(Name)                                             \
  enum InPort {                                                             \
    EMFLOW_DESCRIBE_##Name(EMFLOW_DESCRIBE_IGNORE, EMFLOW_DESCRIBE_ENUM_IN, \
                           EMFLOW_DESCRIBE_IGNORE) kInCount                 \
  };                                                                        \
  enum OutPort {                                                            \
    EMFLOW_DESCRIBE_##Name(EMFLOW_DESCRIBE_IGNORE, EMFLOW_DESCRIBE_IGNORE,  \
                           EMFLOW_DESCRIBE_ENUM_OUT) kOutCount              \
  };

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_COMPONENT_H
