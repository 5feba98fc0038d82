// AnomalyScore: runs an anomaly detector (e.g. IsolationForest) from the model store on each
// feature vector.
#ifndef EMFLOW_COMPONENTS_ANOMALY_SCORE_H
#define EMFLOW_COMPONENTS_ANOMALY_SCORE_H

#include "model_node.h"

#define EMFLOW_DESCRIBE_AnomalyScore(COMPONENT, IN, OUT)                                       \
  COMPONENT("AnomalyScore", "warning",                                                         \
            "Runs an anomaly detector from the model store on each feature vector (a "         \
            "bracketed sequence of numbers); sends its decision score and whether the vector " \
            "is an outlier.")                                                                  \
  IN(model, "int", kPortRequired, "", "Id of the model in the model store")                    \
  IN(in, "array", false, "", "Feature vector: bracket open, one number per feature, close")    \
  OUT(score, "number", false, "", "decision_function: negative for outliers")                  \
  OUT(anomaly, "boolean", false, "", "true when the vector is an outlier")

namespace emflow {

struct AnomalyScore : ComponentBase {
  EMFLOW_PORT_ENUMS(AnomalyScore)
  ModelNode node;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_model) return node.open(ctx, packet, port, kRoleAnomaly);
    float outputs[ModelNode::kMaxOutputs];
    int32_t label;
    if (!node.run(ctx, packet, port, outputs, &label)) return;
    ctx.send(kOut_score, Packet::Float(outputs[node.model.blob.nOutputs > 1 ? 1 : 0]));
    ctx.send(kOut_anomaly, Packet::Bool(label < 0));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_ANOMALY_SCORE_H
