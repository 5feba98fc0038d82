// Runs the npm `fbp` parser (tests/fbp/reference-parse.mjs under Node) on .fbp files, for the
// differential tests.
#ifndef EMFLOW_TESTS_GRAPH_REFERENCE_FBP_H
#define EMFLOW_TESTS_GRAPH_REFERENCE_FBP_H

#include <optional>
#include <string>
#include <vector>

namespace emflow::graph::testing {

struct ReferenceResult {
  std::string file;
  bool ok = false;
  std::string text;   // JSON.stringify(graph, null, 2) when ok
  std::string error;  // fbp's message otherwise
  int line = 0;       // 0 when fbp gives no location (a graph-contents error)
  int column = 0;
};

// One Node process for all files; files named *.cs.fbp parse case-sensitively. Returns an
// empty optional (and sets `problem`) when Node or the fbp package cannot be run.
std::optional<std::vector<ReferenceResult>> runReferenceParser(
    const std::vector<std::string>& files, std::string* problem);

std::string readTextFile(const std::string& path);

}  // namespace emflow::graph::testing

#endif  // EMFLOW_TESTS_GRAPH_REFERENCE_FBP_H
