// `emflow check FILE`: parses a .fbp or NoFlo JSON graph and validates it against the
// component library; prints "ok" or every problem as FILE:LINE:COLUMN: message.
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"
#include "graph_input.h"
#include "host/graph/catalog.h"
#include "host/graph/graph_source.h"
#include "host/graph/validator.h"

namespace emflow::cli {
namespace {

int runCheck(const std::vector<std::string>& args) {
  std::string path, text;
  graph::FbpParseOptions options;
  options.validateContents = false;  // the validator reports undefined nodes, with hints
  const int failed = readGraphFileArgs("check", args, &path, &options, &text);
  if (failed >= 0) return failed;
  graph::GraphResult result = graph::readGraphText(text, graph::formatFromPath(path), options);
  std::vector<graph::Diagnostic> errors = result.errors;
  if (result.ok()) errors = graph::validateGraph(*result.graph, graph::libraryCatalog());
  if (errors.empty()) {
    std::printf("ok\n");
    return 0;
  }
  for (const graph::Diagnostic& error : errors)
    std::fprintf(stderr, "%s:%s\n", path.c_str(), error.format().c_str());
  return 1;
}

const CommandRegistration kRegistration({
    "check",
    "check FILE [--case-sensitive]",
    "validate a .fbp or JSON graph against the component library",
    "Parses FILE (.fbp, or a NoFlo JSON graph when it ends in .json) and checks it against\n"
    "the component library: unknown components, nodes and ports (with the nearest name\n"
    "suggested), ports used in the wrong direction, IIPs sent to out-ports, connections made\n"
    "twice, array-port misuse and packet types that cannot flow between two ports.\n"
    "Prints \"ok\" (exit 0) or each problem as FILE:LINE:COLUMN: message (exit 1).",
    runCheck,
});

}  // namespace
}  // namespace emflow::cli
