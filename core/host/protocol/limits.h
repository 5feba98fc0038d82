// The caps of the FBP protocol runtime: what one client may make it parse and keep. Each one
// exceeded gets an `error` reply naming the cap (docs/protocol.md lists them). They bound the
// work of one message (size, nesting) and the state a client can pile up (graphs, nodes...).
#ifndef EMFLOW_HOST_PROTOCOL_LIMITS_H
#define EMFLOW_HOST_PROTOCOL_LIMITS_H

#include <cstddef>

#include "host/json/bounded_json.h"
#include "runtime/config.h"

namespace emflow::protocol {

// One message: the Node runtime's WebSocket maxPayload is the same 4 MiB.
constexpr size_t kMaxMessageBytes = json::kMaxBytes;
constexpr size_t kMaxMessageDepth = json::kMaxDepth;  // 64
// fbp-spec sends one graph per spec file (34 in tests/protocol/specs) to one runtime and
// the protocol has no command to drop a graph, so this must stay well above that.
constexpr size_t kMaxGraphs = 128;
// A graph runs as one device network, so its node/edge/IIP caps are the host build's
// (runtime/config.h); checked here first so the error names the cap.
constexpr size_t kMaxNodesPerGraph = EMFLOW_MAX_NODES;        // 128
constexpr size_t kMaxEdgesPerGraph = EMFLOW_MAX_EDGES;        // 254
constexpr size_t kMaxInitialsPerGraph = EMFLOW_MAX_INITIALS;  // 256
constexpr size_t kMaxExportsPerGraph = 1000;                  // exported in- + out-ports
constexpr size_t kMaxGroupsPerGraph = 1000;
// Editors keep a position, a label, a colour there; IIPs are numbers, addresses, short text.
constexpr size_t kMaxMetadataBytes = 16u << 10;  // one node's/edge's/... metadata, as JSON text
constexpr size_t kMaxIipBytes = 16u << 10;       // the data of one initial packet, as JSON text
// A Flowtrace recording (trace:start) keeps the newest events; older ones are dropped a
// quarter at a time and counted in the dump's header (metadata.droppedEvents).
constexpr size_t kMaxTraceEvents = 10000;
// network:persist refuses to write more; restore reads no more (and a persisted graph nests a
// few levels deeper than the message that built it).
constexpr size_t kMaxSnapshotBytes = 16u << 20;
constexpr size_t kMaxSnapshotDepth = kMaxMessageDepth + 8;

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_LIMITS_H
