// DigitalWrite: sets a digital output pin and echoes the value written (so that a monitor can
// confirm it). A value before any PIN is rejected (not ready); an IO failure is sent as an
// error packet.
#ifndef EMFLOW_COMPONENTS_DIGITAL_WRITE_H
#define EMFLOW_COMPONENTS_DIGITAL_WRITE_H

#include "pin_port.h"

#define EMFLOW_DESCRIBE_DigitalWrite(COMPONENT, IN, OUT)                                      \
  COMPONENT("DigitalWrite", "toggle-on", "Writes each truth value on IN to digital pin PIN.") \
  IN(in, "boolean", false, "", "Level to write (numbers: non-zero is high)")                  \
  IN(pin, "int", kPortRequired, "", "Pin number; the pin is made an output when it arrives")  \
  OUT(out, "boolean", false, "", "The value written, or an error packet")

namespace emflow {

struct DigitalWrite : ComponentBase {
  EMFLOW_PORT_ENUMS(DigitalWrite)
  uint8_t pin;

  void start(Context&) { pin = kNoPin; }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_pin) return acceptOutputPin(ctx, packet, port, &pin, kOut_out);
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    if (pin == kNoPin) return ctx.reject(port, kErrNotReady);
    const bool level = packet.asBool();
    const Status status = ctx.io().digitalWrite(pin, level);
    // The value written or the error, through sendWord: no Packet on this function's stack.
    const bool ok = status == kOk;
    ctx.sendWord(kOut_out, ok ? kPacketBool : kPacketError,
                 ok ? static_cast<uint32_t>(level) : static_cast<uint32_t>(status));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_DIGITAL_WRITE_H
