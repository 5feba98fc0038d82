// Readable packets in test failure messages: "bool(true)", "float(21.5)", "error(no sensor)".
#ifndef EMFLOW_TESTS_PACKET_TEXT_H
#define EMFLOW_TESTS_PACKET_TEXT_H

#include <cmath>
#include <ostream>
#include <string>

#include "runtime/packet.h"

namespace emflow {

inline std::string describe(const Packet& p) {
  switch (p.type) {
    case kPacketVoid:
      return "bang";
    case kPacketBool:
      return std::string("bool(") + (p.value.b ? "true" : "false") + ")";
    case kPacketByte:
      return "byte(" + std::to_string(p.value.byte) + ")";
    case kPacketInt:
      return "int(" + std::to_string(p.value.i) + ")";
    case kPacketFloat:
      return "float(" + std::to_string(p.value.f) + ")";
    case kPacketBracketOpen:
      return "[";
    case kPacketBracketClose:
      return "]";
    case kPacketError:
      return std::string("error(") + emflow_status_name(p.value.error) + ")";
    default:
      return "invalid(" + std::to_string(p.type) + ")";
  }
}

// Same type and value (floats within 1e-5 relative).
inline bool samePacket(const Packet& a, const Packet& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case kPacketBool:
      return a.value.b == b.value.b;
    case kPacketByte:
      return a.value.byte == b.value.byte;
    case kPacketInt:
      return a.value.i == b.value.i;
    case kPacketFloat:
      return std::fabs(a.value.f - b.value.f) <= 1e-5f * std::fmax(1.0f, std::fabs(b.value.f));
    case kPacketError:
      return a.value.error == b.value.error;
    default:
      return true;
  }
}

inline bool operator==(const Packet& a, const Packet& b) {
  return samePacket(a, b);
}
inline std::ostream& operator<<(std::ostream& os, const Packet& p) {
  return os << describe(p);
}

}  // namespace emflow

#endif  // EMFLOW_TESTS_PACKET_TEXT_H
