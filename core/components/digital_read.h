// DigitalRead: reads a digital input pin each time TRIGGER receives a packet.
#ifndef EMFLOW_COMPONENTS_DIGITAL_READ_H
#define EMFLOW_COMPONENTS_DIGITAL_READ_H

#include "pin_port.h"

#define EMFLOW_DESCRIBE_DigitalRead(COMPONENT, IN, OUT)                                         \
  COMPONENT("DigitalRead", "sign-in", "Reads digital pin PIN each time TRIGGER gets a packet.") \
  IN(trigger, "bang", false, "", "Read now")                                                    \
  IN(pin, "int", kPortRequired, "", "Pin number; the pin is made an input when it arrives")     \
  IN(pullup, "boolean", false, "false", "Enable the internal pull-up resistor")                 \
  OUT(out, "boolean", false, "", "The level read, or an error packet")

namespace emflow {

struct DigitalRead : ComponentBase {
  EMFLOW_PORT_ENUMS(DigitalRead)
  uint8_t pin;
  bool pullup;

  void start(Context&) { pin = kNoPin; }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_pullup) {
      if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
      pullup = packet.asBool();
      if (pin != kNoPin) configure(ctx);
    } else if (port == kIn_pin) {
      if (acceptPin(ctx, packet, port, &pin)) configure(ctx);
    } else if (pin == kNoPin) {
      ctx.reject(port, kErrNotReady);
    } else {
      bool level = false;
      const Status status = ctx.io().digitalRead(pin, &level);
      // The level or the error, through sendWord: no Packet on this function's stack.
      const bool ok = status == kOk;
      ctx.sendWord(kOut_out, ok ? kPacketBool : kPacketError,
                   ok ? static_cast<uint32_t>(level) : static_cast<uint32_t>(status));
    }
  }

 private:
  void configure(Context& ctx) {
    const Status status = ctx.io().pinMode(pin, pullup ? kPinInputPullup : kPinInput);
    if (status != kOk) ctx.sendError(kOut_out, status);
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_DIGITAL_READ_H
