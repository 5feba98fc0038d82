// Read-only Storage over bytes in program memory (PROGMEM): lets the runtime's command-stream
// reader apply a graph compiled into the firmware without copying it to RAM.
#ifndef EMFLOW_FIRMWARE_FLASH_STORAGE_H
#define EMFLOW_FIRMWARE_FLASH_STORAGE_H

#include <avr/pgmspace.h>
#include <stdint.h>

#include "runtime/storage.h"

namespace emflow {

class FlashStorage : public Storage {
 public:
  FlashStorage(const uint8_t* flashBytes, uint16_t size) : bytes_(flashBytes), size_(size) {}
  uint32_t size() const { return size_; }
  Status read(uint32_t offset, uint8_t* data, uint16_t length) {
    if (offset > size_ || length > size_ - offset) return kErrOutOfRange;
    memcpy_P(data, bytes_ + offset, length);
    return kOk;
  }
  Status write(uint32_t, const uint8_t*, uint16_t) { return kErrUnsupported; }

 private:
  const uint8_t* bytes_;
  uint16_t size_;
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_FLASH_STORAGE_H
