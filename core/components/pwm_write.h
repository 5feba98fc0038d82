// PwmWrite: sets a PWM duty cycle 0..255 and echoes it. Values outside 0..255 are rejected
// (not clamped: use Constrain to clamp on purpose).
#ifndef EMFLOW_COMPONENTS_PWM_WRITE_H
#define EMFLOW_COMPONENTS_PWM_WRITE_H

#include "pin_port.h"

#define EMFLOW_DESCRIBE_PwmWrite(COMPONENT, IN, OUT)                                         \
  COMPONENT("PwmWrite", "signal", "Writes each duty cycle (0..255) on IN to PWM pin PIN.")   \
  IN(in, "int", false, "", "Duty cycle 0..255")                                              \
  IN(pin, "int", kPortRequired, "", "Pin number; the pin is made an output when it arrives") \
  OUT(out, "int", false, "", "The duty cycle written, or an error packet")

namespace emflow {

struct PwmWrite : ComponentBase {
  EMFLOW_PORT_ENUMS(PwmWrite)
  uint8_t pin;

  void start(Context&) { pin = kNoPin; }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_pin) return acceptOutputPin(ctx, packet, port, &pin, kOut_out);
    const int32_t duty = packet.asInt();
    if (!packet.isData() || duty < 0 || duty > 255) return ctx.reject(port, kErrOutOfRange);
    if (pin == kNoPin) return ctx.reject(port, kErrNotReady);
    const Status status = ctx.io().pwmWrite(pin, static_cast<uint8_t>(duty));
    // The duty written or the error, through sendWord: no Packet on this function's stack.
    const bool ok = status == kOk;
    ctx.sendWord(kOut_out, ok ? kPacketInt : kPacketError,
                 ok ? static_cast<uint32_t>(duty) : static_cast<uint32_t>(status));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_PWM_WRITE_H
