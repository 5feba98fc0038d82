// `emflow format FILE [--to fbp|json]`: converts between .fbp text and NoFlo JSON graphs, or
// rewrites a file in its own format in a canonical layout.
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"
#include "graph_input.h"
#include "options.h"
#include "host/graph/fbp_writer.h"
#include "host/graph/graph_json.h"
#include "host/graph/graph_source.h"

namespace emflow::cli {
namespace {

int usageError(const char* message) {
  std::fprintf(stderr, "emflow format: %s\n", message);
  return 2;
}

int runFormat(const std::vector<std::string>& args) {
  std::string path, to;
  graph::FbpParseOptions options;
  ArgCursor cursor(args);
  std::string why;
  while (cursor.next()) {
    const std::string& arg = cursor.arg();
    if (arg == "--case-sensitive") {
      options.caseSensitive = true;
    } else if (arg == "--to") {
      if (!cursor.value(&to, &why) || (to != "fbp" && to != "json"))
        return usageError("--to needs fbp or json");
    } else if (cursor.isOption()) {
      return usageError(("unknown option " + arg).c_str());
    } else if (path.empty()) {
      path = arg;
    } else {
      return usageError("one FILE only");
    }
  }
  if (!cursor.error().empty()) return usageError(cursor.error().c_str());
  if (path.empty()) return usageError("missing FILE");
  std::string text, error;
  if (!readFileText(path, &text, &error)) {
    std::fprintf(stderr, "emflow format: %s\n", error.c_str());
    return 1;
  }
  graph::GraphFormat from = graph::formatFromPath(path);
  if (to.empty()) to = from == graph::GraphFormat::kJson ? "json" : "fbp";
  graph::GraphResult result = graph::readGraphText(text, from, options);
  if (!result.ok()) {
    for (const graph::Diagnostic& error : result.errors)
      std::fprintf(stderr, "%s:%s\n", path.c_str(), error.format().c_str());
    return 1;
  }
  if (to == "json") {
    std::printf("%s\n", graph::writeJsonGraph(*result.graph).c_str());
    return 0;
  }
  graph::FbpText fbp = graph::writeFbp(*result.graph);
  if (!fbp.droppedNodes.empty()) {
    // Leaving nodes out changes what the graph does: print nothing rather than a wrong graph.
    std::string names;
    for (const std::string& name : fbp.droppedNodes)
      names += (names.empty() ? "'" : ", '") + name + "'";
    std::fprintf(stderr,
                 "emflow format: %s: %zu node(s) have names .fbp cannot express: %s; rename them "
                 "(a letter or _, then letters, digits, _ or -) or keep the graph as JSON\n",
                 path.c_str(), fbp.droppedNodes.size(), names.c_str());
    return 1;
  }
  std::fwrite(fbp.text.data(), 1, fbp.text.size(), stdout);
  for (const std::string& lost : fbp.lost)
    std::fprintf(stderr, "emflow format: warning: .fbp cannot express %s; left out\n",
                 lost.c_str());
  if (result.graph->caseSensitive)
    std::fprintf(stderr, "emflow format: note: parse the output with --case-sensitive\n");
  return 0;
}

const CommandRegistration kRegistration({
    "format",
    "format FILE [--to fbp|json] [--case-sensitive]",
    "convert a graph between .fbp and NoFlo JSON (or rewrite it canonically)",
    "Reads FILE (.fbp, or a NoFlo JSON graph when it ends in .json) and writes it to stdout\n"
    "as .fbp (--to fbp) or NoFlo JSON (--to json); by default in its own format. The .fbp\n"
    "output parses back to the same graph; what .fbp cannot express (groups, connection\n"
    "metadata, ...) is reported on stderr as a warning. Nodes whose names .fbp cannot express\n"
    "are an error (exit 1, nothing printed): leaving them out would change the graph.",
    runFormat,
});

}  // namespace
}  // namespace emflow::cli
