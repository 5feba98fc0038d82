// A packet as bytes: its type byte, then 0, 1 or 4 bytes of payload (little-endian), the form
// initial packets take in the command stream (docs/command-stream.md) and packets take in the
// serial link's event frames (docs/serial-link.md).
#ifndef EMFLOW_RUNTIME_PACKET_BYTES_H
#define EMFLOW_RUNTIME_PACKET_BYTES_H

#include <stdint.h>

#include "packet.h"
#include "status.h"

namespace emflow {

static const uint8_t kPacketBytesMax = 5;  // type + a 4-byte payload

// Bytes of payload that follow a type byte; -1 for a type this build does not know.
int8_t emflow_packet_payload_size(uint8_t type);
// Writes type + payload into out (kPacketBytesMax bytes of room); returns the bytes written,
// 0 for a packet of an unknown type.
uint8_t emflow_write_packet(const Packet& packet, uint8_t* out);
// Reads type + payload from `available` bytes: kErrTruncated if they end too soon,
// kErrBadPacket for an unknown type, kErrOutOfRange for a bool other than 0/1 or an unknown
// Status; *used = bytes read.
Status emflow_read_packet(const uint8_t* in, uint8_t available, Packet* packet, uint8_t* used);

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_PACKET_BYTES_H
