// `emflow parse FILE`: a .fbp (or NoFlo JSON) graph as NoFlo JSON on stdout, byte for byte what
// `fbp FILE` prints.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "command.h"
#include "host/graph/graph_json.h"
#include "host/graph/graph_source.h"

namespace emflow::cli {
namespace {

bool readFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

int runParse(const std::vector<std::string>& args) {
  std::string path;
  graph::FbpParseOptions options;
  for (const std::string& arg : args) {
    if (arg == "--case-sensitive") {
      options.caseSensitive = true;
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "emflow parse: unknown option '%s'\n", arg.c_str());
      return 2;
    } else if (path.empty()) {
      path = arg;
    } else {
      std::fprintf(stderr, "emflow parse: one FILE only\n");
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "emflow parse: missing FILE\n");
    return 2;
  }
  std::string text;
  if (!readFile(path, &text)) {
    std::fprintf(stderr, "emflow parse: cannot read %s\n", path.c_str());
    return 1;
  }
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

const CommandRegistration registration({
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
