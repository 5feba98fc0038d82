// Storage over the chip's EEPROM (ATmega328P 1 KB, ATmega2560 4 KB: E2END says), for graphs
// persisted with graph_store.h (crash-safe two-slot saves). eeprom_update_block skips bytes that
// already hold the value, sparing the EEPROM's ~100 000 write cycles.
#ifndef EMFLOW_FIRMWARE_EEPROM_STORAGE_H
#define EMFLOW_FIRMWARE_EEPROM_STORAGE_H

#include <avr/eeprom.h>
#include <stdint.h>

#include "runtime/storage.h"

namespace emflow {

class EepromStorage : public Storage {
 public:
  uint32_t size() const { return E2END + 1; }
  Status read(uint32_t offset, uint8_t* data, uint16_t length) {
    if (!fits(offset, length)) return kErrOutOfRange;
    eeprom_read_block(data, reinterpret_cast<const void*>(offset), length);
    return kOk;
  }
  Status write(uint32_t offset, const uint8_t* data, uint16_t length) {
    if (!fits(offset, length)) return kErrOutOfRange;
    eeprom_update_block(data, reinterpret_cast<void*>(offset), length);
    return kOk;
  }

 private:
  bool fits(uint32_t offset, uint16_t length) const {
    return offset <= size() && length <= size() - offset;
  }
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_EEPROM_STORAGE_H
