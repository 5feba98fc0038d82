// Graph model (host/graph) → CompiledGraph: processes become numbered nodes of library
// components, port names become port numbers, IIPs become typed packets (iip_packets.h).
//
// Board components (ArduinoUno) are folded away: a connection `board() PIN9 -> PIN x()` is
// compiled to the initial packet 9 → x.PIN, so the board costs no node, edge or RAM on the
// device. Every problem is reported with the line:column of the graph text it comes from,
// and all problems are reported, not just the first.
#ifndef EMFLOW_HOST_FIRMWARE_GRAPH_COMPILER_H
#define EMFLOW_HOST_FIRMWARE_GRAPH_COMPILER_H

#include <optional>
#include <string>
#include <vector>

#include "host/firmware/compiled_graph.h"
#include "host/graph/graph.h"

namespace emflow::firmware {

// Capacities of the target that will run the graph; a graph that does not fit is refused
// with the numbers. Defaults: this build's (host) capacities.
struct CompileLimits {
  size_t maxNodes = EMFLOW_MAX_NODES;
  size_t maxEdges = EMFLOW_MAX_EDGES;
  size_t maxInitials = EMFLOW_MAX_INITIALS;
  // A0 as a digital pin number on the target board (Uno 14, Mega 54): a graph's
  // board(ArduinoUno) A0..A5 (and PIN14..PIN19, the same Uno pins) become the target's A0..A5.
  int firstAnalogPin = 14;
  static CompileLimits uno();  // the ATmega328P firmware's limits (core/runtime/config.h)
};

struct CompileResult {
  std::optional<CompiledGraph> graph;
  std::vector<graph::Diagnostic> errors;
  // What the compiler changed for the target board (analog pins remapped), for the user.
  std::vector<graph::Diagnostic> notes;
  bool ok() const { return graph.has_value(); }
};

CompileResult compileGraph(const graph::Graph& graph, const CompileLimits& limits = {});

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_GRAPH_COMPILER_H
