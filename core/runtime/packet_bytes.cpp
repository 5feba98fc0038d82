#include "packet_bytes.h"

#include <string.h>

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

uint8_t emflow_write_packet(const Packet& packet, uint8_t* out) {
  const int8_t size = emflow_packet_payload_size(packet.type);
  if (size < 0) return 0;
  out[0] = packet.type;
  uint32_t bits = 0;
  switch (packet.type) {
    case kPacketBool:
      bits = packet.value.b ? 1 : 0;
      break;
    case kPacketByte:
      bits = packet.value.byte;
      break;
    case kPacketError:
      bits = packet.value.error;
      break;
    case kPacketInt:
      bits = static_cast<uint32_t>(packet.value.i);
      break;
    case kPacketFloat:
      memcpy(&bits, &packet.value.f, sizeof(bits));
      break;
    default:
      break;
  }
  for (int8_t i = 0; i < size; ++i) out[1 + i] = static_cast<uint8_t>(bits >> (8 * i));
  return static_cast<uint8_t>(1 + size);
}

Status emflow_read_packet(const uint8_t* in, uint8_t available, Packet* packet, uint8_t* used) {
  *used = 0;
  if (available < 1) return kErrTruncated;
  const int8_t size = emflow_packet_payload_size(in[0]);
  if (size < 0) return kErrBadPacket;
  if (available < 1 + size) return kErrTruncated;
  uint32_t bits = 0;
  for (int8_t i = 0; i < size; ++i) bits |= static_cast<uint32_t>(in[1 + i]) << (8 * i);
  Packet p = Packet::Void();
  p.type = static_cast<PacketType>(in[0]);
  switch (p.type) {
    case kPacketBool:
      if (bits > 1) return kErrOutOfRange;
      p = Packet::Bool(bits != 0);
      break;
    case kPacketByte:
      p.value.byte = static_cast<uint8_t>(bits);
      break;
    case kPacketError:
      if (bits >= kStatusCount) return kErrOutOfRange;
      p.value.error = static_cast<Status>(bits);
      break;
    case kPacketInt:
      p.value.i = static_cast<int32_t>(bits);
      break;
    case kPacketFloat:
      memcpy(&p.value.f, &bits, sizeof(bits));
      break;
    default:
      break;
  }
  *packet = p;
  *used = static_cast<uint8_t>(1 + size);
  return kOk;
}

}  // namespace emflow
