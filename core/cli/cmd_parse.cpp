// `emflow parse FILE`: a .fbp (or NoFlo JSON) graph as NoFlo JSON on stdout, byte for byte what
// `fbp FILE` prints.
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"
#include "graph_input.h"
#include "host/graph/graph_json.h"
#include "host/graph/graph_source.h"

namespace emflow::cli {
namespace {

int runParse(const std::vector<std::string>& args) {
  std::string path, text;
  graph::FbpParseOptions options;
  const int failed = readGraphFileArgs("parse", args, &path, &options, &text);
  if (failed >= 0) return failed;
  graph::GraphResult result = graph::readGraphText(text, graph::formatFromPath(path), options);
  if (!result.ok()) {
    for (const graph::Diagnostic& error : result.errors)
      std::fprintf(stderr, "%s:%s\n", path.c_str(), error.format().c_str());
    return 1;
  }
  std::string json = graph::writeJsonGraph(*result.graph);
  std::fwrite(json.data(), 1, json.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}

const CommandRegistration kRegistration({
    "parse",
    "parse FILE [--case-sensitive]",
    "print a .fbp or JSON graph as NoFlo JSON (as the npm fbp parser does)",
    "Reads FILE (.fbp text, or a NoFlo JSON graph when it ends in .json) and prints the graph\n"
    "as NoFlo JSON, formatted exactly like `fbp FILE` (JSON.stringify(graph, null, 2)).\n"
    "Port names are lower-cased unless --case-sensitive is given.\n"
    "Errors go to stderr as FILE:LINE:COLUMN: message, with exit status 1.",
    runParse,
});

}  // namespace
}  // namespace emflow::cli
