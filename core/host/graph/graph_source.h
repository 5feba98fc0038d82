// Reading a graph from text in either interchange format, chosen by file name or content.
#ifndef EMFLOW_HOST_GRAPH_GRAPH_SOURCE_H
#define EMFLOW_HOST_GRAPH_GRAPH_SOURCE_H

#include <string>
#include <string_view>

#include "host/graph/fbp_parser.h"
#include "host/graph/graph.h"

namespace emflow::graph {

enum class GraphFormat { kFbp, kJson };

// ".json" (any case) is a NoFlo JSON graph; everything else is .fbp text.
GraphFormat formatFromPath(const std::string& path);

GraphResult readGraphText(std::string_view text, GraphFormat format,
                          const FbpParseOptions& options = {});

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_GRAPH_SOURCE_H
