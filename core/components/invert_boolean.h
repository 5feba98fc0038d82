// InvertBoolean: true -> false, false -> true (any number: non-zero counts as true).
#ifndef EMFLOW_COMPONENTS_INVERT_BOOLEAN_H
#define EMFLOW_COMPONENTS_INVERT_BOOLEAN_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_InvertBoolean(COMPONENT, IN, OUT)                            \
  COMPONENT("InvertBoolean", "exchange", "Sends the logical inverse of each value.") \
  IN(in, "boolean", false, "", "A truth value (numbers: non-zero is true)")          \
  OUT(out, "boolean", false, "", "The inverse")

namespace emflow {

struct InvertBoolean : ComponentBase {
  EMFLOW_PORT_ENUMS(InvertBoolean)
  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    ctx.sendBool(kOut_out, !packet.asBool());
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_INVERT_BOOLEAN_H
