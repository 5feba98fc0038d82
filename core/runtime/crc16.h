// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection): the checksum
// of command streams, stored-graph slots and link frames. A byte at a time with shifts, no table:
// a few dozen bytes of AVR flash instead of 512. crc16("123456789") == 0x29B1.
#ifndef EMFLOW_RUNTIME_CRC16_H
#define EMFLOW_RUNTIME_CRC16_H

#include <stddef.h>
#include <stdint.h>

namespace emflow {

static const uint16_t kCrc16Init = 0xFFFF;

// Continues a CRC over more bytes: crc = emflow_crc16(kCrc16Init, a, n); crc = emflow_crc16(crc, b,
// m).
uint16_t emflow_crc16(uint16_t crc, const uint8_t* data, size_t length);

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_CRC16_H
