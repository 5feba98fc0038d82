// The stated caps on a graph's size (docs/fbp.md "Limits"), checked by both graph readers so
// that hostile input is refused with a located error instead of exhausting memory or time,
// and the check that graph source text is valid UTF-8.
#ifndef EMFLOW_HOST_GRAPH_GRAPH_LIMITS_H
#define EMFLOW_HOST_GRAPH_GRAPH_LIMITS_H

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "host/graph/graph.h"

namespace emflow::graph {

constexpr size_t kMaxGraphSourceBytes = 16u << 20;  // .fbp or JSON text, 16 MiB
constexpr size_t kMaxGraphNodes = 100000;
constexpr size_t kMaxGraphEdges = 200000;  // connections between two ports
constexpr size_t kMaxGraphIips = 200000;   // initial information packets
// The JSON text of one node's, edge's, exported port's or group's metadata, and of the
// graph's properties.
constexpr size_t kMaxMetadataBytes = 64u << 10;  // 64 KiB

// An error at 1:1 when `text` is longer than kMaxGraphSourceBytes.
std::optional<Diagnostic> checkSourceSize(std::string_view text);

// An error at the first invalid UTF-8 byte ("invalid UTF-8 (byte 0xFF)"), if any.
std::optional<Diagnostic> checkUtf8(std::string_view text);

// Every cap the graph exceeds, each located at the first item past the cap.
std::vector<Diagnostic> checkGraphLimits(const Graph& graph);

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_GRAPH_LIMITS_H
