// Min: Sends the smaller of A and B once both have arrived, then on every later value.
#ifndef EMFLOW_COMPONENTS_MIN_H
#define EMFLOW_COMPONENTS_MIN_H

#include "two_inputs.h"

#define EMFLOW_DESCRIBE_Min(COMPONENT, IN, OUT)                                                \
  COMPONENT("Min", "arrow-down",                                                               \
            "Sends the smaller of A and B once both have arrived, then on every later value.") \
  IN(a, "number", false, "", "First operand")                                                  \
  IN(b, "number", false, "", "Second operand")                                                 \
  OUT(out, "number", false, "", "min(A, B)")

namespace emflow {

struct Min : ComponentBase {
  EMFLOW_PORT_ENUMS(Min)
  TwoInputs inputs;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!inputs.update(ctx, packet, port)) return;
    const float a = inputs.a;
    const float b = inputs.b;
    ctx.send(kOut_out, Packet::Float(a < b ? a : b));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_MIN_H
