// MonitorPin: watches a digital input and sends its level when the pin is set and whenever
// it changes, sampling every INTERVAL ms through network wake-ups (no busy polling).
#ifndef EMFLOW_COMPONENTS_MONITOR_PIN_H
#define EMFLOW_COMPONENTS_MONITOR_PIN_H

#include "pin_port.h"

#define EMFLOW_DESCRIBE_MonitorPin(COMPONENT, IN, OUT)                                    \
  COMPONENT("MonitorPin", "eye",                                                          \
            "Sends the level of digital input PIN at once and then whenever it changes.") \
  IN(pin, "int", kPortRequired, "", "Pin number; monitoring starts when it arrives")      \
  IN(interval, "int", false, "100", "Sampling period in milliseconds (at least 1)")       \
  OUT(out, "boolean", false, "", "The level, on each change; or an error packet")

namespace emflow {

struct MonitorPin : ComponentBase {
  EMFLOW_PORT_ENUMS(MonitorPin)
  uint32_t interval;
  uint8_t pin;
  bool level;
  bool known;  // `level` holds a reading

  void start(Context&) {
    interval = 100;
    pin = kNoPin;
  }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_interval) {
      if (!packet.isData() || packet.asInt() < 1) return ctx.reject(port, kErrOutOfRange);
      interval = static_cast<uint32_t>(packet.asInt());
      if (pin != kNoPin) ctx.wakeAfter(interval);
      return;
    }
    if (!acceptPin(ctx, packet, port, &pin)) return;
    known = false;
    const Status status = ctx.io().pinMode(pin, kPinInput);
    if (status != kOk) {
      ctx.sendError(kOut_out, status);
      return;
    }
    wake(ctx);
  }

  void wake(Context& ctx) {
    bool now = false;
    const Status status = ctx.io().digitalRead(pin, &now);
    if (status != kOk) {
      ctx.sendError(kOut_out, status);
    } else if (!known || now != level) {
      level = now;
      known = true;
      ctx.sendBool(kOut_out, now);
    }
    ctx.wakeAfter(interval);
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_MONITOR_PIN_H
