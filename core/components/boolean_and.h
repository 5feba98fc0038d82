// BooleanAnd: Sends A AND B once both have arrived, then on every later value.
#ifndef EMFLOW_COMPONENTS_BOOLEAN_AND_H
#define EMFLOW_COMPONENTS_BOOLEAN_AND_H

#include "two_inputs.h"

#define EMFLOW_DESCRIBE_BooleanAnd(COMPONENT, IN, OUT)                          \
  COMPONENT("BooleanAnd", "th-large",                                           \
            "Sends A AND B once both have arrived, then on every later value.") \
  IN(a, "boolean", false, "", "First operand")                                  \
  IN(b, "boolean", false, "", "Second operand")                                 \
  OUT(out, "boolean", false, "", "The conjunction")

namespace emflow {

struct BooleanAnd : ComponentBase {
  EMFLOW_PORT_ENUMS(BooleanAnd)
  TwoInputs inputs;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!inputs.update(ctx, packet, port)) return;
    const float a = inputs.a;
    const float b = inputs.b;
    ctx.send(kOut_out, Packet::Bool(a != 0.0f && b != 0.0f));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_BOOLEAN_AND_H
