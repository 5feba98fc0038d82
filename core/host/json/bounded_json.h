// The one JSON parse entry point for host code that reads JSON from outside (protocol
// messages, persisted state, IIP strings, Embind options): nesting depth and size are bounded,
// objects are built in linear time, and a problem is a located error instead of an exception.
//
// Why not Json::parse: nlohmann's ordered_json keeps object members in a vector and looks each
// new key up linearly (150k keys → ~10^10 comparisons), and the values it builds are destroyed
// and dumped recursively, so a document nested 100k deep overflows the stack later. The
// parse itself (nlohmann's SAX parser) is iterative; this handler adds the limits.
//
//   Json value;
//   JsonError error;
//   if (!json::parseBounded(text, json::JsonLimits{}, &value, &error)) report(error.format());
#ifndef EMFLOW_HOST_JSON_BOUNDED_JSON_H
#define EMFLOW_HOST_JSON_BOUNDED_JSON_H

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace emflow::json {

using Json = nlohmann::ordered_json;

// Graphs, IIPs and protocol messages are shallow (a message with node metadata is ~4 deep);
// 64 leaves room for any real metadata and keeps recursive dump/destroy far from the stack.
constexpr size_t kMaxDepth = 64;
// Default byte cap: the same as the Node runtime's WebSocket message limit.
constexpr size_t kMaxBytes = 4u << 20;

struct JsonLimits {
  size_t maxBytes = kMaxBytes;
  size_t maxDepth = kMaxDepth;  // containers inside one another; 0 = scalars only
};

struct JsonError {
  size_t offset = 0;  // byte offset (0-based) where the problem was found
  std::string message;
  bool overLimit = false;  // valid JSON (as far as read) refused for its size or depth
  // "at byte 12: ..." — what callers put in their error replies.
  std::string format() const;
};

// Parses exactly one JSON document (RFC 8259, no comments, trailing whitespace allowed).
// Duplicate keys: the last value wins and the key keeps its first position (as Json::parse).
// On failure returns false, leaves *out null and fills *error.
bool parseBounded(std::string_view text, const JsonLimits& limits, Json* out, JsonError* error);

}  // namespace emflow::json

#endif  // EMFLOW_HOST_JSON_BOUNDED_JSON_H
