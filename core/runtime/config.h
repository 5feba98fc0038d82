// Compile-time capacities of the runtime. Every limit can be overridden with -DEMFLOW_X=n.
// Two profiles: tiny defaults for AVR boards (the fridge graph fits in about 300 bytes of
// network RAM) and a larger one for hosts and WebAssembly (the simulator, the tests).
#ifndef EMFLOW_RUNTIME_CONFIG_H
#define EMFLOW_RUNTIME_CONFIG_H

#include <stdint.h>

#if defined(__AVR__)
#define EMFLOW_SMALL_TARGET 1
#else
#define EMFLOW_SMALL_TARGET 0
#endif

#if EMFLOW_SMALL_TARGET
#ifndef EMFLOW_MAX_NODES
#define EMFLOW_MAX_NODES 12  // the fridge graph has 11
#endif
#ifndef EMFLOW_MAX_EDGES
#define EMFLOW_MAX_EDGES 16  // the fridge graph has 14
#endif
#ifndef EMFLOW_QUEUE_SIZE
#define EMFLOW_QUEUE_SIZE 8  // packets waiting for delivery
#endif
#ifndef EMFLOW_MAX_INITIALS
#define EMFLOW_MAX_INITIALS 14  // initial packets kept for (re)start; a 1-Wire address uses 10
#endif
#ifndef EMFLOW_MAX_WAKEUPS
#define EMFLOW_MAX_WAKEUPS 4  // nodes that may wait for a time at once (timers, sensors)
#endif
#ifndef EMFLOW_STATE_BYTES
#define EMFLOW_STATE_BYTES 64  // arena for the state of all nodes (the fridge uses 36)
#endif
#ifndef EMFLOW_TRACE_SIZE
#define EMFLOW_TRACE_SIZE 0  // no trace ring on the board
#endif
#else
#ifndef EMFLOW_MAX_NODES
#define EMFLOW_MAX_NODES 128
#endif
#ifndef EMFLOW_MAX_EDGES
#define EMFLOW_MAX_EDGES 254
#endif
#ifndef EMFLOW_QUEUE_SIZE
#define EMFLOW_QUEUE_SIZE 256
#endif
#ifndef EMFLOW_MAX_INITIALS
#define EMFLOW_MAX_INITIALS 256
#endif
#ifndef EMFLOW_MAX_WAKEUPS
#define EMFLOW_MAX_WAKEUPS 64
#endif
#ifndef EMFLOW_STATE_BYTES
#define EMFLOW_STATE_BYTES 8192
#endif
#ifndef EMFLOW_TRACE_SIZE
#define EMFLOW_TRACE_SIZE 1024
#endif
#endif

// Whether a send over a watched edge is recorded (trace ring and trace handler). A board has
// no trace ring (EMFLOW_TRACE_SIZE 0) and nothing that sets a trace handler, so its send path
// leaves the recording out: 200 B of flash on the fridge sketch. Edges can still be watched
// (a command stream may say so); nothing is recorded. Set 1 to call a handler on a board.
#ifndef EMFLOW_TRACE
#if EMFLOW_SMALL_TARGET && EMFLOW_TRACE_SIZE == 0
#define EMFLOW_TRACE 0
#else
#define EMFLOW_TRACE 1
#endif
#endif

// Keeps a function out of line where inlining copies cost more flash than calls (AVR).
#if defined(__GNUC__)
#define EMFLOW_NOINLINE __attribute__((noinline))
#else
#define EMFLOW_NOINLINE
#endif

// How many packet deliveries Network::run() makes at most per call, so that a cycle in the
// graph cannot hang the caller's loop.
#ifndef EMFLOW_RUN_BUDGET
#define EMFLOW_RUN_BUDGET 64
#endif

// Whether command streams may stop the network and remove nodes, edges and initial packets
// (live editing). A firmware that only loads graphs can set 0 to save about 1 KB of flash;
// those commands then fail with kErrUnsupported.
#ifndef EMFLOW_STREAM_LIVE_EDITS
#define EMFLOW_STREAM_LIVE_EDITS 1
#endif

// Node state is kept in one arena; every state starts at a multiple of this alignment.
#ifndef EMFLOW_STATE_ALIGN
#if EMFLOW_SMALL_TARGET
#define EMFLOW_STATE_ALIGN 1
#else
#define EMFLOW_STATE_ALIGN 8  // model nodes hold pointers (8 bytes on 64-bit hosts)
#endif
#endif

#if EMFLOW_MAX_WAKEUPS > 127
#error "wake-up slots are indexed with int8_t"
#endif

#if EMFLOW_MAX_NODES > 254 || EMFLOW_MAX_EDGES > 254
#error "node and edge ids are one byte (255 means none)"
#endif

namespace emflow {

typedef uint8_t NodeId;       // index in the node table
typedef uint8_t EdgeId;       // index in the edge table
typedef uint8_t ComponentId;  // index in the component library (library_entries.h order)
static const NodeId kNoNode = 0xFF;
static const EdgeId kNoEdge = 0xFF;
static const uint8_t kNoIndex = 0xFF;  // a connection to a port without an array index

#if EMFLOW_STATE_BYTES <= 255
typedef uint8_t StateOffset;
#else
typedef uint16_t StateOffset;
#endif

// Initial packet positions and counts (at most EMFLOW_MAX_INITIALS).
#if EMFLOW_MAX_INITIALS <= 255
typedef uint8_t InitialIndex;
#else
typedef uint16_t InitialIndex;
#endif

// Queue positions; wide enough for head + count (< 2 * EMFLOW_QUEUE_SIZE).
#if EMFLOW_QUEUE_SIZE <= 128
typedef uint8_t QueueIndex;
#else
typedef uint16_t QueueIndex;
#endif

// Event counters: 16 bits on the board (they saturate), 32 bits elsewhere.
#if EMFLOW_SMALL_TARGET
typedef uint16_t Counter;
#else
typedef uint32_t Counter;
#endif

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_CONFIG_H
