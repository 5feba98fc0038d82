// The matching machinery of a PEG.js 0.9 parser, reproduced so that our grammars accept the
// same texts as the JavaScript reference and report errors at the same place with the same
// "Expected ... but ... found." wording: a position, the furthest failure and what was
// expected there, and a "silent" counter for named rules that report under their own name.
#ifndef EMFLOW_HOST_GRAPH_PEG_CURSOR_H
#define EMFLOW_HOST_GRAPH_PEG_CURSOR_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "host/graph/graph.h"

namespace emflow::graph {

class PegCursor {
 public:
  explicit PegCursor(std::string_view text) : text_(text) {}

  size_t position() const { return pos_; }
  bool atEnd() const { return pos_ >= text_.size(); }

  // The PEG.js-style syntax error for the furthest failure, located in the text.
  Diagnostic syntaxError() const;
  // Records "end of input" as expected at the current position (input left over).
  void expectEnd() { fail("end of input"); }

  // A hard error that ends parsing regardless of alternatives (e.g. nesting too deep).
  void abort(const std::string& message);
  bool aborted() const { return !abortMessage_.empty(); }
  Diagnostic abortError() const;

 protected:
  // Records that `description` was expected at the current position (PEG.js peg$fail).
  // Descriptions are string literals: only the pointer is kept, since a parse records one at
  // nearly every failed alternative and copying them was a tenth of the parser's time.
  void fail(const char* description);

  // Matches a literal; on failure records `description` (e.g. "\"->\"").
  bool literal(std::string_view text, const char* description);
  // Matches one ASCII byte for which `accepts` is true.
  template <typename Predicate>
  bool asciiClass(Predicate accepts, const char* description, std::string* out = nullptr) {
    if (pos_ < text_.size() && static_cast<unsigned char>(text_[pos_]) < 0x80 &&
        accepts(text_[pos_])) {
      if (out) *out += text_[pos_];
      ++pos_;
      return true;
    }
    fail(description);
    return false;
  }
  // Matches one character (a whole UTF-8 sequence) that `rejects` does not reject; used for
  // negated classes like [^'] that accept any character.
  template <typename Predicate>
  bool negatedClass(Predicate rejects, const char* description, std::string* out = nullptr) {
    if (pos_ < text_.size() && !rejects(pos_)) {
      size_t length = characterLength(pos_);
      if (out) out->append(text_.substr(pos_, length));
      pos_ += length;
      return true;
    }
    fail(description);
    return false;
  }
  size_t characterLength(size_t pos) const;

  std::string_view text_;
  size_t pos_ = 0;
  int silent_ = 0;

 private:
  size_t maxFailPos_ = 0;
  std::vector<const char*> expected_;
  std::string abortMessage_;
  size_t abortPos_ = 0;
};

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_PEG_CURSOR_H
