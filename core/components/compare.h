// Compare: Sends -1, 0 or 1 as A is below, equal to or above B, once both have arrived.
#ifndef EMFLOW_COMPONENTS_COMPARE_H
#define EMFLOW_COMPONENTS_COMPARE_H

#include "two_inputs.h"

#define EMFLOW_DESCRIBE_Compare(COMPONENT, IN, OUT)                                         \
  COMPONENT("Compare", "balance-scale",                                                     \
            "Sends -1, 0 or 1 as A is below, equal to or above B, once both have arrived.") \
  IN(a, "number", false, "", "First operand")                                               \
  IN(b, "number", false, "", "Second operand")                                              \
  OUT(out, "int", false, "", "-1 (A < B), 0 (A == B) or 1 (A > B)")

namespace emflow {

struct Compare : ComponentBase {
  EMFLOW_PORT_ENUMS(Compare)
  TwoInputs inputs;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!inputs.update(ctx, packet, port)) return;
    const float a = inputs.a;
    const float b = inputs.b;
    ctx.send(kOut_out, Packet::Int(a < b ? -1 : (a > b ? 1 : 0)));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_COMPARE_H
