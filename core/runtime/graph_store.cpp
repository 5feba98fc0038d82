#include "graph_store.h"

#include "crc16.h"
#include "little_endian.h"

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

// Whether slot `slot` holds a complete, committed graph; fills *found if so.
bool readSlot(Storage& storage, uint8_t slot, StoredGraph* found) {
  const uint32_t size = slotSize(storage);
  if (size <= kGraphSlotHeaderSize) return false;
  const uint32_t base = slot * size;
  uint8_t h[kGraphSlotHeaderSize];
  if (storage.read(base, h, sizeof(h)) != kOk) return false;
  if (h[0] != kGraphSlotCommitted) return false;
  if (emflow_crc16(kCrc16Init, h + 1, 8) != readLe16(h + 9)) return false;
  const uint16_t length = readLe16(h + 5);
  if (length > size - kGraphSlotHeaderSize) return false;
  uint16_t crc;
  if (crcOfStorage(storage, base + kGraphSlotHeaderSize, length, &crc) != kOk) return false;
  if (crc != readLe16(h + 7)) return false;
  found->slot = slot;
  found->sequence = readLe32(h + 1);
  found->offset = base + kGraphSlotHeaderSize;
  found->length = length;
  found->crc = crc;
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

uint32_t GraphStoreWriter::payloadOffset() const {
  return slot_ * slotSize(storage_) + kGraphSlotHeaderSize;
}

Status GraphStoreWriter::begin(uint16_t length) {
  active_ = false;
  if (length > emflow_graph_capacity(storage_)) return kErrOutOfRange;
  StoredGraph newest;
  const bool haveOld = emflow_find_graph(storage_, &newest) == kOk;
  slot_ = haveOld ? static_cast<uint8_t>(1 - newest.slot) : 0;
  sequence_ = haveOld ? newest.sequence + 1 : 1;
  length_ = length;
  received_ = 0;
  const uint8_t cleared = 0;
  if (storage_.write(slot_ * slotSize(storage_), &cleared, 1) != kOk) return kErrStorage;
  active_ = true;
  return kOk;
}

Status GraphStoreWriter::write(uint16_t offset, const uint8_t* data, uint16_t length) {
  if (!active_) return kErrBusy;
  if (offset != received_ || length > length_ - received_) return kErrOutOfRange;
  if (length > 0 && storage_.write(payloadOffset() + offset, data, length) != kOk) {
    return kErrStorage;
  }
  received_ = static_cast<uint16_t>(received_ + length);
  return kOk;
}

Status GraphStoreWriter::verify(uint16_t expectedCrc) {
  if (!active_) return kErrBusy;
  if (received_ != length_) return kErrTruncated;
  uint16_t payloadCrc;
  if (crcOfStorage(storage_, payloadOffset(), length_, &payloadCrc) != kOk) return kErrStorage;
  return payloadCrc == expectedCrc ? kOk : kErrBadChecksum;
}

Status GraphStoreWriter::commit(uint16_t expectedCrc, StoredGraph* saved) {
  const Status verified = verify(expectedCrc);
  if (verified != kOk) return verified;
  const uint16_t payloadCrc = expectedCrc;
  uint8_t h[kGraphSlotHeaderSize] = {0};
  writeLe32(sequence_, h + 1);
  writeLe16(length_, h + 5);
  writeLe16(payloadCrc, h + 7);
  writeLe16(emflow_crc16(kCrc16Init, h + 1, 8), h + 9);
  const uint32_t base = slot_ * slotSize(storage_);
  if (storage_.write(base + 1, h + 1, kGraphSlotHeaderSize - 1) != kOk) return kErrStorage;
  // The commit: the last byte written.
  const uint8_t committed = kGraphSlotCommitted;
  if (storage_.write(base, &committed, 1) != kOk) return kErrStorage;
  active_ = false;
  StoredGraph check;
  if (!readSlot(storage_, slot_, &check)) return kErrStorage;  // read back: a worn cell?
  if (saved) *saved = check;
  return kOk;
}

Status emflow_save_graph(Storage& storage, const uint8_t* stream, uint16_t length) {
  GraphStoreWriter writer(storage);
  Status status = writer.begin(length);
  if (status == kOk) status = writer.write(0, stream, length);
  if (status == kOk) status = writer.commit(emflow_crc16(kCrc16Init, stream, length), 0);
  return status;
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
