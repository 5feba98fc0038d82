// ToggleBoolean: flips a stored truth value on every packet. Starts false, so the first
// packet sends true.
#ifndef EMFLOW_COMPONENTS_TOGGLE_BOOLEAN_H
#define EMFLOW_COMPONENTS_TOGGLE_BOOLEAN_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_ToggleBoolean(COMPONENT, IN, OUT)                                     \
  COMPONENT("ToggleBoolean", "toggle-on",                                                     \
            "Flips its state on each packet on IN and sends it; starts false (first: true).") \
  IN(in, "bang", false, "", "Any packet flips the state")                                     \
  IN(reset, "bang", false, "", "Sets the state back to false (and sends false)")              \
  OUT(out, "boolean", false, "", "The resulting state")

namespace emflow {

struct ToggleBoolean : ComponentBase {
  EMFLOW_PORT_ENUMS(ToggleBoolean)
  bool state;

  void process(Context& ctx, const Packet&, uint8_t port) {
    state = port == kIn_reset ? false : !state;
    ctx.send(kOut_out, Packet::Bool(state));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_TOGGLE_BOOLEAN_H
