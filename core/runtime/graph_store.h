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
  uint16_t crc;       // CRC-16 of the payload
};

// Largest stream that fits (half the storage minus a slot header).
uint32_t emflow_graph_capacity(const Storage& storage);
// Saves a stream (kErrOutOfRange if too large, kErrStorage if a write failed — then the
// previously saved graph is still the one found).
Status emflow_save_graph(Storage& storage, const uint8_t* stream, uint16_t length);
// Saves a stream that arrives in pieces (the serial link's chunks), with emflow_save_graph's
// crash safety: begin() picks the slot that does not hold the newest graph and clears its
// marker; write() appends payload bytes in order; commit() checks the CRC of what was written,
// then writes the header and, last, the marker. Until commit() succeeds the previous graph
// stays the one found, so an upload cut at any point changes nothing.
class GraphStoreWriter {
 public:
  explicit GraphStoreWriter(Storage& storage) : storage_(storage), active_(false) {}
  // kErrOutOfRange if `length` does not fit; kErrStorage if the marker cannot be cleared.
  Status begin(uint16_t length);
  // Appends at `offset`, which must be the number of bytes written so far (kErrOutOfRange
  // otherwise, or past `length`); kErrBusy without begin().
  Status write(uint16_t offset, const uint8_t* data, uint16_t length);
  // kErrTruncated until every byte arrived; kErrBadChecksum if the stored bytes' CRC-16 is not
  // `expectedCrc`. Nothing is committed: a caller checks before it acts on the new graph.
  Status verify(uint16_t expectedCrc);
  // verify(), then the header and the marker. On success *saved (if given) says where it is.
  Status commit(uint16_t expectedCrc, StoredGraph* saved);
  void abandon() { active_ = false; }
  bool active() const { return active_; }
  uint16_t received() const { return received_; }
  uint16_t length() const { return length_; }
  // Where the payload goes (valid after begin()), to check the stream before committing.
  uint32_t payloadOffset() const;

 private:
  Storage& storage_;
  bool active_;
  uint8_t slot_;
  uint32_t sequence_;
  uint16_t length_;
  uint16_t received_;
};

// Finds the newest valid stored graph; kErrNoGraph if neither slot is valid.
Status emflow_find_graph(Storage& storage, StoredGraph* found);
// Finds the newest graph and applies it to the network (see emflow_apply_command_stream).
Status emflow_load_graph(Storage& storage, Network& network, StreamError* error);

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_GRAPH_STORE_H
