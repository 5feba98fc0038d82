// libFuzzer target for the FBP protocol runtime's C++ `handle` (what every WebSocket message
// and worker message reaches). Input: lines of text, each one message (so sequences build
// graphs, start networks, persist). Checks: nothing throws or crashes, every reply is a
// message object, the virtual clock runs after each message, and a persisted snapshot
// restores in a fresh runtime without the secret.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "host/protocol/runtime.h"

using namespace emflow::protocol;

namespace {

void checkReplies(const std::vector<Json>& replies) {
  for (const Json& reply : replies) {
    if (!reply.is_object() || !reply.contains("protocol") || !reply.contains("command") ||
        !reply["protocol"].is_string() || !reply["command"].is_string()) {
      std::abort();
    }
    reply.dump();  // what the transport does with it
  }
}

const ComponentCatalog& catalog() {
  static const ComponentCatalog library = ComponentCatalog::fromLibrary();
  return library;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  RuntimeOptions options;
  // Odd first byte: a secret the seeds carry ("s"), so the fuzzer also sees refusals.
  if (size > 0 && (data[0] & 1)) options.secret = "s";
  ProtocolRuntime runtime(options, catalog());
  std::string snapshot;
  runtime.setPersistHandler([&](const std::string& text) {
    snapshot = text;
    return std::string();
  });
  const std::string input(reinterpret_cast<const char*>(data), size);
  size_t start = size > 0 ? 1 : 0;
  while (start < input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string::npos) end = input.size();
    checkReplies(runtime.handle(input.substr(start, end - start)));
    checkReplies(runtime.advance(250));
    start = end + 1;
  }
  if (!snapshot.empty()) {
    ProtocolRuntime restored(options, catalog());
    checkReplies(restored.restore(Json::parse(snapshot)));
  }
  return 0;
}
