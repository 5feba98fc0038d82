// Classify: runs a classifier from the model store on each feature vector.
#ifndef EMFLOW_COMPONENTS_CLASSIFY_H
#define EMFLOW_COMPONENTS_CLASSIFY_H

#include "model_node.h"

#define EMFLOW_DESCRIBE_Classify(COMPONENT, IN, OUT)                                        \
  COMPONENT("Classify", "tags",                                                             \
            "Runs a classifier from the model store on each feature vector (a bracketed "   \
            "sequence of numbers) and sends the class index and the class probabilities.")  \
  IN(model, "int", kPortRequired, "", "Id of the model in the model store")                 \
  IN(in, "array", false, "", "Feature vector: bracket open, one number per feature, close") \
  OUT(out, "int", false, "", "Predicted class index")                                       \
  OUT(proba, "array", kPortOptional, "", "Class probabilities as a bracketed sequence of numbers")

namespace emflow {

struct Classify : ComponentBase {
  EMFLOW_PORT_ENUMS(Classify)
  ModelNode node;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_model) return node.open(ctx, packet, port, kRoleClassifier);
    float outputs[ModelNode::kMaxOutputs];
    int32_t label;
    if (!node.run(ctx, packet, port, outputs, &label)) return;
    ctx.send(kOut_out, Packet::Int(label));
    if (!ctx.isConnected(kOut_proba)) return;
    ctx.send(kOut_proba, Packet::BracketOpen());
    for (uint16_t k = 0; k < node.model.blob.nOutputs; ++k)
      ctx.send(kOut_proba, Packet::Float(outputs[k]));
    ctx.send(kOut_proba, Packet::BracketClose());
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_CLASSIFY_H
