// The serial link's message types and payload layouts (docs/serial-link.md, "Messages").
// Host → board types are 0x01-0x3F, board → host 0x40-0x7F. Numbers are little-endian.
#ifndef EMFLOW_LINK_MESSAGES_H
#define EMFLOW_LINK_MESSAGES_H

#include <stdint.h>

namespace emflow {

enum LinkMessage : uint8_t {
  // host → board
  kLinkHello = 0x01,         // ()                                   → info
  kLinkStreamBegin = 0x02,   // (total length u16, CRC-16 u16)       → ack
  kLinkStreamChunk = 0x03,   // (offset u16, bytes)                  → ack
  kLinkStreamCommit = 0x04,  // ()  check, store, apply              → ack
  kLinkLiveEdit = 0x05,      // (a whole command stream)             → ack
  kLinkReadBack = 0x06,      // (offset u16)                         → stored chunk
  // board → host
  kLinkInfo = 0x41,         // see LinkInfoField
  kLinkAck = 0x42,          // (status = ok)
  kLinkError = 0x43,        // (status, node, port, command u16, offset u16)
  kLinkPacket = 0x44,       // (time u32, src node, src port, tgt node, tgt port, packet bytes)
  kLinkLog = 0x45,          // (text)
  kLinkStoredChunk = 0x46,  // (offset u16, total u16, CRC-16 u16, bytes)
};

// Payload of kLinkInfo, byte offsets.
enum LinkInfoField : uint8_t {
  kInfoLinkVersion = 0,    // kLinkVersion
  kInfoStreamVersion = 1,  // kStreamVersion (docs/command-stream.md)
  kInfoBoard = 2,          // LinkBoard
  kInfoMaxNodes = 3,       // EMFLOW_MAX_NODES
  kInfoMaxEdges = 4,       // EMFLOW_MAX_EDGES
  kInfoQueueSize = 5,      // EMFLOW_QUEUE_SIZE (u16)
  kInfoGraphCapacity = 7,  // bytes of stream the graph store holds (u16)
  kInfoComponents = 9,     // components in this firmware's library
  kInfoRunning = 10,       // 1 when a network is running
  kInfoStoredLength = 11,  // length of the stored graph, 0 if none (u16)
  kInfoStoredCrc = 13,     // its CRC-16 (u16), to compare with the project's
  kInfoMaxInitials = 15,   // EMFLOW_MAX_INITIALS (u16)
  kInfoStateBytes = 17,    // EMFLOW_STATE_BYTES (u16)
  kInfoMaxWakeups = 19,    // EMFLOW_MAX_WAKEUPS
  kInfoSize = 20
};

enum LinkBoard : uint8_t {
  kLinkBoardHost = 0,  // a native or WebAssembly build (tests, the simulator)
  kLinkBoardUno = 1,
  kLinkBoardMega2560 = 2,
};

// Error payload: status, node, port (0xFF when not about one), command index and byte offset
// in a stream (0xFFFF when not about a stream).
static const uint8_t kLinkErrorSize = 7;
static const uint8_t kLinkNoNode = 0xFF;

}  // namespace emflow

#endif  // EMFLOW_LINK_MESSAGES_H
