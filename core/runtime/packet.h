// A packet: the unit of data that flows along a graph's connections.
// Small (a type byte and a 4-byte payload) because queues on a 2 KB board hold many of them.
#ifndef EMFLOW_RUNTIME_PACKET_H
#define EMFLOW_RUNTIME_PACKET_H

#include <stdint.h>

#include "status.h"

// The factories below set the small members (bool, byte, Status) through the int32 member in
// one store — 126 bytes less AVR flash than zeroing then storing — which relies on the
// little-endian layout of every target (AVR, x86, ARM, WebAssembly).
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "emflow's Packet assumes a little-endian target"
#endif

namespace emflow {

enum PacketType : uint8_t {
  kPacketVoid = 0,      // a bang: "something happened", no value
  kPacketBool,          //
  kPacketByte,          //
  kPacketInt,           // int32
  kPacketFloat,         // 32-bit float (double is 32-bit on AVR anyway)
  kPacketBracketOpen,   // start of a sequence (e.g. a feature vector)
  kPacketBracketClose,  // end of a sequence
  kPacketError,         // carries a Status
  kPacketTypeCount
};

struct Packet {
  PacketType type;
  union {
    bool b;
    uint8_t byte;
    int32_t i;
    float f;
    Status error;
  } value;

  static Packet Void() {
    Packet p;
    p.type = kPacketVoid;
    p.value.i = 0;
    return p;
  }
  static Packet Bool(bool b) {
    Packet p;
    p.type = kPacketBool;
    p.value.i = b ? 1 : 0;  // one store also sets value.b (little-endian, checked above)
    return p;
  }
  static Packet Byte(uint8_t v) {
    Packet p;
    p.type = kPacketByte;
    p.value.i = v;
    return p;
  }
  static Packet Int(int32_t v) {
    Packet p;
    p.type = kPacketInt;
    p.value.i = v;
    return p;
  }
  static Packet Float(float v) {
    Packet p;
    p.type = kPacketFloat;
    p.value.f = v;
    return p;
  }
  static Packet BracketOpen() {
    Packet p;
    p.type = kPacketBracketOpen;
    p.value.i = 0;
    return p;
  }
  static Packet BracketClose() {
    Packet p;
    p.type = kPacketBracketClose;
    p.value.i = 0;
    return p;
  }
  static Packet Error(Status s) {
    Packet p;
    p.type = kPacketError;
    p.value.i = s;
    return p;
  }

  bool isData() const {
    return type == kPacketBool || type == kPacketByte || type == kPacketInt || type == kPacketFloat;
  }

  // Conversions used by components that accept "a number" or "a truth value" of any type.
  bool asBool() const {
    switch (type) {
      case kPacketBool:
        return value.b;
      case kPacketByte:
        return value.byte != 0;
      case kPacketInt:
        return value.i != 0;
      case kPacketFloat:
        // f != 0 on the bits (+0 and -0 false, NaN true): no float comparison routine on AVR.
        return (value.i & 0x7FFFFFFF) != 0;
      default:
        return false;
    }
  }
  int32_t asInt() const {
    switch (type) {
      case kPacketBool:
        return value.b ? 1 : 0;
      case kPacketByte:
        return value.byte;
      case kPacketInt:
        return value.i;
      case kPacketFloat:
        return truncateFloatBits(static_cast<uint32_t>(value.i));
      default:
        return 0;
    }
  }
  // An IEEE-754 single (as its bits) truncated toward zero and saturated to the int32 range
  // (a plain cast of a larger float is undefined behaviour); NaN gives 0. Done on the bits so a
  // board links no float comparison or conversion routine for it (22 B on the fridge sketch).
  static int32_t truncateFloatBits(uint32_t bits) {
    // Biased by 127, sign dropped; from the top 16 bits (a 16-bit shift is shorter on AVR).
    const uint8_t exponent = static_cast<uint8_t>(static_cast<uint16_t>(bits >> 16) >> 7);
    const bool negative = (bits >> 31) != 0;
    if (exponent < 127) return 0;  // |f| < 1, zeros, subnormals
    if (exponent >= 127 + 31) {    // |f| >= 2^31, infinities, NaN
      if (exponent == 0xFF && (bits & 0x7FFFFFu)) return 0;
      return negative ? INT32_MIN : INT32_MAX;
    }
    // 1.fraction with the leading 1 at bit 31 (the exponent's low bit shifted there is
    // overwritten), shifted right by 1..31: one shift direction, which drops the fraction
    // (toward zero) and on AVR is one shift loop.
    const uint32_t magnitude = ((bits << 8) | 0x80000000u) >> ((127 + 31) - exponent);
    return negative ? -static_cast<int32_t>(magnitude) : static_cast<int32_t>(magnitude);
  }

  float asFloat() const {
    switch (type) {
      case kPacketBool:
        return value.b ? 1.0f : 0.0f;
      case kPacketByte:
        return value.byte;
      case kPacketInt:
        return static_cast<float>(value.i);
      case kPacketFloat:
        return value.f;
      default:
        return 0.0f;
    }
  }
};

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_PACKET_H
