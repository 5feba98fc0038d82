// Checks a graph against a component catalog: unknown components, nodes and ports (with the
// nearest name suggested), ports used in the wrong direction, IIPs sent to out-ports,
// duplicate connections, array-port misuse, required ports left open and packet types that
// cannot flow between two ports. Every finding carries the line:column of what it is about.
#ifndef EMFLOW_HOST_GRAPH_VALIDATOR_H
#define EMFLOW_HOST_GRAPH_VALIDATOR_H

#include <vector>

#include "host/graph/catalog.h"
#include "host/graph/graph.h"

namespace emflow::graph {

// An empty result means the graph is valid. Messages read like
// "unknown port TRIGER on thermometer(ReadDallasTemperature) at 1:31 — did you mean TRIGGER?"
std::vector<Diagnostic> validateGraph(const Graph& graph, const Catalog& catalog);

// Whether packets of type `sent` may flow into a port of type `accepted`.
bool typesCompatible(const std::string& sent, const std::string& accepted);

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_VALIDATOR_H
