// Source text helpers shared by the .fbp and JSON readers: making input valid UTF-8 the way
// a JavaScript tool sees it, and turning byte offsets into line:column positions.
#ifndef EMFLOW_HOST_GRAPH_SOURCE_TEXT_H
#define EMFLOW_HOST_GRAPH_SOURCE_TEXT_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "host/graph/graph.h"

namespace emflow::graph {

// Replaces every invalid UTF-8 sequence with U+FFFD exactly as a WHATWG/Node.js UTF-8 decoder
// does (maximal subparts), so byte garbage reads the same here as in `fbp` under Node.
std::string sanitizeUtf8(std::string_view bytes);

// Decodes the (valid) UTF-8 character at `pos`; returns its code point and sets `length`.
// Surrogate code points encoded as 3 bytes (WTF-8, from "\ud800" escapes) decode as such.
unsigned decodeUtf8At(std::string_view text, size_t pos, size_t* length);

// Appends a code point as UTF-8 (surrogates as 3-byte WTF-8, to keep lone "\uD800" escapes).
void appendUtf8(std::string& out, unsigned codePoint);

// Line breaks as PEG.js counts them: \n, \r, \r\n, U+2028, U+2029.
// Returns the byte length of the line break at `pos`, or 0.
size_t lineBreakAt(std::string_view text, size_t pos);

// Byte offset -> line:column, counting columns in UTF-16 code units like JavaScript does.
class TextLocator {
 public:
  explicit TextLocator(std::string_view text);
  SourceLocation locate(size_t offset) const;

 private:
  struct Checkpoint {
    size_t offset;
    int column;
  };
  std::string_view text_;
  std::vector<size_t> lineStarts_;  // byte offset at which each line starts
  // The column every few hundred bytes, so locating in a very long line stays cheap.
  std::vector<Checkpoint> checkpoints_;
};

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_SOURCE_TEXT_H
