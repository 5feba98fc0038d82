// Repeat: NoFlo's core/Repeat (what the fbp-protocol test suite expects); same as Forward.
#ifndef EMFLOW_COMPONENTS_REPEAT_H
#define EMFLOW_COMPONENTS_REPEAT_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Repeat(COMPONENT, IN, OUT)                                                 \
  COMPONENT("Repeat", "forward", "Sends every packet it receives, unchanged (NoFlo core/Repeat).") \
  IN(in, "all", false, "", "Packets to repeat")                                                    \
  OUT(out, "all", false, "", "The same packets, in order")

namespace emflow {

struct Repeat : ComponentBase {
  EMFLOW_PORT_ENUMS(Repeat)
  void process(Context& ctx, const Packet& packet, uint8_t) { ctx.send(kOut_out, packet); }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_REPEAT_H
