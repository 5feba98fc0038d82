#include "serial_out.h"

#include <math.h>
#include <string.h>

namespace emflow {

namespace {

// Writes a decimal unsigned number; returns its length.
uint8_t formatUnsigned(uint32_t value, char* out) {
  char digits[10];
  uint8_t count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value);
  for (uint8_t i = 0; i < count; ++i) out[i] = digits[count - 1 - i];
  return count;
}

uint8_t formatInt(int32_t value, char* out) {
  if (value >= 0) return formatUnsigned(static_cast<uint32_t>(value), out);
  out[0] = '-';
  return static_cast<uint8_t>(1 + formatUnsigned(0u - static_cast<uint32_t>(value), out + 1));
}

uint8_t copyText(const char* text, char* out) {
  const size_t length = strlen(text);
  memcpy(out, text, length);
  return static_cast<uint8_t>(length);
}

// Two decimals, rounded half away from zero; magnitudes beyond int32 print as "inf"/"nan"
// style words so that the line never overflows.
uint8_t formatFloat(float value, char* out) {
  if (isnan(value)) return copyText("nan", out);
  if (value > 2.0e7f || value < -2.0e7f) return copyText(value > 0 ? "inf" : "-inf", out);
  uint8_t length = 0;
  int32_t hundredths = static_cast<int32_t>(lroundf(value * 100.0f));
  if (hundredths < 0) {
    out[length++] = '-';
    hundredths = -hundredths;
  }
  length = static_cast<uint8_t>(
      length + formatUnsigned(static_cast<uint32_t>(hundredths / 100), out + length));
  out[length++] = '.';
  out[length++] = static_cast<char>('0' + hundredths / 10 % 10);
  out[length++] = static_cast<char>('0' + hundredths % 10);
  return length;
}

}  // namespace

uint8_t emflow_format_packet(const Packet& packet, char* out) {
  switch (packet.type) {
    case kPacketVoid:
      return copyText("bang", out);
    case kPacketBool:
      return copyText(packet.value.b ? "true" : "false", out);
    case kPacketByte:
      return formatUnsigned(packet.value.byte, out);
    case kPacketInt:
      return formatInt(packet.value.i, out);
    case kPacketFloat:
      return formatFloat(packet.value.f, out);
    case kPacketBracketOpen:
      return copyText("[", out);
    case kPacketBracketClose:
      return copyText("]", out);
    case kPacketError: {
      const uint8_t length = copyText("error ", out);
      return static_cast<uint8_t>(length + formatUnsigned(packet.value.error, out + length));
    }
    default:
      return copyText("?", out);
  }
}

}  // namespace emflow
