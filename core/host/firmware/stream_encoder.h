// CompiledGraph → command-stream bytes (core/runtime/command_stream.h, the runtime's own
// encoder): reset, create every node, connect, initial packets, start. A device that applies
// the stream ends up running the graph; so does the simulator, from the same bytes.
#ifndef EMFLOW_HOST_FIRMWARE_STREAM_ENCODER_H
#define EMFLOW_HOST_FIRMWARE_STREAM_ENCODER_H

#include <cstdint>
#include <string>
#include <vector>

#include "host/firmware/compiled_graph.h"

namespace emflow::firmware {

// Returns the stream, or an empty vector with `error` set if it exceeds the format's 64 KB.
std::vector<uint8_t> encodeCommandStream(const CompiledGraph& graph, std::string* error);

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_STREAM_ENCODER_H
