// FBP protocol messages as JSON, the replies a handler collects, and checked access to a
// payload's fields so that every malformed message becomes a protocol `error`, never a crash.
#ifndef EMFLOW_HOST_PROTOCOL_MESSAGE_H
#define EMFLOW_HOST_PROTOCOL_MESSAGE_H

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace emflow::protocol {

// Ordered so that replies read in the order fields were written (and as the spec shows them).
using Json = nlohmann::ordered_json;

Json makeMessage(const std::string& protocol, const std::string& command, Json payload);

// The messages a handler sends back, in order.
class Outbox {
 public:
  void send(const std::string& protocol, const std::string& command, Json payload) {
    messages_.push_back(makeMessage(protocol, command, std::move(payload)));
  }
  // `{protocol, command: "error", payload: {message}}` (network errors also carry `graph`).
  void error(const std::string& protocol, const std::string& message);
  std::vector<Json>& messages() { return messages_; }

 private:
  std::vector<Json> messages_;
};

// Thrown by Payload accessors; the dispatcher turns it into an `error` reply. Never escapes
// the protocol layer.
struct PayloadError {
  std::string message;
};

// Read access to a payload object with type checks. Messages name the command and field:
// "graph:addnode: payload.id must be a non-empty string".
class Payload {
 public:
  Payload(const Json& payload, std::string where) : payload_(payload), where_(std::move(where)) {}

  bool has(const char* key) const;
  std::string string(const char* key) const;  // required, non-empty
  std::optional<std::string> optionalString(const char* key) const;
  bool boolean(const char* key, bool fallback) const;
  const Json& object(const char* key) const;  // required object
  Json objectOr(const char* key, Json fallback) const;
  const Json& array(const char* key) const;  // required array
  const Json& value(const char* key) const;  // required, any type (may be null)
  [[noreturn]] void fail(const std::string& message) const;
  const std::string& where() const { return where_; }
  const Json& raw() const { return payload_; }

 private:
  const Json& payload_;
  std::string where_;
};

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_MESSAGE_H
