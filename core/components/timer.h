// Timer: a bang every INTERVAL milliseconds of the IO clock. It asks the network for one
// wake-up per period (it is never polled). Periods are counted from the previous deadline,
// not from when the wake-up ran, so a late loop does not make the timer drift.
#ifndef EMFLOW_COMPONENTS_TIMER_H
#define EMFLOW_COMPONENTS_TIMER_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Timer(COMPONENT, IN, OUT)                                             \
  COMPONENT("Timer", "clock-o",                                                               \
            "Sends a bang every INTERVAL milliseconds while enabled; the first one INTERVAL " \
            "ms after start.")                                                                \
  IN(interval, "int", false, "1000", "Period in milliseconds; 0 stops the timer")             \
  IN(enable, "boolean", false, "true", "false pauses the timer, true restarts the period")    \
  IN(reset, "bang", false, "", "Restarts the current period from now")                        \
  OUT(out, "bang", false, "", "One bang per period")

namespace emflow {

struct Timer : ComponentBase {
  EMFLOW_PORT_ENUMS(Timer)
  uint32_t interval;
  TimeMs next;  // deadline of the next bang
  bool disabled;

  void start(Context& ctx) {
    interval = 1000;
    restart(ctx);
  }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_interval) {
      if (!packet.isData() || packet.asInt() < 0) return ctx.reject(port, kErrOutOfRange);
      interval = static_cast<uint32_t>(packet.asInt());
    } else if (port == kIn_enable) {
      if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
      disabled = !packet.asBool();
    }
    restart(ctx);
  }

  void wake(Context& ctx) {
    ctx.sendWord(kOut_out, kPacketVoid, 0);  // a bang (sendWord: no Packet on this stack)
    next += interval;
    ctx.wakeAt(next);
  }

 private:
  // Out of line: start() and process() both restart, and a copy in each costs AVR flash.
  EMFLOW_NOINLINE void restart(Context& ctx) {
    if (disabled || interval == 0) return ctx.cancelWake();
    next = ctx.now() + interval;
    ctx.wakeAt(next);
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_TIMER_H
