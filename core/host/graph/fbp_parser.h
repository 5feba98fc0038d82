// The .fbp language parser: the full grammar of the npm `fbp` 1.8 parser (its
// grammar/fbp.peg), producing the same NoFlo graph (same names for anonymous nodes, same
// ordering, same lower-casing of ports) and rejecting the same texts. See docs/fbp.md.
#ifndef EMFLOW_HOST_GRAPH_FBP_PARSER_H
#define EMFLOW_HOST_GRAPH_FBP_PARSER_H

#include <string_view>

#include "host/graph/graph.h"

namespace emflow::graph {

struct FbpParseOptions {
  // `fbp`'s caseSensitive option: when false (the default) port names are lower-cased.
  bool caseSensitive = false;
  // `fbp`'s validateContents option: when true (the default) a graph that refers to nodes
  // without a component or to undefined nodes is rejected, as `fbp` does. `emflow check`
  // turns it off and lets the validator report those with suggestions.
  bool validateContents = true;
};

// Parses .fbp text (any bytes: invalid UTF-8 reads as U+FFFD, as in Node.js). On failure the
// errors carry line:column: one syntax error, or every reference to an undefined node.
GraphResult parseFbp(std::string_view source, const FbpParseOptions& options = {});

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_FBP_PARSER_H
