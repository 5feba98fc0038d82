// Conversions between protocol JSON values and device packets.
//
// JSON → Packet follows the target port's declared type: "int" takes integers (and integral
// numbers/numeric strings), "number" any number, "boolean" true/false (and "true"/"false"),
// "bang" anything (a void packet). Ports of type "all" keep the value's own type: integers
// become int packets, other numbers float, booleans bool, null a bang.
//
// Text has no device packet type (a board has no room for strings). So that standard FBP
// clients can still route text through generic components (fbp-test sends "Hello, world!"
// through core/Repeat), the host interns a text value to a *symbol*: an int packet whose value
// lies in a reserved range (kSymbolBase + index). Symbols are a host convenience for
// pass-through components only; a component that computes with ints sees a large negative
// number. Packet → JSON turns such values back into the text.
#ifndef EMFLOW_HOST_PROTOCOL_PACKET_JSON_H
#define EMFLOW_HOST_PROTOCOL_PACKET_JSON_H

#include <cstdint>
#include <string>
#include <vector>

#include "host/protocol/message.h"
#include "runtime/packet.h"

namespace emflow::protocol {

constexpr int32_t kSymbolBase = INT32_MIN + 1;  // INT32_MIN itself stays a plain int
constexpr int32_t kMaxSymbols = 4096;

class SymbolTable {
 public:
  // The packet value for `text` (the same text always gives the same value); false when full.
  bool intern(const std::string& text, int32_t* value);
  // The text of a symbol value, or nullptr when `value` is not a symbol.
  const std::string* lookup(int32_t value) const;

 private:
  std::vector<std::string> texts_;
};

// Converts an IIP to the packets that carry it (one packet, or a bracketed sequence for a JSON
// array of numbers: BracketOpen, items, BracketClose). Returns an error message or "".
std::string jsonToPackets(const Json& value, const std::string& portType, SymbolTable& symbols,
                          std::vector<Packet>* packets);

// The JSON form of a packet in network:data events: numbers, booleans, null for a bang,
// "[" / "]" for brackets, {"error": "queue full"} for an error packet, text for a symbol.
Json packetToJson(const Packet& packet, const SymbolTable& symbols);

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_PACKET_JSON_H
