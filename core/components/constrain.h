// Constrain: clamps a value into [LOWER, UPPER].
#ifndef EMFLOW_COMPONENTS_CONSTRAIN_H
#define EMFLOW_COMPONENTS_CONSTRAIN_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Constrain(COMPONENT, IN, OUT)                  \
  COMPONENT("Constrain", "compress", "Clamps IN into [LOWER, UPPER].") \
  IN(in, "number", false, "", "Value to clamp")                        \
  IN(lower, "number", false, "0", "Smallest value sent")               \
  IN(upper, "number", false, "255", "Largest value sent")              \
  OUT(out, "number", false, "", "The clamped value; an error packet if LOWER > UPPER")

namespace emflow {

struct Constrain : ComponentBase {
  EMFLOW_PORT_ENUMS(Constrain)
  float lower;
  float upper;

  void start(Context&) { upper = 255.0f; }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    const float x = packet.asFloat();
    if (port == kIn_lower) {
      lower = x;
    } else if (port == kIn_upper) {
      upper = x;
    } else if (lower > upper) {
      ctx.send(kOut_out, Packet::Error(kErrOutOfRange));
    } else {
      ctx.send(kOut_out, Packet::Float(x < lower ? lower : (x > upper ? upper : x)));
    }
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_CONSTRAIN_H
