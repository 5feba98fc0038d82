// The serial link's message types and payload layouts (docs/serial-link.md, "Messages").
// Host → board types are 0x01-0x3F, board → host 0x40-0x7F. Numbers are little-endian.
//
// X-macro lists, so that the host's TypeScript constants are generated from this one header
// (core/host/constants, `emflow-constants --write`); a test fails when they drift.
#ifndef EMFLOW_LINK_MESSAGES_H
#define EMFLOW_LINK_MESSAGES_H

#include <stdint.h>

// X(Name, value, payload) — the payload as documented.
#define EMFLOW_LINK_MESSAGES(X)                                                             \
  X(Hello, 0x01, "-")                                                                       \
  X(StreamBegin, 0x02, "total length u16, CRC-16 u16")                                      \
  X(StreamChunk, 0x03, "offset u16, bytes")                                                 \
  X(StreamCommit, 0x04, "- (check, apply, store)")                                          \
  X(LiveEdit, 0x05, "a whole command stream")                                               \
  X(ReadBack, 0x06, "offset u16")                                                           \
  X(ModelArea, 0x07, "- (what the board's model area in flash holds)")                      \
  X(Info, 0x41, "LinkInfoField layout")                                                     \
  X(Ack, 0x42, "status (ok)")                                                               \
  X(Error, 0x43, "status, node, port, command u16, offset u16")                             \
  X(Packet, 0x44, "time u32, src node, src port, tgt node, tgt port, packet")               \
  X(Log, 0x45, "text")                                                                      \
  X(StoredChunk, 0x46, "offset u16, total u16, CRC-16 u16, bytes")                          \
  X(NetworkError, 0x47, "as Error: a running graph's error, or the stored graph's at boot") \
  X(Damaged, 0x48, "as Error: a frame arrived damaged (offset = its length on the wire)")   \
  X(ModelAreaInfo, 0x49, "LinkModelAreaField layout, then the ids of the models")

// X(Name, offset, bytes) — the payload of an Info frame.
#define EMFLOW_LINK_INFO_FIELDS(X)                                       \
  X(LinkVersion, 0, 1)   /* kLinkVersion */                              \
  X(StreamVersion, 1, 1) /* kStreamVersion (docs/command-stream.md) */   \
  X(Board, 2, 1)         /* LinkBoard */                                 \
  X(MaxNodes, 3, 1)      /* EMFLOW_MAX_NODES */                          \
  X(MaxEdges, 4, 1)      /* EMFLOW_MAX_EDGES */                          \
  X(QueueSize, 5, 2)     /* EMFLOW_QUEUE_SIZE */                         \
  X(GraphCapacity, 7, 2) /* bytes of stream the graph store holds */     \
  X(Components, 9, 1)    /* components in this firmware's library */     \
  X(Running, 10, 1)      /* 1 when a network is running */               \
  X(StoredLength, 11, 2) /* length of the stored graph, 0 if none */     \
  X(StoredCrc, 13, 2)    /* its CRC-16, to compare with the project's */ \
  X(MaxInitials, 15, 2)  /* EMFLOW_MAX_INITIALS */                       \
  X(StateBytes, 17, 2)   /* EMFLOW_STATE_BYTES */                        \
  X(MaxWakeups, 19, 1)   /* EMFLOW_MAX_WAKEUPS */                        \
  X(Active, 20, 1)       /* 1 when running with packets queued or a wake-up due */

// X(Name, offset, bytes) — the payload of a ModelAreaInfo frame (core/ml/model_area.h), followed
// by one byte per registered model: its id. A board without a model area answers ModelArea
// with an error (unsupported).
#define EMFLOW_LINK_MODEL_AREA_FIELDS(X)                                          \
  X(Address, 0, 4)    /* byte address of the area in flash (page-aligned) */      \
  X(Capacity, 4, 4)   /* bytes it holds */                                        \
  X(PageSize, 8, 2)   /* flash page (SPM) size: the unit the bootloader writes */ \
  X(MaxModels, 10, 1) /* EMFLOW_MAX_MODELS: ids are 0..MaxModels-1 */             \
  X(State, 11, 1)     /* ModelAreaState: 0 empty, 1 valid, 2 bad */               \
  X(Status, 12, 1)    /* why it is bad (a Status), 0 otherwise */                 \
  X(Count, 13, 1)     /* models registered from it */                             \
  X(Length, 14, 4)    /* its length field: bytes the CRC covers */                \
  X(Crc, 18, 4)       /* its CRC-32 as stored: equal to the host's image = nothing to write */

// X(Name, value)
#define EMFLOW_LINK_BOARDS(X)                                           \
  X(Host, 0) /* a native or WebAssembly build (tests, the simulator) */ \
  X(Uno, 1)                                                             \
  X(Mega2560, 2)

namespace emflow {

enum LinkMessage : uint8_t {
#define EMFLOW_LINK_MESSAGE_ENUM(Name, value, payload) kLink##Name = value,
  EMFLOW_LINK_MESSAGES(EMFLOW_LINK_MESSAGE_ENUM)
#undef EMFLOW_LINK_MESSAGE_ENUM
};

enum LinkInfoField : uint8_t {
#define EMFLOW_LINK_INFO_ENUM(Name, offset, bytes) kInfo##Name = offset,
  EMFLOW_LINK_INFO_FIELDS(EMFLOW_LINK_INFO_ENUM)
#undef EMFLOW_LINK_INFO_ENUM
      kInfoSize = 21
};

enum LinkModelAreaField : uint8_t {
#define EMFLOW_LINK_MODEL_AREA_ENUM(Name, offset, bytes) kModelAreaField##Name = offset,
  EMFLOW_LINK_MODEL_AREA_FIELDS(EMFLOW_LINK_MODEL_AREA_ENUM)
#undef EMFLOW_LINK_MODEL_AREA_ENUM
      kModelAreaFieldsSize = 22
};

enum LinkBoard : uint8_t {
#define EMFLOW_LINK_BOARD_ENUM(Name, value) kLinkBoard##Name = value,
  EMFLOW_LINK_BOARDS(EMFLOW_LINK_BOARD_ENUM)
#undef EMFLOW_LINK_BOARD_ENUM
};

// Error, NetworkError and Damaged payload: status, node, port (0xFF when not about one),
// command index and byte offset in a stream (0xFFFF when not about a stream). Error answers a
// request (same sequence); NetworkError and Damaged, like Packet and Log, are the board's own
// (its counter), so a host never takes an event for the answer it waits for.
static const uint8_t kLinkErrorSize = 7;
static const uint8_t kLinkNoNode = 0xFF;

}  // namespace emflow

#endif  // EMFLOW_LINK_MESSAGES_H
