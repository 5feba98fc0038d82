// Threshold: whether a value is at or above a threshold.
#ifndef EMFLOW_COMPONENTS_THRESHOLD_H
#define EMFLOW_COMPONENTS_THRESHOLD_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Threshold(COMPONENT, IN, OUT)                                           \
  COMPONENT("Threshold", "sliders", "Sends true when IN is at or above THRESHOLD, else false.") \
  IN(in, "number", false, "", "Value to test")                                                  \
  IN(threshold, "number", false, "0", "The threshold")                                          \
  OUT(out, "boolean", false, "", "IN >= THRESHOLD, for each value on IN")

namespace emflow {

struct Threshold : ComponentBase {
  EMFLOW_PORT_ENUMS(Threshold)
  float threshold;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    if (port == kIn_threshold) {
      threshold = packet.asFloat();
    } else {
      ctx.send(kOut_out, Packet::Bool(packet.asFloat() >= threshold));
    }
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_THRESHOLD_H
