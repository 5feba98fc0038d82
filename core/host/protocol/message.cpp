#include "host/protocol/message.h"

namespace emflow::protocol {

Json makeMessage(const std::string& protocol, const std::string& command, Json payload) {
  Json message = Json::object();
  message["protocol"] = protocol;
  message["command"] = command;
  message["payload"] = std::move(payload);
  return message;
}

void Outbox::error(const std::string& protocol, const std::string& message) {
  Json payload = Json::object();
  payload["message"] = message;
  send(protocol, "error", std::move(payload));
}

bool Payload::has(const char* key) const {
  return payload_.is_object() && payload_.contains(key) && !payload_.at(key).is_null();
}

void Payload::fail(const std::string& message) const {
  throw PayloadError{where_ + ": " + message};
}

std::string Payload::string(const char* key) const {
  if (!has(key) || !payload_.at(key).is_string() || payload_.at(key).get<std::string>().empty()) {
    fail(std::string("payload.") + key + " must be a non-empty string");
  }
  return payload_.at(key).get<std::string>();
}

std::optional<std::string> Payload::optionalString(const char* key) const {
  if (!has(key)) return std::nullopt;
  if (!payload_.at(key).is_string()) fail(std::string("payload.") + key + " must be a string");
  return payload_.at(key).get<std::string>();
}

bool Payload::boolean(const char* key, bool fallback) const {
  if (!has(key)) return fallback;
  if (!payload_.at(key).is_boolean()) fail(std::string("payload.") + key + " must be a boolean");
  return payload_.at(key).get<bool>();
}

const Json& Payload::object(const char* key) const {
  if (!has(key) || !payload_.at(key).is_object()) {
    fail(std::string("payload.") + key + " must be an object");
  }
  return payload_.at(key);
}

Json Payload::objectOr(const char* key, Json fallback) const {
  if (!has(key)) return fallback;
  if (!payload_.at(key).is_object()) fail(std::string("payload.") + key + " must be an object");
  return payload_.at(key);
}

const Json& Payload::array(const char* key) const {
  if (!has(key) || !payload_.at(key).is_array()) {
    fail(std::string("payload.") + key + " must be an array");
  }
  return payload_.at(key);
}

const Json& Payload::value(const char* key) const {
  if (!payload_.is_object() || !payload_.contains(key)) {
    fail(std::string("payload.") + key + " is missing");
  }
  return payload_.at(key);
}

}  // namespace emflow::protocol
