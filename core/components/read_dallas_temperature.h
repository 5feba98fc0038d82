// ReadDallasTemperature: reads a DS18B20 on a 1-Wire pin without blocking. TRIGGER starts a
// conversion and asks the network for a wake-up after the 12-bit conversion time (750 ms);
// the wake-up reads the result (polling again every 10 ms, at most 20 times, if the sensor is
// not ready yet) and sends °C as a float — or an error packet (no sensor, CRC error, ...).
// A trigger while a conversion runs, or before PIN and a complete ADDRESS, is rejected.
//
// ADDRESS takes the 8 ROM bytes as byte/int packets, optionally inside brackets (a JSON array
// IIP such as ["0x28", ...] compiles to bracket-open, 8 bytes, bracket-close).
#ifndef EMFLOW_COMPONENTS_READ_DALLAS_TEMPERATURE_H
#define EMFLOW_COMPONENTS_READ_DALLAS_TEMPERATURE_H

#include "../runtime/float_bits.h"
#include "pin_port.h"

#define EMFLOW_DESCRIBE_ReadDallasTemperature(COMPONENT, IN, OUT)                                 \
  COMPONENT("ReadDallasTemperature", "thermometer-full",                                          \
            "Reads a DS18B20 thermometer (non-blocking, 750 ms conversion) on each TRIGGER.")     \
  IN(trigger, "bang", false, "", "Start a reading")                                               \
  IN(pin, "int", kPortRequired, "", "The 1-Wire bus pin")                                         \
  IN(address, "array", kPortRequired, "", "The sensor's 8-byte ROM address (bytes, in brackets)") \
  OUT(out, "number", false, "", "Temperature in °C, or an error packet")

namespace emflow {

struct ReadDallasTemperature : ComponentBase {
  EMFLOW_PORT_ENUMS(ReadDallasTemperature)
  static const TimeMs kConversionMs = 750;
  static const TimeMs kRetryMs = 10;
  static const uint8_t kMaxRetries = 20;

  OneWireAddress address;
  uint8_t addressBytes;  // bytes of `address` received; 8 when complete
  uint8_t pin;
  bool converting;
  uint8_t retries;

  void start(Context&) { pin = kNoPin; }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_pin) {
      acceptPin(ctx, packet, port, &pin);
    } else if (port == kIn_address) {
      takeAddressByte(ctx, packet);
    } else if (pin == kNoPin || addressBytes != sizeof(address.bytes)) {
      ctx.reject(port, kErrNotReady);
    } else if (converting) {
      ctx.reject(port, kErrBusy);
    } else {
      const Status status = ctx.io().startTemperatureConversion(pin, address);
      if (status != kOk) {
        ctx.sendError(kOut_out, status);
        return;
      }
      converting = true;
      retries = 0;
      ctx.wakeAfter(kConversionMs);
    }
  }

  void wake(Context& ctx) {
    int16_t raw = 0;
    const Status status = ctx.io().readTemperature(pin, address, &raw);
    if (status == kErrNotReady && retries < kMaxRetries) {
      ++retries;
      ctx.wakeAfter(kRetryMs);
      return;
    }
    converting = false;
    // raw is in 1/16 K steps. sixteenthsToFloat gives the same exact value as raw / 16.0f and
    // ldexpf(raw, -4) without avr-libc's float division (146 B) or ldexp (238 B with helpers).
    // °C or the error, through sendWord: no Packet on this function's stack.
    const bool ok = status == kOk;
    ctx.sendWord(kOut_out, ok ? kPacketFloat : kPacketError,
                 ok ? floatBits(sixteenthsToFloat(raw)) : static_cast<uint32_t>(status));
  }

 private:
  void takeAddressByte(Context& ctx, const Packet& packet) {
    if (packet.type == kPacketBracketOpen) {
      addressBytes = 0;
      return;
    }
    if (packet.type == kPacketBracketClose) {
      if (addressBytes != sizeof(address.bytes)) ctx.reject(kIn_address, kErrTruncated);
      return;
    }
    const int32_t value = packet.asInt();
    if (!packet.isData() || value < 0 || value > 255) {
      return ctx.reject(kIn_address, kErrOutOfRange);
    }
    if (addressBytes == sizeof(address.bytes)) addressBytes = 0;  // a new address begins
    address.bytes[addressBytes++] = static_cast<uint8_t>(value);
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_READ_DALLAS_TEMPERATURE_H
