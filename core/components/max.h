// Max: Sends the larger of A and B once both have arrived, then on every later value.
#ifndef EMFLOW_COMPONENTS_MAX_H
#define EMFLOW_COMPONENTS_MAX_H

#include "two_inputs.h"

#define EMFLOW_DESCRIBE_Max(COMPONENT, IN, OUT)                                               \
  COMPONENT("Max", "arrow-up",                                                                \
            "Sends the larger of A and B once both have arrived, then on every later value.") \
  IN(a, "number", false, "", "First operand")                                                 \
  IN(b, "number", false, "", "Second operand")                                                \
  OUT(out, "number", false, "", "max(A, B)")

namespace emflow {

struct Max : ComponentBase {
  EMFLOW_PORT_ENUMS(Max)
  TwoInputs inputs;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!inputs.update(ctx, packet, port)) return;
    const float a = inputs.a;
    const float b = inputs.b;
    ctx.send(kOut_out, Packet::Float(a > b ? a : b));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_MAX_H
