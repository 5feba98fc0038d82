// IEEE-754 single-precision operations done on the bits, with exactly the results of the float
// operations they replace. A board (avr-libc) links a float library routine for each float
// operation it meets (ldexpf alone brings 238 B with its helpers); these integer versions
// keep such routines out of sketches whose graphs do no float arithmetic. Every target runs
// the same code, so native builds, WebAssembly and boards give the same bits.
#ifndef EMFLOW_RUNTIME_FLOAT_BITS_H
#define EMFLOW_RUNTIME_FLOAT_BITS_H

#include <stdint.h>
#include <string.h>

namespace emflow {

inline uint32_t floatBits(float f) {
  uint32_t bits;
  memcpy(&bits, &f, sizeof bits);
  return bits;
}

inline float floatFromBits(uint32_t bits) {
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

// raw / 16 (a DS18B20 reading in 1/16 °C steps) as a float, exactly: raw converts to a float
// without rounding (|raw| < 2^24) and, when not zero, is at least 1 in magnitude, so dividing
// by 16 only lowers the exponent by 4 and stays a normal number.
inline float sixteenthsToFloat(int16_t raw) {
  const uint32_t bits = floatBits(static_cast<float>(raw));
  return floatFromBits(bits & 0x7FFFFFFFu ? bits - (4ul << 23) : bits);
}

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_FLOAT_BITS_H
