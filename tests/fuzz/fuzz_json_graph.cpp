// libFuzzer target for the NoFlo JSON graph reader: malformed input must give located errors
// (never a crash or hang), and an accepted graph must write back to JSON that reads the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "host/graph/catalog.h"
#include "host/graph/fbp_writer.h"
#include "host/graph/graph_json.h"
#include "host/graph/validator.h"

using namespace emflow::graph;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  GraphResult result = readJsonGraph(text);
  if (!result.ok()) {
    if (result.errors.empty()) std::abort();
    return 0;
  }
  std::string json = writeJsonGraph(*result.graph);
  GraphResult again = readJsonGraph(json);
  if (!again.ok() || writeJsonGraph(*again.graph) != json) std::abort();
  validateGraph(*result.graph, libraryCatalog());
  writeFbp(*result.graph);
  return 0;
}
