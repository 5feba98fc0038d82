// Byte storage for persisting a graph: EEPROM on boards (firmware/), RAM in tests and hosts.
// Reads and writes are byte-addressed; a write may fail part-way (power loss, wear), which
// graph_store.h is designed to survive.
#ifndef EMFLOW_RUNTIME_STORAGE_H
#define EMFLOW_RUNTIME_STORAGE_H

#include <stdint.h>
#include <string.h>

#include "status.h"

namespace emflow {

class Storage {
 public:
  virtual uint32_t size() const = 0;
  // kErrOutOfRange if [offset, offset+length) is outside the storage; kErrStorage on failure.
  virtual Status read(uint32_t offset, uint8_t* data, uint16_t length) = 0;
  virtual Status write(uint32_t offset, const uint8_t* data, uint16_t length) = 0;

 protected:
  ~Storage() {}  // not virtual: no delete on boards (no heap)
};

// Storage over a caller-owned RAM buffer.
class MemoryStorage : public Storage {
 public:
  MemoryStorage(uint8_t* bytes, uint32_t size) : bytes_(bytes), size_(size) {}
  uint32_t size() const { return size_; }
  Status read(uint32_t offset, uint8_t* data, uint16_t length) {
    if (!fits(offset, length)) return kErrOutOfRange;
    memcpy(data, bytes_ + offset, length);
    return kOk;
  }
  Status write(uint32_t offset, const uint8_t* data, uint16_t length) {
    if (!fits(offset, length)) return kErrOutOfRange;
    memcpy(bytes_ + offset, data, length);
    return kOk;
  }
  uint8_t* bytes() { return bytes_; }

 private:
  bool fits(uint32_t offset, uint16_t length) const {
    return offset <= size_ && length <= size_ - offset;
  }
  uint8_t* bytes_;
  uint32_t size_;
};

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_STORAGE_H
