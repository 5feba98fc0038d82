// Merge: forwards packets from any number of connections to one out-port, in arrival order.
#ifndef EMFLOW_COMPONENTS_MERGE_H
#define EMFLOW_COMPONENTS_MERGE_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Merge(COMPONENT, IN, OUT)                                        \
  COMPONENT("Merge", "compress", "Forwards packets from every connection of IN to OUT.") \
  IN(in, "all", true, "", "Packets from any number of connections (IN[0], IN[1], ...)")  \
  OUT(out, "all", false, "", "All packets, in arrival order")

namespace emflow {

struct Merge : ComponentBase {
  EMFLOW_PORT_ENUMS(Merge)
  void process(Context& ctx, const Packet& packet, uint8_t) { ctx.send(kOut_out, packet); }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_MERGE_H
