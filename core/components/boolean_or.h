// BooleanOr: Sends A OR B once both have arrived, then on every later value.
#ifndef EMFLOW_COMPONENTS_BOOLEAN_OR_H
#define EMFLOW_COMPONENTS_BOOLEAN_OR_H

#include "two_inputs.h"

#define EMFLOW_DESCRIBE_BooleanOr(COMPONENT, IN, OUT)                                             \
  COMPONENT("BooleanOr", "th", "Sends A OR B once both have arrived, then on every later value.") \
  IN(a, "boolean", false, "", "First operand")                                                    \
  IN(b, "boolean", false, "", "Second operand")                                                   \
  OUT(out, "boolean", false, "", "The disjunction")

namespace emflow {

struct BooleanOr : ComponentBase {
  EMFLOW_PORT_ENUMS(BooleanOr)
  TwoInputs inputs;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!inputs.update(ctx, packet, port)) return;
    const float a = inputs.a;
    const float b = inputs.b;
    ctx.send(kOut_out, Packet::Bool(a != 0.0f || b != 0.0f));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_BOOLEAN_OR_H
