// Names and strings from a graph (node names, IIP text, graph names) turned into C++ that
// cannot be anything but what it looks like: identifiers, string literals and comment text.
// A hostile graph (quotes, newlines, `*/`, backslashes, non-ASCII, keywords, Arduino macro
// names, duplicates) yields source that compiles and means exactly the graph, never code.
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_CPP_NAMES_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_CPP_NAMES_H

#include <set>
#include <string>

namespace emflow::exporter {

// A valid C++ identifier from any text: ASCII letters and digits are kept, every other byte
// becomes '_' (runs collapsed, none leading or trailing, so never a reserved `__x`/`_X`);
// an empty result becomes "unnamed", a leading digit gets "n", a keyword gets a '_' suffix.
// Callers that place names next to Arduino macros (HIGH, B1, A0, ...) add a prefix.
std::string cppIdentifier(const std::string& text);

// Hands out identifiers that are unique within one scope: the second "a" becomes "a_2".
class UniqueIdentifiers {
 public:
  std::string make(const std::string& text);

 private:
  std::set<std::string> used_;
};

// A double-quoted C++ string literal with the same bytes as `text`: printable ASCII except
// '"', '\\' and '?' (trigraphs) as is, everything else as a three-digit octal escape.
std::string cppStringLiteral(const std::string& text);

// Text safe inside a `//` comment: one line, printable ASCII, no backslash (a trailing one
// would continue the comment onto the next line of code) and no '?' (the `??/` trigraph).
std::string cppCommentText(const std::string& text);

// A sketch (folder and .ino) name the Arduino IDE accepts: letters, digits and '_', starting
// with a letter, at most 63 characters. Names Windows reserves for devices (CON, PRN, AUX, NUL,
// COM1-COM9, LPT1-LPT9, any case: `con/con.ino` cannot be extracted there, and the sketch
// specification forbids them) get a "_sketch" suffix, and `note` (if given) says so.
std::string sketchName(const std::string& text, std::string* note = nullptr);

// True for the names above that Windows reserves (compared without regard to case).
bool isReservedSketchName(const std::string& name);

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_CPP_NAMES_H
