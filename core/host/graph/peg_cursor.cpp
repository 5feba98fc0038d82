#include "host/graph/peg_cursor.h"

#include <algorithm>
#include <cstdio>

#include "host/graph/source_text.h"

namespace emflow::graph {

namespace {

// PEG.js's stringEscape for the "found" character: JavaScript-style escapes, upper-case hex.
std::string describeFound(unsigned unit) {
  char buffer[16];
  switch (unit) {
    case '\\':
      return "\"\\\\\"";
    case '"':
      return "\"\\\"\"";
    case '\b':
      return "\"\\b\"";
    case '\t':
      return "\"\\t\"";
    case '\n':
      return "\"\\n\"";
    case '\f':
      return "\"\\f\"";
    case '\r':
      return "\"\\r\"";
    default:
      break;
  }
  if (unit <= 0x0F)
    std::snprintf(buffer, sizeof buffer, "\\x0%X", unit);
  else if (unit <= 0x1F || (unit >= 0x80 && unit <= 0xFF))
    std::snprintf(buffer, sizeof buffer, "\\x%X", unit);
  else if (unit >= 0x100 && unit <= 0xFFF)
    std::snprintf(buffer, sizeof buffer, "\\u0%X", unit);
  else if (unit >= 0x1000)
    std::snprintf(buffer, sizeof buffer, "\\u%X", unit);
  else
    std::snprintf(buffer, sizeof buffer, "%c", static_cast<char>(unit));
  return std::string("\"") + buffer + "\"";
}

}  // namespace

void PegCursor::fail(const char* description) {
  if (silent_ > 0 || pos_ < maxFailPos_) return;
  if (pos_ > maxFailPos_) {
    maxFailPos_ = pos_;
    expected_.clear();
  }
  expected_.push_back(description);
}

bool PegCursor::literal(std::string_view literalText, const char* description) {
  if (text_.substr(pos_, literalText.size()) == literalText) {
    pos_ += literalText.size();
    return true;
  }
  fail(description);
  return false;
}

size_t PegCursor::characterLength(size_t pos) const {
  size_t length = 1;
  decodeUtf8At(text_, pos, &length);
  return length;
}

void PegCursor::abort(const std::string& message) {
  if (!aborted()) {
    abortMessage_ = message;
    abortPos_ = pos_;
  }
}

Diagnostic PegCursor::abortError() const {
  return Diagnostic{TextLocator(text_).locate(abortPos_), abortMessage_};
}

Diagnostic PegCursor::syntaxError() const {
  std::vector<std::string> expected(expected_.begin(), expected_.end());
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  std::string list;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (i > 0) list += i + 1 == expected.size() ? " or " : ", ";
    list += expected[i];
  }
  std::string found = "end of input";
  if (maxFailPos_ < text_.size()) {
    size_t length = 1;
    unsigned cp = decodeUtf8At(text_, maxFailPos_, &length);
    // JavaScript's charAt gives the first UTF-16 unit of a character outside the BMP.
    unsigned unit = cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp;
    found = describeFound(unit);
  }
  return Diagnostic{TextLocator(text_).locate(maxFailPos_),
                    "Expected " + list + " but " + found + " found."};
}

}  // namespace emflow::graph
