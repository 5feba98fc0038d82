// NoFlo JSON graphs: writing the exact shape `fbp` produces, and reading graph files back with
// located errors for bad JSON or a bad structure.
#ifndef EMFLOW_HOST_GRAPH_GRAPH_JSON_H
#define EMFLOW_HOST_GRAPH_GRAPH_JSON_H

#include <string>
#include <string_view>

#include "host/graph/graph.h"

namespace emflow::graph {

// The graph as `fbp`'s parse() returns it: inports, outports, groups, processes, connections,
// properties (only when there are any) and caseSensitive, in that key order.
Json toNoFloJson(const Graph& graph);

// JSON.stringify(toNoFloJson(graph), null, indent) byte for byte.
std::string writeJsonGraph(const Graph& graph, int indent = 2);

// Reads a NoFlo JSON graph. Every key is optional except a connection's tgt and either its
// src or its data; unknown keys are ignored. Errors name the offending key path and its
// line:column ("processes.timer.component must be a string").
GraphResult readJsonGraph(std::string_view text);

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_GRAPH_JSON_H
