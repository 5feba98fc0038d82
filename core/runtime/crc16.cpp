#include "crc16.h"

namespace emflow {

// A byte at a time, without branches or a table: x is the byte's effect on the high byte, and
// x ^= x >> 4 folds in the feedback the polynomial 0x1021 (x^12 + x^5 + 1) gives the top nibble;
// the result is that of shifting the eight bits through one by one (tests/cpp/runtime/
// crc16_test.cpp compares the two). No data-dependent branch: fewer cycles on AVR, and the
// fuzzers do not spend their time recording the outcome of every bit.
uint16_t emflow_crc16(uint16_t crc, const uint8_t* data, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    uint8_t x = static_cast<uint8_t>((crc >> 8) ^ data[i]);
    x = static_cast<uint8_t>(x ^ (x >> 4));
    crc = static_cast<uint16_t>((crc << 8) ^ (static_cast<uint16_t>(x) << 12) ^
                                (static_cast<uint16_t>(x) << 5) ^ x);
  }
  return crc;
}

}  // namespace emflow
