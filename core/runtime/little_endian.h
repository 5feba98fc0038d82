// Little-endian integers in byte buffers in RAM: the one byte order of command streams, stored
// graphs and link frames (docs/command-stream.md, docs/serial-link.md). Byte by byte, so it
// needs no alignment and reads the same on AVR, x86 and WebAssembly. Tables in AVR flash have
// their own readers (model_blob.h, tree_table.h), which go through pgm_read_byte.
#ifndef EMFLOW_RUNTIME_LITTLE_ENDIAN_H
#define EMFLOW_RUNTIME_LITTLE_ENDIAN_H

#include <stdint.h>

namespace emflow {

inline uint16_t readLe16(const uint8_t* b) {
  return static_cast<uint16_t>(b[0] | (static_cast<uint16_t>(b[1]) << 8));
}

inline uint32_t readLe32(const uint8_t* b) {
  return readLe16(b) | (static_cast<uint32_t>(readLe16(b + 2)) << 16);
}

inline void writeLe16(uint16_t value, uint8_t* b) {
  b[0] = static_cast<uint8_t>(value);
  b[1] = static_cast<uint8_t>(value >> 8);
}

inline void writeLe32(uint32_t value, uint8_t* b) {
  writeLe16(static_cast<uint16_t>(value), b);
  writeLe16(static_cast<uint16_t>(value >> 16), b + 2);
}

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_LITTLE_ENDIAN_H
