// `emflow check FILE`: parses a .fbp or NoFlo JSON graph and validates it against the
// component library; prints every problem as FILE:LINE:COLUMN: message, then "ok" when none
// is an error (warnings do not fail the check).
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
  // Warnings (an out-port left open) are printed but do not fail the check.
  for (const graph::Diagnostic& error : errors)
    std::fprintf(stderr, "%s:%s\n", path.c_str(), error.format().c_str());
  if (graph::hasErrors(errors)) return 1;
  std::printf("ok\n");
  return 0;
}

const CommandRegistration kRegistration({
    "check",
    "check FILE [--case-sensitive]",
    "validate a .fbp or JSON graph against the component library",
    "Parses FILE (.fbp, or a NoFlo JSON graph when it ends in .json) and checks it against\n"
    "the component library: unknown components, nodes and ports (with the nearest name\n"
    "suggested), ports used in the wrong direction, IIPs sent to out-ports, connections made\n"
    "twice, array-port misuse, packet types that cannot flow between two ports and required\n"
    "in-ports (PIN, ADDRESS, MODEL) with neither an initial value nor an edge. Out-ports left\n"
    "unconnected are warnings (FILE:LINE:COLUMN: warning: message) that do not fail the check.\n"
    "Prints each problem as FILE:LINE:COLUMN: message, then \"ok\" (exit 0) when none is an\n"
    "error, exit 1 otherwise.",
    runCheck,
});

}  // namespace
}  // namespace emflow::cli
