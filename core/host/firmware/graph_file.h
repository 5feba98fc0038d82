// Reads a graph file for the CLI and tests: `.json` as a NoFlo JSON graph, anything else as
// .fbp text. Errors carry the file name and line:column ("fridge.fbp:3:14: message").
#ifndef EMFLOW_HOST_FIRMWARE_GRAPH_FILE_H
#define EMFLOW_HOST_FIRMWARE_GRAPH_FILE_H

#include <optional>
#include <string>
#include <vector>

#include "host/firmware/compiled_graph.h"
#include "host/firmware/graph_compiler.h"
#include "host/graph/graph.h"

namespace emflow::firmware {

// Parses the file; on failure returns nullopt and appends messages to `errors`.
std::optional<graph::Graph> readGraphFile(const std::string& path,
                                          std::vector<std::string>* errors);

// Reads and compiles; on failure returns nullopt and appends located messages to `errors`.
// `notes` (optional) gets what the compiler changed for the target board, located the same
// way ("fridge.fbp:3:1: warning: ... the Uno's A0 is A0 (pin 54) on the target board").
std::optional<CompiledGraph> compileGraphFile(const std::string& path, const CompileLimits& limits,
                                              std::vector<std::string>* errors,
                                              std::vector<std::string>* notes = nullptr);

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_GRAPH_FILE_H
