#include "host/graph/graph_source.h"

#include "host/graph/graph_json.h"

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
  return format == GraphFormat::kJson ? readJsonGraph(text) : parseFbp(text, options);
}

}  // namespace emflow::graph
