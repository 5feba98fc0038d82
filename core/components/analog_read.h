// AnalogRead: reads an analog input (0..1023 on AVR) each time TRIGGER receives a packet.
#ifndef EMFLOW_COMPONENTS_ANALOG_READ_H
#define EMFLOW_COMPONENTS_ANALOG_READ_H

#include "pin_port.h"

#define EMFLOW_DESCRIBE_AnalogRead(COMPONENT, IN, OUT)                                           \
  COMPONENT("AnalogRead", "tachometer", "Reads analog pin PIN each time TRIGGER gets a packet.") \
  IN(trigger, "bang", false, "", "Read now")                                                     \
  IN(pin, "int", kPortRequired, "", "Pin number (A0 is 14 on the Uno)")                          \
  OUT(out, "int", false, "", "The reading (10-bit on AVR), or an error packet")

namespace emflow {

struct AnalogRead : ComponentBase {
  EMFLOW_PORT_ENUMS(AnalogRead)
  uint8_t pin;

  void start(Context&) { pin = kNoPin; }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_pin) {
      acceptPin(ctx, packet, port, &pin);
    } else if (pin == kNoPin) {
      ctx.reject(port, kErrNotReady);
    } else {
      uint16_t value = 0;
      const Status status = ctx.io().analogRead(pin, &value);
      // The reading or the error, through sendWord: no Packet on this function's stack.
      const bool ok = status == kOk;
      ctx.sendWord(kOut_out, ok ? kPacketInt : kPacketError,
                   ok ? static_cast<uint32_t>(value) : static_cast<uint32_t>(status));
    }
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_ANALOG_READ_H
