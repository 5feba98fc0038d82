// Count: counts the packets it receives and sends the running total.
#ifndef EMFLOW_COMPONENTS_COUNT_H
#define EMFLOW_COMPONENTS_COUNT_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Count(COMPONENT, IN, OUT)                                              \
  COMPONENT("Count", "sort-numeric-asc", "Sends the number of packets received on IN so far.") \
  IN(in, "all", false, "", "Packets to count (any type)")                                      \
  IN(reset, "bang", false, "", "Sets the count back to 0 (and sends 0)")                       \
  OUT(out, "int", false, "", "The count after each packet: 1, 2, 3, ...")

namespace emflow {

struct Count : ComponentBase {
  EMFLOW_PORT_ENUMS(Count)
  int32_t count;

  void process(Context& ctx, const Packet&, uint8_t port) {
    count = port == kIn_reset ? 0 : count + 1;
    ctx.send(kOut_out, Packet::Int(count));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_COUNT_H
