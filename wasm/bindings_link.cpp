// Embind registration of what the host needs to put a graph on a board over the serial link
// (docs/serial-link.md): the graph compiled to the command stream a board applies — checked
// against the capacities the board reported in its Info frame — and live edits that watch its
// edges, each small enough for one frame. The same compiler and encoder as `emflow compile`.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "engine_args.h"
#include "host/firmware/stream_encoder.h"
#include "link/frame.h"
#include "runtime/command_stream.h"

namespace emflow::wasm {
namespace {

using emscripten::val;

val bytes(const std::vector<uint8_t>& data) {
  return val(emscripten::typed_memory_view(data.size(), data.data())).call<val>("slice");
}

// Live edits that watch every edge, as whole command streams of at most one frame's payload:
// header, then watch commands (opcode + 5 operands), then the end byte.
std::vector<std::vector<uint8_t>> watchStreams(const firmware::CompiledGraph& graph) {
  const size_t perStream = (kLinkMaxPayload - kStreamHeaderSize - 1) / 6;
  std::vector<std::vector<uint8_t>> streams;
  uint8_t buffer[kLinkMaxPayload];
  for (size_t first = 0; first < graph.edges.size(); first += perStream) {
    CommandStreamWriter writer(buffer, sizeof buffer);
    for (size_t i = first; i < graph.edges.size() && i < first + perStream; ++i) {
      const firmware::CompiledEdge& e = graph.edges[i];
      writer.watchEdge(e.src, e.srcPort, e.tgt, e.tgtPort, true);
    }
    uint16_t length = 0;
    if (writer.finish(&length) != kOk) return {};  // cannot happen: the count fits by design
    streams.emplace_back(buffer, buffer + length);
  }
  return streams;
}

// compileForBoard(fbpText, limitsJson) → {ok, error, errors: string[], stream: Uint8Array,
// watch: Uint8Array[], nodes: [{id, name, component}], edges: [{src, srcPort, tgt, tgtPort}]}.
// limitsJson = {maxNodes, maxEdges, maxInitials} from the board's Info ("" or absent fields:
// the host's capacities), and firstAnalogPin: A0 as the board's digital pin number (14 on the
// Uno, the default; 54 on the Mega 2560, whose board(ArduinoUno) A0..A5 are then remapped, as
// the exporter does). Every error, located ("3:14: message").
val compileForBoard(const std::string& fbpText, const std::string& limitsJson) {
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
  firmware::CompileLimits limits;
  uint64_t nodes = limits.maxNodes, edges = limits.maxEdges, initials = limits.maxInitials;
  uint64_t firstAnalog = static_cast<uint64_t>(limits.firstAnalogPin);
  Args args("compileForBoard", limitsJson);
  args.whole("maxNodes", 1, 65535, &nodes)
      .whole("maxEdges", 1, 65535, &edges)
      .whole("maxInitials", 1, 65535, &initials)
      .whole("firstAnalogPin", 0, 250, &firstAnalog);
  if (!args.ok()) {
    errors.call<void>("push", args.error());
    return done();
  }
  limits.maxNodes = nodes;
  limits.maxEdges = edges;
  limits.maxInitials = initials;
  limits.firstAnalogPin = static_cast<int>(firstAnalog);
  std::vector<std::string> problems;
  const std::optional<firmware::CompiledGraph> graph = compileFbpText(fbpText, limits, &problems);
  for (const std::string& p : problems) errors.call<void>("push", p);
  if (!graph) return done();
  std::string error;
  const std::vector<uint8_t> stream = firmware::encodeCommandStream(*graph, &error);
  if (stream.empty()) {
    errors.call<void>("push", error);
    return done();
  }
  val nodeList = val::array();
  for (const firmware::CompiledNode& n : graph->nodes) {
    val node = val::object();
    node.set("id", n.id);
    node.set("name", n.name);
    node.set("component", n.componentName);
    nodeList.call<void>("push", node);
  }
  val edgeList = val::array();
  for (const firmware::CompiledEdge& e : graph->edges) {
    val edge = val::object();
    edge.set("src", e.src);
    edge.set("srcPort", e.srcPort);
    edge.set("tgt", e.tgt);
    edge.set("tgtPort", e.tgtPort);
    edgeList.call<void>("push", edge);
  }
  val watch = val::array();
  for (const std::vector<uint8_t>& s : watchStreams(*graph)) watch.call<void>("push", bytes(s));
  result.set("ok", true);
  result.set("stream", bytes(stream));
  result.set("watch", watch);
  result.set("nodes", nodeList);
  result.set("edges", edgeList);
  return done();
}

}  // namespace

EMSCRIPTEN_BINDINGS(emflow_link) {
  emscripten::function("compileForBoard", &compileForBoard);
}

}  // namespace emflow::wasm
