#include "host/graph/graph_source.h"

#include "host/graph/graph_json.h"
#include "host/graph/graph_limits.h"

namespace emflow::graph {

GraphFormat formatFromPath(const std::string& path) {
  if (path.size() >= 5) {
    std::string extension = path.substr(path.size() - 5);
    for (char& c : extension)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (extension == ".json") return GraphFormat::kJson;
  }
  return GraphFormat::kFbp;
}

GraphResult readGraphText(std::string_view text, GraphFormat format,
                          const FbpParseOptions& options) {
  // parseFbp reads invalid UTF-8 as U+FFFD as `fbp` under Node.js does (for the browser
  // editor, whose text is valid anyway); a graph file with such bytes is refused instead.
  if (format == GraphFormat::kFbp) {
    if (std::optional<Diagnostic> bad = checkUtf8(text)) {
      GraphResult result;
      result.errors.push_back(*bad);
      return result;
    }
  }
  return format == GraphFormat::kJson ? readJsonGraph(text) : parseFbp(text, options);
}

}  // namespace emflow::graph
