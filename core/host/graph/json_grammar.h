// JSON as the `fbp` grammar reads it (RFC 7159 via PEG.js): used for JSON-looking IIPs inside
// .fbp text and for whole NoFlo JSON graph files. Numbers become doubles (JavaScript numbers),
// "\uD83D\uDE00" pairs combine, lone surrogate escapes are kept (as WTF-8), duplicate keys
// keep their first position and last value, as JSON.parse does.
#ifndef EMFLOW_HOST_GRAPH_JSON_GRAMMAR_H
#define EMFLOW_HOST_GRAPH_JSON_GRAMMAR_H

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "host/graph/graph.h"
#include "host/graph/peg_cursor.h"

namespace emflow::graph {

// Where each value of a parsed JSON document starts (byte offset), mirroring its shape.
struct JsonLocations {
  size_t offset = 0;
  std::vector<JsonLocations> items;                            // array elements
  std::vector<std::pair<std::string, JsonLocations>> members;  // object members, in order
  // Name -> index of its last entry in `members`, for objects with many members (a graph's
  // "processes" may have 100k): a linear search per lookup would make reading quadratic.
  std::unordered_map<std::string, size_t> memberIndex;
  const JsonLocations* member(const std::string& name) const;  // the last one of that name
  const JsonLocations* item(size_t index) const;
};

// Nesting deeper than this is refused with an error rather than risking the stack.
constexpr int kMaxJsonDepth = 200;

class JsonGrammar : public PegCursor {
 public:
  using PegCursor::PegCursor;

  // JSON_text = ws value ws. `locations` may be null.
  bool jsonText(Json& out, JsonLocations* locations);

 protected:
  void ws();
  bool value(Json& out, JsonLocations* locations, int depth);
  bool object(Json& out, JsonLocations* locations, int depth);
  bool array(Json& out, JsonLocations* locations, int depth);
  bool member(std::string& name, Json& out, JsonLocations* locations, int depth);
  bool number(Json& out);
  bool string(std::string& out);
  bool character(std::string& out);
  bool structural(char c, const char* description);  // ws c ws
};

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_JSON_GRAMMAR_H
