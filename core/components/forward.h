// Forward: passes every packet on unchanged (MicroFlo's Forward).
#ifndef EMFLOW_COMPONENTS_FORWARD_H
#define EMFLOW_COMPONENTS_FORWARD_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Forward(COMPONENT, IN, OUT)                                 \
  COMPONENT("Forward", "arrow-right", "Sends every packet it receives, unchanged.") \
  IN(in, "all", false, "", "Packets to pass on")                                    \
  OUT(out, "all", false, "", "The same packets, in order")

namespace emflow {

struct Forward : ComponentBase {
  EMFLOW_PORT_ENUMS(Forward)
  void process(Context& ctx, const Packet& packet, uint8_t) { ctx.send(kOut_out, packet); }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_FORWARD_H
