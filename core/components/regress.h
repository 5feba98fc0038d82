// Regress: runs a regressor from the model store on each feature vector.
#ifndef EMFLOW_COMPONENTS_REGRESS_H
#define EMFLOW_COMPONENTS_REGRESS_H

#include "model_node.h"

#define EMFLOW_DESCRIBE_Regress(COMPONENT, IN, OUT)                                         \
  COMPONENT("Regress", "line-chart",                                                        \
            "Runs a regressor from the model store on each feature vector (a bracketed "    \
            "sequence of numbers) and sends the predicted value.")                          \
  IN(model, "int", kPortRequired, "", "Id of the model in the model store")                 \
  IN(in, "array", false, "", "Feature vector: bracket open, one number per feature, close") \
  OUT(out, "number", false, "", "Predicted value (the first output of the model)")

namespace emflow {

struct Regress : ComponentBase {
  EMFLOW_PORT_ENUMS(Regress)
  ModelNode node;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_model) return node.open(ctx, packet, port, kRoleRegressor);
    float outputs[ModelNode::kMaxOutputs];
    int32_t label;
    if (node.run(ctx, packet, port, outputs, &label)) ctx.send(kOut_out, Packet::Float(outputs[0]));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_REGRESS_H
