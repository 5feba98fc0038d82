// Writes a graph as .fbp text that parses back (with the graph's caseSensitive setting) to the
// same NoFlo JSON graph: properties as annotations, one declaration line per node in order,
// exports, then one line per connection or IIP in order.
#ifndef EMFLOW_HOST_GRAPH_FBP_WRITER_H
#define EMFLOW_HOST_GRAPH_FBP_WRITER_H

#include <string>
#include <vector>

#include "host/graph/graph.h"

namespace emflow::graph {

struct FbpText {
  std::string text;
  // What .fbp cannot express and was left out or changed (groups, connection metadata,
  // names the grammar does not allow, ...). Empty when the text is a faithful copy.
  std::vector<std::string> lost;
  // The nodes among them that were left out entirely (their names cannot be written in
  // .fbp): the text is then a different graph, and `emflow format` refuses to print it.
  std::vector<std::string> droppedNodes;
};

FbpText writeFbp(const Graph& graph);

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_FBP_WRITER_H
