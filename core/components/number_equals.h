// NumberEquals: Sends whether A equals B once both have arrived, then on every later value.
#ifndef EMFLOW_COMPONENTS_NUMBER_EQUALS_H
#define EMFLOW_COMPONENTS_NUMBER_EQUALS_H

#include "two_inputs.h"

#define EMFLOW_DESCRIBE_NumberEquals(COMPONENT, IN, OUT)                                   \
  COMPONENT("NumberEquals", "pause",                                                       \
            "Sends whether A equals B once both have arrived, then on every later value.") \
  IN(a, "number", false, "", "First operand")                                              \
  IN(b, "number", false, "", "Second operand")                                             \
  OUT(out, "boolean", false, "", "true when A == B")

namespace emflow {

struct NumberEquals : ComponentBase {
  EMFLOW_PORT_ENUMS(NumberEquals)
  TwoInputs inputs;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!inputs.update(ctx, packet, port)) return;
    const float a = inputs.a;
    const float b = inputs.b;
    ctx.send(kOut_out, Packet::Bool(a == b));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_NUMBER_EQUALS_H
