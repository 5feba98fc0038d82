// The character classes of the .fbp grammar (fbp.peg), shared by the parser, which accepts
// them, and the writer, which must only write what the parser reads back.
#ifndef EMFLOW_HOST_GRAPH_FBP_CHARS_H
#define EMFLOW_HOST_GRAPH_FBP_CHARS_H

namespace emflow::graph::fbp_chars {

// ASCII only: the grammar's [a-zA-Z] and [0-9], whatever the C locale says.
inline bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
inline bool isAlnum(char c) {
  return isAlpha(c) || isDigit(c);
}

// node = [a-zA-Z_] [a-zA-Z0-9_\-]*
inline bool isNodeNameStart(char c) {
  return isAlpha(c) || c == '_';
}
inline bool isNodeNameChar(char c) {
  return isAlnum(c) || c == '_' || c == '-';
}
// component = [a-zA-Z/\-0-9_]+
inline bool isComponentChar(char c) {
  return isAlnum(c) || c == '/' || c == '-' || c == '_';
}
// port = [a-zA-Z_] [a-zA-Z.0-9_]*
inline bool isPortNameStart(char c) {
  return isAlpha(c) || c == '_';
}
inline bool isPortNameChar(char c) {
  return isAlnum(c) || c == '.' || c == '_';
}
// annotation = "#" "@" [a-zA-Z0-9\-_]+ [a-zA-Z0-9\-_ \.]+
inline bool isAnnotationKeyChar(char c) {
  return isAlnum(c) || c == '-' || c == '_';
}
inline bool isAnnotationValueChar(char c) {
  return isAnnotationKeyChar(c) || c == ' ' || c == '.';
}

}  // namespace emflow::graph::fbp_chars

#endif  // EMFLOW_HOST_GRAPH_FBP_CHARS_H
