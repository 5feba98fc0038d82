// HysteresisLatch: a thermostat's decision. True once the value rises above HIGHTHRESHOLD,
// false once it falls below LOWTHRESHOLD, unchanged in between.
//
// Defined start (MicroFlo's depended on the first reading): the latch starts false ("off"),
// and the FIRST reading always produces an output — even a reading between the thresholds
// sends false — so the rest of the graph learns a definite state at once. After that, an
// output is sent only when the state changes. If LOWTHRESHOLD > HIGHTHRESHOLD when a reading
// arrives, an error packet (out of range) is sent instead and the state is kept.
#ifndef EMFLOW_COMPONENTS_HYSTERESIS_LATCH_H
#define EMFLOW_COMPONENTS_HYSTERESIS_LATCH_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_HysteresisLatch(COMPONENT, IN, OUT)                                  \
  COMPONENT("HysteresisLatch", "thermometer-half",                                           \
            "true above HIGHTHRESHOLD, false below LOWTHRESHOLD, unchanged between; starts " \
            "false and always answers the first reading, then sends only changes.")          \
  IN(in, "number", false, "", "The measured value (e.g. temperature)")                       \
  IN(lowthreshold, "number", false, "0", "Below this the output becomes false")              \
  IN(highthreshold, "number", false, "0", "Above this the output becomes true")              \
  OUT(out, "boolean", false, "", "The latched state")

namespace emflow {

struct HysteresisLatch : ComponentBase {
  EMFLOW_PORT_ENUMS(HysteresisLatch)
  float low;
  float high;
  bool on;
  bool answered;  // the first reading has been answered

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    const float x = packet.asFloat();
    if (port == kIn_lowthreshold) {
      low = x;
      return;
    }
    if (port == kIn_highthreshold) {
      high = x;
      return;
    }
    if (low > high) {
      ctx.sendError(kOut_out, kErrOutOfRange);
      return;
    }
    const bool was = on;
    if (x > high) on = true;
    if (x < low) on = false;
    if (!answered || on != was) ctx.sendBool(kOut_out, on);
    answered = true;
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_HYSTERESIS_LATCH_H
