// Crash-safe persistence of one command stream in a Storage (the board's EEPROM).
//
// The storage is split into two slots. Each slot is
//   [0] commit marker (0xA5 = valid) | [1..4] sequence (u32 LE) | [5..6] length (u16 LE) |
//   [7..8] CRC-16 of the payload | [9..10] CRC-16 of bytes 1..8 | [11..] payload (the stream)
// Saving writes into the slot that does NOT hold the newest valid graph, in this order:
// marker cleared, payload, header fields, marker set — the marker byte is the first and the
// last byte written. A write interrupted at any byte therefore leaves that slot invalid (its
// marker is not 0xA5 or its CRCs fail) while the other slot, untouched, still holds the
// previous graph. Loading picks the valid slot with the newest sequence number.
#ifndef EMFLOW_RUNTIME_GRAPH_STORE_H
#define EMFLOW_RUNTIME_GRAPH_STORE_H

#include <stdint.h>

#include "command_stream.h"
#include "network.h"
#include "storage.h"

namespace emflow {

static const uint8_t kGraphSlotHeaderSize = 11;
static const uint8_t kGraphSlotCommitted = 0xA5;

struct StoredGraph {
  uint8_t slot;       // 0 or 1
  uint32_t sequence;  // grows by one per save
  uint32_t offset;    // of the payload in the storage
  uint16_t length;    // of the payload
};

// Largest stream that fits (half the storage minus a slot header).
uint32_t emflow_graph_capacity(const Storage& storage);
// Saves a stream (kErrOutOfRange if too large, kErrStorage if a write failed — then the
// previously saved graph is still the one found).
Status emflow_save_graph(Storage& storage, const uint8_t* stream, uint16_t length);
// Finds the newest valid stored graph; kErrNoGraph if neither slot is valid.
Status emflow_find_graph(Storage& storage, StoredGraph* found);
// Finds the newest graph and applies it to the network (see emflow_apply_command_stream).
Status emflow_load_graph(Storage& storage, Network& network, StreamError* error);

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_GRAPH_STORE_H
