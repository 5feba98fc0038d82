// Drop: a sink that accepts and discards every packet (NoFlo core/Drop). Dropping here is the
// component's purpose, so it is not counted as an error.
#ifndef EMFLOW_COMPONENTS_DROP_H
#define EMFLOW_COMPONENTS_DROP_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Drop(COMPONENT, IN, OUT)                              \
  COMPONENT("Drop", "trash-o", "Accepts packets and does nothing with them.") \
  IN(in, "all", false, "", "Packets to discard")

namespace emflow {

struct Drop : ComponentBase {
  EMFLOW_PORT_ENUMS(Drop)
  void process(Context&, const Packet&, uint8_t) {}
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_DROP_H
