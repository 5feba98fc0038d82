#include "graph_store.h"

#include "crc16.h"

namespace emflow {

namespace {

uint32_t slotSize(const Storage& storage) {
  return storage.size() / 2;
}

// CRC-16 of `length` bytes of storage from `offset`, read in small chunks (no RAM copy).
Status crcOfStorage(Storage& storage, uint32_t offset, uint32_t length, uint16_t* crc) {
  *crc = kCrc16Init;
  uint8_t chunk[16];
  while (length > 0) {
    const uint16_t n = static_cast<uint16_t>(length < sizeof(chunk) ? length : sizeof(chunk));
    if (storage.read(offset, chunk, n) != kOk) return kErrStorage;
    *crc = emflow_crc16(*crc, chunk, n);
    offset += n;
    length -= n;
  }
  return kOk;
}

uint16_t le16(const uint8_t* b) {
  return static_cast<uint16_t>(b[0] | (b[1] << 8));
}

// Whether slot `slot` holds a complete, committed graph; fills *found if so.
bool readSlot(Storage& storage, uint8_t slot, StoredGraph* found) {
  const uint32_t size = slotSize(storage);
  if (size <= kGraphSlotHeaderSize) return false;
  const uint32_t base = slot * size;
  uint8_t h[kGraphSlotHeaderSize];
  if (storage.read(base, h, sizeof(h)) != kOk) return false;
  if (h[0] != kGraphSlotCommitted) return false;
  if (emflow_crc16(kCrc16Init, h + 1, 8) != le16(h + 9)) return false;
  const uint16_t length = le16(h + 5);
  if (length > size - kGraphSlotHeaderSize) return false;
  uint16_t crc;
  if (crcOfStorage(storage, base + kGraphSlotHeaderSize, length, &crc) != kOk) return false;
  if (crc != le16(h + 7)) return false;
  found->slot = slot;
  found->sequence = static_cast<uint32_t>(h[1]) | (static_cast<uint32_t>(h[2]) << 8) |
                    (static_cast<uint32_t>(h[3]) << 16) | (static_cast<uint32_t>(h[4]) << 24);
  found->offset = base + kGraphSlotHeaderSize;
  found->length = length;
  return true;
}

}  // namespace

uint32_t emflow_graph_capacity(const Storage& storage) {
  const uint32_t size = slotSize(storage);
  const uint32_t room = size > kGraphSlotHeaderSize ? size - kGraphSlotHeaderSize : 0;
  return room < 0xFFFFu ? room : 0xFFFFu;
}

Status emflow_find_graph(Storage& storage, StoredGraph* found) {
  StoredGraph slots[2];
  const bool valid0 = readSlot(storage, 0, &slots[0]);
  const bool valid1 = readSlot(storage, 1, &slots[1]);
  if (!valid0 && !valid1) return kErrNoGraph;
  // Sequence numbers compared as serial numbers, so the wrap from 2^32-1 to 0 is harmless.
  const bool newer1 = static_cast<int32_t>(slots[1].sequence - slots[0].sequence) > 0;
  *found = (valid1 && (!valid0 || newer1)) ? slots[1] : slots[0];
  return kOk;
}

Status emflow_save_graph(Storage& storage, const uint8_t* stream, uint16_t length) {
  if (length > emflow_graph_capacity(storage)) return kErrOutOfRange;
  StoredGraph newest;
  const bool haveOld = emflow_find_graph(storage, &newest) == kOk;
  const uint8_t slot = haveOld ? static_cast<uint8_t>(1 - newest.slot) : 0;
  const uint32_t sequence = haveOld ? newest.sequence + 1 : 1;
  const uint32_t base = slot * slotSize(storage);

  const uint8_t cleared = 0;
  if (storage.write(base, &cleared, 1) != kOk) return kErrStorage;
  if (length > 0 && storage.write(base + kGraphSlotHeaderSize, stream, length) != kOk) {
    return kErrStorage;
  }
  const uint16_t payloadCrc = emflow_crc16(kCrc16Init, stream, length);
  uint8_t h[kGraphSlotHeaderSize] = {0,
                                     static_cast<uint8_t>(sequence),
                                     static_cast<uint8_t>(sequence >> 8),
                                     static_cast<uint8_t>(sequence >> 16),
                                     static_cast<uint8_t>(sequence >> 24),
                                     static_cast<uint8_t>(length),
                                     static_cast<uint8_t>(length >> 8),
                                     static_cast<uint8_t>(payloadCrc),
                                     static_cast<uint8_t>(payloadCrc >> 8),
                                     0,
                                     0};
  const uint16_t headerCrc = emflow_crc16(kCrc16Init, h + 1, 8);
  h[9] = static_cast<uint8_t>(headerCrc);
  h[10] = static_cast<uint8_t>(headerCrc >> 8);
  if (storage.write(base + 1, h + 1, kGraphSlotHeaderSize - 1) != kOk) return kErrStorage;
  // The commit: the last byte written.
  const uint8_t committed = kGraphSlotCommitted;
  if (storage.write(base, &committed, 1) != kOk) return kErrStorage;
  StoredGraph check;
  if (!readSlot(storage, slot, &check)) return kErrStorage;  // read back: a worn cell?
  return kOk;
}

Status emflow_load_graph(Storage& storage, Network& network, StreamError* error) {
  StoredGraph found;
  Status status = emflow_find_graph(storage, &found);
  if (status != kOk) {
    if (error) {
      error->status = status;
      error->command = 0;
      error->offset = 0;
    }
    return status;
  }
  return emflow_apply_command_stream(storage, found.offset, found.length, network, error);
}

}  // namespace emflow
