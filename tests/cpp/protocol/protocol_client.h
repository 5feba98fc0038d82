// A tiny in-process protocol client for the tests: sends one message, returns the replies.
#ifndef EMFLOW_TESTS_PROTOCOL_CLIENT_H
#define EMFLOW_TESTS_PROTOCOL_CLIENT_H

#include <string>
#include <vector>

#include "host/protocol/runtime.h"

namespace emflow::protocol::testing {

class ProtocolClient {
 public:
  explicit ProtocolClient(RuntimeOptions options = RuntimeOptions()) : runtime_(options) {}

  std::vector<Json> send(const std::string& protocol, const std::string& command,
                         Json payload = Json::object()) {
    return runtime_.handle(makeMessage(protocol, command, std::move(payload)));
  }

  // Sends and returns the only reply with `command` (fails the test if not exactly one).
  static const Json* find(const std::vector<Json>& replies, const std::string& command) {
    for (const Json& reply : replies) {
      if (reply["command"] == command) return &reply;
    }
    return nullptr;
  }

  static std::vector<Json> all(const std::vector<Json>& replies, const std::string& command) {
    std::vector<Json> out;
    for (const Json& reply : replies) {
      if (reply["command"] == command) out.push_back(reply);
    }
    return out;
  }

  ProtocolRuntime& runtime() { return runtime_; }

 private:
  ProtocolRuntime runtime_;
};

}  // namespace emflow::protocol::testing

#endif  // EMFLOW_TESTS_PROTOCOL_CLIENT_H
