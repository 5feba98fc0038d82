#include "cpp_names.h"

#include "host/cpp_keywords.h"

#include <cstdio>

namespace emflow::exporter {

namespace {

bool isAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Besides C++'s own words, names an Arduino sketch already defines or that C++ gives a
// special meaning in some places.
bool isKeyword(const std::string& word) {
  return isCppKeyword(word) || word == "final" || word == "override" || word == "main" ||
         word == "setup" || word == "loop";
}

}  // namespace

std::string cppIdentifier(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (isAsciiAlnum(c)) {
      out += ch;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) return "unnamed";
  if (out[0] >= '0' && out[0] <= '9') out = "n" + out;
  if (isKeyword(out)) out += '_';
  return out;
}

std::string UniqueIdentifiers::make(const std::string& text) {
  const std::string base = cppIdentifier(text);
  std::string name = base;
  for (int n = 2; used_.count(name); ++n) name = base + "_" + std::to_string(n);
  used_.insert(name);
  return name;
}

std::string cppStringLiteral(const std::string& text) {
  std::string out = "\"";
  char octal[8];
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
      out += ch;
    } else {
      std::snprintf(octal, sizeof octal, "\\%03o", c);
      out += octal;
    }
  }
  return out + "\"";
}

std::string cppCommentText(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    out += (c >= 0x20 && c < 0x7F && c != '\\' && c != '?') ? ch : '_';
  }
  return out;
}

bool isReservedSketchName(const std::string& name) {
  std::string upper;
  for (char ch : name) upper += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  if (upper == "CON" || upper == "PRN" || upper == "AUX" || upper == "NUL") return true;
  return upper.size() == 4 &&
         (upper.compare(0, 3, "COM") == 0 || upper.compare(0, 3, "LPT") == 0) && upper[3] >= '1' &&
         upper[3] <= '9';
}

std::string sketchName(const std::string& text, std::string* note) {
  std::string name = cppIdentifier(text);
  if (name[0] == 'n' && name.size() > 1 && name[1] >= '0' && name[1] <= '9')
    name = "sketch_" + name;
  if (name.size() > 63) name.resize(63);
  if (isReservedSketchName(name)) {
    const std::string renamed = name + "_sketch";
    if (note)
      *note = "sketch name '" + name + "' is reserved on Windows (CON, PRN, AUX, NUL, COM1-9, " +
              "LPT1-9): exported as '" + renamed + "'";
    name = renamed;
  }
  return name;
}

}  // namespace emflow::exporter
