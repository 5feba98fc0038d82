// BreakBeforeMake: drives two relays (OUT1 for IN = true, OUT2 for IN = false) so that they
// are never both on: before turning one on it turns the other off and waits until that
// relay's monitor (MONITOR1/MONITOR2, fed back from the pin) confirms false.
//
// Defined first-packet behaviour (MicroFlo's swallowed it): at start nothing is assumed about
// the relays and nothing is sent. The first packet on IN is acted on like any other: it sends
// false to the other output, and once that output's monitor reports false, true to the
// wanted output. A packet that asks for the state already reached sends nothing. If IN
// changes while waiting for a confirmation, the latest request wins. If a monitor never
// confirms (a stuck relay), the other output is never turned on.
#ifndef EMFLOW_COMPONENTS_BREAK_BEFORE_MAKE_H
#define EMFLOW_COMPONENTS_BREAK_BEFORE_MAKE_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_BreakBeforeMake(COMPONENT, IN, OUT)                                \
  COMPONENT("BreakBeforeMake", "exchange",                                                 \
            "Switches between two outputs so that one is confirmed off (via its monitor) " \
            "before the other turns on; the first packet is acted on.")                    \
  IN(in, "boolean", false, "", "true selects OUT1, false selects OUT2")                    \
  IN(monitor1, "boolean", false, "", "Feedback: the actual state of the OUT1 relay")       \
  IN(monitor2, "boolean", false, "", "Feedback: the actual state of the OUT2 relay")       \
  OUT(out1, "boolean", false, "", "Relay 1 command")                                       \
  OUT(out2, "boolean", false, "", "Relay 2 command")

namespace emflow {

struct BreakBeforeMake : ComponentBase {
  EMFLOW_PORT_ENUMS(BreakBeforeMake)
  // Relay numbers: 0 none, 1 (OUT1), 2 (OUT2).
  uint8_t wanted;   // the relay IN asks for
  uint8_t active;   // the relay turned on and not since turned off
  uint8_t waiting;  // the relay whose off-confirmation is awaited

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    if (port == kIn_in) {
      request(ctx, packet.asBool() ? 1 : 2);
    } else if (port == waiting && !packet.asBool()) {  // monitor1 is port 1, monitor2 port 2
      waiting = 0;
      active = wanted;
      ctx.sendBool(static_cast<uint8_t>(wanted - 1), true);
    }
  }

 private:
  void request(Context& ctx, uint8_t relay) {
    const uint8_t other = static_cast<uint8_t>(3 - relay);
    wanted = relay;
    if (waiting == 0 && active == relay) return;  // already there
    if (waiting == other) return;                 // already breaking the other one
    active = 0;
    waiting = other;
    ctx.sendBool(static_cast<uint8_t>(other - 1), false);
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_BREAK_BEFORE_MAKE_H
