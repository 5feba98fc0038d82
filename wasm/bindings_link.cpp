// Embind registration of what the host needs to put a graph on a board over the serial link
// (docs/serial-link.md): the graph compiled to the command stream a board applies — checked
// against the capacities the board reported in its Info frame — and live edits that watch its
// edges, each small enough for one frame. The same compiler and encoder as `emflow compile`.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "host/firmware/graph_compiler.h"
#include "host/firmware/stream_encoder.h"
#include "host/graph/fbp_parser.h"
#include "link/frame.h"
#include "runtime/command_stream.h"

namespace emflow::wasm {
namespace {

using emscripten::val;

val bytes(const std::vector<uint8_t>& data) {
  return val(emscripten::typed_memory_view(data.size(), data.data())).call<val>("slice");
}

// A capacity from the limits object: a whole number 1..65535, else the host default.
bool limitFrom(const val& limits, const char* name, size_t* out, std::string* error) {
  if (limits.isUndefined() || limits.isNull()) return true;
  const val value = limits[name];
  if (value.isUndefined()) return true;
  const double n = value.isNumber() ? value.as<double>() : -1;
  if (!(n >= 1 && n <= 65535) || n != static_cast<double>(static_cast<size_t>(n))) {
    *error = std::string("limits.") + name + " must be a whole number from 1 to 65535";
    return false;
  }
  *out = static_cast<size_t>(n);
  return true;
}

// Live edits that watch every edge, as whole command streams of at most one frame's payload:
// header, then watch commands (opcode + 5 operands), then the end byte.
std::vector<std::vector<uint8_t>> watchStreams(const compile::CompiledGraph& graph) {
  const size_t perStream = (kLinkMaxPayload - kStreamHeaderSize - 1) / 6;
  std::vector<std::vector<uint8_t>> streams;
  uint8_t buffer[kLinkMaxPayload];
  for (size_t first = 0; first < graph.edges.size(); first += perStream) {
    CommandStreamWriter writer(buffer, sizeof buffer);
    for (size_t i = first; i < graph.edges.size() && i < first + perStream; ++i) {
      const compile::CompiledEdge& e = graph.edges[i];
      writer.watchEdge(e.src, e.srcPort, e.tgt, e.tgtPort, true);
    }
    uint16_t length = 0;
    if (writer.finish(&length) != kOk) return {};  // cannot happen: the count fits by design
    streams.emplace_back(buffer, buffer + length);
  }
  return streams;
}

// compileForBoard(fbpText, limits?) → {ok, error, errors: string[], stream: Uint8Array,
// watch: Uint8Array[], nodes: [{id, name, component}], edges: [{src, srcPort, tgt, tgtPort}]}.
// `limits` = {maxNodes, maxEdges, maxInitials} from the board's Info (absent: host capacities).
// Errors are located ("3:14: message"), all of them.
val compileForBoard(const std::string& fbpText, const val& limits) {
  val result = val::object();
  val errors = val::array();
  result.set("ok", false);
  result.set("stream", val::global("Uint8Array").new_(0));
  result.set("watch", val::array());
  result.set("nodes", val::array());
  result.set("edges", val::array());
  const auto done = [&]() {
    result.set("errors", errors);
    result.set("error", errors.call<val>("join", std::string("\n")));
    return result;
  };
  compile::CompileLimits compileLimits;
  std::string why;
  if (!limitFrom(limits, "maxNodes", &compileLimits.maxNodes, &why) ||
      !limitFrom(limits, "maxEdges", &compileLimits.maxEdges, &why) ||
      !limitFrom(limits, "maxInitials", &compileLimits.maxInitials, &why)) {
    errors.call<void>("push", why);
    return done();
  }
  graph::GraphResult parsed = graph::parseFbp(fbpText);
  if (!parsed.ok()) {
    for (const graph::Diagnostic& d : parsed.errors) errors.call<void>("push", d.format());
    if (parsed.errors.empty()) errors.call<void>("push", std::string("not a graph"));
    return done();
  }
  compile::CompileResult compiled = compile::compileGraph(*parsed.graph, compileLimits);
  if (!compiled.ok()) {
    for (const graph::Diagnostic& d : compiled.errors) errors.call<void>("push", d.format());
    if (compiled.errors.empty()) errors.call<void>("push", std::string("cannot compile"));
    return done();
  }
  std::string error;
  const std::vector<uint8_t> stream = compile::encodeCommandStream(*compiled.graph, &error);
  if (stream.empty()) {
    errors.call<void>("push", error);
    return done();
  }
  val nodes = val::array();
  for (const compile::CompiledNode& n : compiled.graph->nodes) {
    val node = val::object();
    node.set("id", n.id);
    node.set("name", n.name);
    node.set("component", n.componentName);
    nodes.call<void>("push", node);
  }
  val edges = val::array();
  for (const compile::CompiledEdge& e : compiled.graph->edges) {
    val edge = val::object();
    edge.set("src", e.src);
    edge.set("srcPort", e.srcPort);
    edge.set("tgt", e.tgt);
    edge.set("tgtPort", e.tgtPort);
    edges.call<void>("push", edge);
  }
  val watch = val::array();
  for (const std::vector<uint8_t>& s : watchStreams(*compiled.graph)) {
    watch.call<void>("push", bytes(s));
  }
  result.set("ok", true);
  result.set("stream", bytes(stream));
  result.set("watch", watch);
  result.set("nodes", nodes);
  result.set("edges", edges);
  return done();
}

}  // namespace

EMSCRIPTEN_BINDINGS(emflow_link) {
  emscripten::function("compileForBoard", &compileForBoard);
}

}  // namespace emflow::wasm
