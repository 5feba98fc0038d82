// libFuzzer target for IIP conversion (host/firmware/iip_packets) and the bounded JSON parser
// it uses for IIP strings. Input: one byte choosing the port type, then the IIP text.
// Checks: conversion never crashes and every refusal says why; the bounded parser agrees
// with Json::parse on every document within its limits (same value, same member order) and
// refuses only what Json::parse refuses or what is over a limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "host/firmware/iip_packets.h"
#include "host/json/bounded_json.h"

using namespace emflow;

namespace {

const char* const kPortTypes[] = {"int", "number", "boolean", "bang", "array", "all", "string"};

void convert(const graph::Json& data, const std::string& type) {
  std::vector<Packet> packets;
  std::string error;
  if (!firmware::iipToPackets(data, type, &packets, &error) && error.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string type = kPortTypes[data[0] % (sizeof(kPortTypes) / sizeof(kPortTypes[0]))];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  convert(graph::Json(text), type);  // an IIP from .fbp: always a string

  json::Json value;
  json::JsonError error;
  json::JsonLimits limits;
  limits.maxDepth = 16;  // small, so the fuzzer reaches the limit often
  if (json::parseBounded(text, limits, &value, &error)) {
    const json::Json reference = json::Json::parse(text, nullptr, false);
    if (reference.is_discarded() || reference.dump() != value.dump()) std::abort();
    convert(value, type);  // an IIP from a JSON graph: any JSON value
  } else {
    if (error.message.empty() || error.offset > text.size()) std::abort();
    // Json::parse builds iteratively; only its result's destructor recurses, and a refused
    // text that is not over a limit is one Json::parse refuses as well.
    if (!error.overLimit && !json::Json::parse(text, nullptr, false).is_discarded()) std::abort();
  }
  return 0;
}
