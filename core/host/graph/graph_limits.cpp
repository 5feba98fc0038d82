#include "host/graph/graph_limits.h"

#include <cstdio>
#include <string>

#include "host/graph/js_json.h"
#include "host/graph/source_text.h"

namespace emflow::graph {

namespace {

// Length of the valid UTF-8 sequence at `pos` (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF), or 0 when the bytes there are not one.
size_t validUtf8At(std::string_view text, size_t pos) {
  const unsigned char lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return 1;
  size_t need = 0;
  unsigned char lower = 0x80, upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lower = 0xA0;
    if (lead == 0xED) upper = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lower = 0x90;
    if (lead == 0xF4) upper = 0x8F;
  } else {
    return 0;
  }
  if (pos + need >= text.size()) return 0;  // cut off at the end
  for (size_t k = 1; k <= need; ++k) {
    const unsigned char byte = static_cast<unsigned char>(text[pos + k]);
    if (byte < (k == 1 ? lower : 0x80) || byte > (k == 1 ? upper : 0xBF)) return 0;
  }
  return need + 1;
}

std::string metadataError(const char* what, const std::string& name, size_t bytes) {
  return "metadata of " + std::string(what) + name + " is " + std::to_string(bytes) +
         " bytes of JSON; the limit is " + std::to_string(kMaxMetadataBytes);
}

// The metadata's size as the graph is written back (compact). stringifyJs, not Json::dump: the
// reader keeps a lone surrogate ("\ud800") as WTF-8, as JavaScript strings hold it, and dump
// throws on such bytes (found by fuzz_json_graph: an uncaught exception in `emflow check`).
size_t jsonBytes(const Json& value) {
  return value.is_null() ? 0 : stringifyJs(value, 0).size();
}

}  // namespace

std::optional<Diagnostic> checkSourceSize(std::string_view text) {
  if (text.size() <= kMaxGraphSourceBytes) return std::nullopt;
  return Diagnostic{{1, 1},
                    "the graph text is " + std::to_string(text.size()) + " bytes; the limit is " +
                        std::to_string(kMaxGraphSourceBytes) + " (16 MiB)"};
}

std::optional<Diagnostic> checkUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t length = validUtf8At(text, pos);
    if (length == 0) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[pos]));
      // Locate in the text up to the bad byte: everything before it is valid.
      TextLocator locator(text.substr(0, pos + 1));
      return Diagnostic{locator.locate(pos), std::string("invalid UTF-8 (byte ") + byte +
                                                 "); graph files must be UTF-8"};
    }
    pos += length;
  }
  return std::nullopt;
}

std::vector<Diagnostic> checkGraphLimits(const Graph& graph) {
  std::vector<Diagnostic> errors;
  if (graph.processes.size() > kMaxGraphNodes) {
    const Process& first = graph.processes[kMaxGraphNodes];
    errors.push_back({first.location, "more than " + std::to_string(kMaxGraphNodes) +
                                          " nodes (the limit); node '" + first.name +
                                          "' is number " + std::to_string(kMaxGraphNodes + 1)});
  }
  size_t edges = 0, iips = 0;
  for (const Connection& connection : graph.connections) {
    size_t& count = connection.isInitial() ? iips : edges;
    const size_t limit = connection.isInitial() ? kMaxGraphIips : kMaxGraphEdges;
    if (++count == limit + 1)
      errors.push_back({connection.location,
                        "more than " + std::to_string(limit) +
                            (connection.isInitial() ? " initial packets (IIPs)" : " connections") +
                            " (the limit)"});
    const size_t bytes = jsonBytes(connection.metadata);
    if (bytes > kMaxMetadataBytes)
      errors.push_back({connection.location,
                        metadataError("the connection to ", connection.tgt.process, bytes)});
  }
  for (const Process& process : graph.processes) {
    const size_t bytes = jsonBytes(process.metadata);
    if (bytes > kMaxMetadataBytes)
      errors.push_back({process.location, metadataError("node ", process.name, bytes)});
  }
  for (const std::vector<ExportedPort>* ports : {&graph.inports, &graph.outports})
    for (const ExportedPort& port : *ports) {
      const size_t bytes = jsonBytes(port.metadata);
      if (bytes > kMaxMetadataBytes)
        errors.push_back({port.location, metadataError("exported port ", port.name, bytes)});
    }
  for (const Group& group : graph.groups) {
    const size_t bytes = jsonBytes(group.metadata);
    if (bytes > kMaxMetadataBytes)
      errors.push_back({{}, metadataError("group ", group.name, bytes)});
  }
  const size_t bytes = jsonBytes(graph.properties);
  if (bytes > kMaxMetadataBytes)
    errors.push_back({{},
                      "the graph's properties are " + std::to_string(bytes) +
                          " bytes of JSON; the limit is " + std::to_string(kMaxMetadataBytes)});
  return errors;
}

}  // namespace emflow::graph
