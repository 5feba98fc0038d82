// libFuzzer target for the .fbp parser. Besides "no crash, no hang", it checks the properties
// the rest of emflow relies on: an accepted graph prints as JSON that reads back to the same
// graph, its .fbp serialization parses back to the same graph, and validation never fails.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "host/graph/catalog.h"
#include "host/graph/fbp_parser.h"
#include "host/graph/fbp_writer.h"
#include "host/graph/graph_json.h"
#include "host/graph/validator.h"

using namespace emflow::graph;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (bool caseSensitive : {false, true}) {
    FbpParseOptions options;
    options.caseSensitive = caseSensitive;
    GraphResult result = parseFbp(text, options);
    if (!result.ok()) {
      if (result.errors.empty() || !result.errors[0].location.known()) std::abort();
      continue;
    }
    const Graph& graph = *result.graph;
    std::string json = writeJsonGraph(graph);
    validateGraph(graph, libraryCatalog());

    FbpText fbp = writeFbp(graph);
    if (fbp.lost.empty()) {
      GraphResult again = parseFbp(fbp.text, options);
      if (!again.ok() || writeJsonGraph(*again.graph) != json) std::abort();  // round trip broke
    }
    // JSON keeps everything except lone surrogates, which strict JSON readers refuse too.
    GraphResult fromJson = readJsonGraph(json);
    if (fromJson.ok() && writeJsonGraph(*fromJson.graph) != json) std::abort();
  }
  return 0;
}
