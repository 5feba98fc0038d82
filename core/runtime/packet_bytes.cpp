#include "packet_bytes.h"

namespace emflow {

int8_t emflow_packet_payload_size(uint8_t type) {
  switch (type) {
    case kPacketVoid:
    case kPacketBracketOpen:
    case kPacketBracketClose:
      return 0;
    case kPacketBool:
    case kPacketByte:
    case kPacketError:
      return 1;
    case kPacketInt:
    case kPacketFloat:
      return 4;
    default:
      return -1;
  }
}

// Both directions move the payload through the 32-bit member: packet.h's factories rely on the
// same little-endian union (one store sets bool, byte, Status, int and the float's bits), and
// one path for every type is what keeps this small on a board.

uint8_t emflow_write_packet(const Packet& packet, uint8_t* out) {
  const int8_t size = emflow_packet_payload_size(packet.type);
  if (size < 0) return 0;
  out[0] = packet.type;
  uint32_t bits = static_cast<uint32_t>(packet.value.i);
  if (packet.type == kPacketBool) bits = packet.value.b ? 1 : 0;
  for (int8_t i = 0; i < size; ++i) out[1 + i] = static_cast<uint8_t>(bits >> (8 * i));
  return static_cast<uint8_t>(1 + size);
}

Status emflow_read_packet(const uint8_t* in, uint8_t available, Packet* packet, uint8_t* used) {
  *used = 0;
  if (available < 1) return kErrTruncated;
  const uint8_t type = in[0];
  const int8_t size = emflow_packet_payload_size(type);
  if (size < 0) return kErrBadPacket;
  if (available < 1 + size) return kErrTruncated;
  uint32_t bits = 0;
  for (int8_t i = 0; i < size; ++i) bits |= static_cast<uint32_t>(in[1 + i]) << (8 * i);
  if ((type == kPacketBool && bits > 1) || (type == kPacketError && bits >= kStatusCount)) {
    return kErrOutOfRange;
  }
  packet->type = static_cast<PacketType>(type);
  packet->value.i = static_cast<int32_t>(bits);
  *used = static_cast<uint8_t>(1 + size);
  return kOk;
}

}  // namespace emflow
