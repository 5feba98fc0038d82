// Split: copies each packet to every connection of its array out-port.
#ifndef EMFLOW_COMPONENTS_SPLIT_H
#define EMFLOW_COMPONENTS_SPLIT_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Split(COMPONENT, IN, OUT)                                           \
  COMPONENT("Split", "expand",                                                              \
            "Sends a copy of each packet to every connection of OUT, in connection order.") \
  IN(in, "all", false, "", "Packets to copy")                                               \
  OUT(out, "all", true, "", "One copy per connection (OUT[0], OUT[1], ...)")

namespace emflow {

struct Split : ComponentBase {
  EMFLOW_PORT_ENUMS(Split)
  void process(Context& ctx, const Packet& packet, uint8_t) { ctx.send(kOut_out, packet); }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_SPLIT_H
