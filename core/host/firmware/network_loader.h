// Builds a CompiledGraph directly into a Network with the runtime's editing calls. The
// command stream is the device's way in; this is the host's shortcut for tests and for
// checking that a stream and a direct load give the same network.
#ifndef EMFLOW_HOST_FIRMWARE_NETWORK_LOADER_H
#define EMFLOW_HOST_FIRMWARE_NETWORK_LOADER_H

#include <string>

#include "host/firmware/compiled_graph.h"
#include "runtime/network.h"

namespace emflow::firmware {

// Adds every node, edge and initial packet. On failure returns the status and names the
// element in `error`.
Status loadIntoNetwork(const CompiledGraph& graph, Network& network, std::string* error);

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_NETWORK_LOADER_H
