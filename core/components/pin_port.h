// The PIN in-port shared by the hardware components: a pin number 0..254 (as sent by a board
// component such as ArduinoUno). Anything else is rejected with kErrOutOfRange.
#ifndef EMFLOW_COMPONENTS_PIN_PORT_H
#define EMFLOW_COMPONENTS_PIN_PORT_H

#include "../runtime/component.h"

namespace emflow {

static const uint8_t kNoPin = 0xFF;

// Stores the pin from `packet` into *pin and returns true, or rejects the packet.
inline bool acceptPin(Context& ctx, const Packet& packet, uint8_t port, uint8_t* pin) {
  const int32_t value = packet.asInt();
  if (!packet.isData() || value < 0 || value >= kNoPin) {
    ctx.reject(port, kErrOutOfRange);
    return false;
  }
  *pin = static_cast<uint8_t>(value);
  return true;
}

// The PIN port of an output component (DigitalWrite, PwmWrite): stores the pin and makes it
// an output; an IO failure goes out on `outPort` as an error packet.
inline void acceptOutputPin(Context& ctx, const Packet& packet, uint8_t port, uint8_t* pin,
                            uint8_t outPort) {
  if (!acceptPin(ctx, packet, port, pin)) return;
  const Status status = ctx.io().pinMode(*pin, kPinOutput);
  if (status != kOk) ctx.sendError(outPort, status);
}

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_PIN_PORT_H
