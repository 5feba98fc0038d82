// The graph model: a NoFlo JSON graph (what the npm `fbp` parser produces and NoFlo reads)
// plus where each piece came from in its source text, so validation can point at it.
//
// Order matters and is kept everywhere: processes, exported ports and connections appear in
// the order the source declared them, which is the order `fbp` writes them in its JSON.
#ifndef EMFLOW_HOST_GRAPH_GRAPH_H
#define EMFLOW_HOST_GRAPH_GRAPH_H

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace emflow::graph {

// Free-form JSON values (IIP data, metadata, properties) keep their key order.
using Json = nlohmann::ordered_json;

// 1-based line and column (columns count UTF-16 code units, as JavaScript tools do);
// line 0 means "unknown" (e.g. a graph built in code).
struct SourceLocation {
  int line = 0;
  int column = 0;
  bool known() const { return line > 0; }
};

std::string formatLocation(const SourceLocation& location);  // "3:14" or "?"

// One end of a connection: a port on a process, optionally an index into an array port.
struct PortRef {
  std::string process;
  std::string port;
  // `fbp` parses indices with parseInt (a JavaScript number); any non-negative integer.
  std::optional<double> index;
  SourceLocation location;         // of the port name (or of the process for a default port)
  SourceLocation processLocation;  // of the process reference
};

struct Process {
  std::string name;
  // `fbp` omits the key when no component was given (and then rejects the graph).
  std::optional<std::string> component;
  Json metadata;  // an object, or null when absent
  // Keys appear as first assigned: `a(:x=1)` then `a(C)` gives metadata before component.
  bool metadataBeforeComponent = false;
  SourceLocation location;  // of the declaration that named the component (or first mention)
};

// An exported port of the graph: `INPORT=node.PORT:PUBLIC`.
struct ExportedPort {
  std::string name;  // the public name
  std::string process;
  std::string port;
  Json metadata;  // null when absent (JSON graphs may carry it)
  SourceLocation location;
};

struct Group {
  std::string name;
  std::vector<std::string> nodes;
  Json metadata;  // null when absent
};

// An edge between two ports, or an initial information packet (IIP) sent to a port.
struct Connection {
  std::optional<PortRef> src;  // absent for an IIP
  std::optional<Json> data;    // present only for an IIP
  PortRef tgt;
  Json metadata;            // null when absent (JSON graphs may carry it)
  SourceLocation location;  // of the source end, or of the IIP's data
  bool isInitial() const { return data.has_value(); }
};

struct Graph {
  Json properties;  // an object, or null when the source had no annotations/properties
  std::vector<ExportedPort> inports;
  std::vector<ExportedPort> outports;
  std::vector<Group> groups;
  std::vector<Process> processes;
  std::vector<Connection> connections;
  bool caseSensitive = false;

  const Process* findProcess(const std::string& name) const;
  Process* findProcess(const std::string& name);
};

// A problem found in a graph or its source, with where it is.
// Warnings (an output nobody listens to) do not stop a run or an export; errors do.
enum class Severity { kError, kWarning };

struct Diagnostic {
  Diagnostic() = default;
  // A constructor, not an aggregate, so that `{where, message}` keeps meaning an error.
  Diagnostic(SourceLocation where, std::string text, Severity level = Severity::kError,
             std::string about = "")
      : location(where), message(std::move(text)), severity(level), node(std::move(about)) {}

  SourceLocation location;
  std::string message;
  Severity severity = Severity::kError;
  std::string node;  // the node the problem is about, when there is one (the UI selects it)
  // "3:14: message", "3:14: warning: message" (or without the location when unlocated)
  std::string format() const;
};

// Whether any of `diagnostics` is an error (not just a warning).
bool hasErrors(const std::vector<Diagnostic>& diagnostics);

// The outcome of reading a graph: the graph, or the reasons there is none.
struct GraphResult {
  std::optional<Graph> graph;
  std::vector<Diagnostic> errors;
  bool ok() const { return graph.has_value(); }
};

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_GRAPH_H
