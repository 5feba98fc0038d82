// Shared state and logic of the model components (Classify, Regress, AnomalyScore): the MODEL
// in-port opens a model from the model store by id, the IN in-port collects a bracketed feature
// vector and runs the model on it. int16 models get the features rounded to int16 (scale them
// upstream, as for training).
#ifndef EMFLOW_COMPONENTS_MODEL_NODE_H
#define EMFLOW_COMPONENTS_MODEL_NODE_H

#include "../ml/feature_vector.h"
#include "../ml/model_store.h"
#include "../runtime/component.h"

namespace emflow {

struct ModelNode {
  Model model;
  FeatureVector features;
  bool ready;  // a model is open

  // Handles the MODEL port: opens model `id` if it has the expected role.
  void open(Context& ctx, const Packet& packet, uint8_t port, ModelRole role) {
    ready = false;
    if (!packet.isData() || packet.asInt() < 0 || packet.asInt() > 255)
      return ctx.reject(port, kErrOutOfRange);
    const Status status = modelStoreOpen(static_cast<uint8_t>(packet.asInt()), &model);
    if (status != kOk) return ctx.reject(port, status);
    if (modelRole(model.blob.kind) != role) return ctx.reject(port, kErrModelType);
    if (!buildPredicts(modelIsInt16(&model))) return ctx.reject(port, kErrModelType);
    ready = true;
  }

  // Handles the IN port; true when `outputs` (n_outputs values) and `label` are new.
  bool run(Context& ctx, const Packet& packet, uint8_t port, float* outputs, int32_t* label) {
    Status why = kOk;
    const FeatureVector::Event event = features.feed(packet, &why);
    if (event == FeatureVector::kError) ctx.reject(port, why);
    if (event != FeatureVector::kComplete) return false;
    if (!ready) {
      ctx.reject(port, kErrNotReady);
      return false;
    }
    const Status status = predict(outputs, label);
    if (status != kOk) ctx.reject(port, status);
    return status == kOk;
  }

  static const uint16_t kMaxOutputs = 16;  // outputs a component passes on

 private:
  // False when a size switch (EMFLOW_MODELS_NO_INT16 / EMFLOW_MODELS_NO_FLOAT, see
  // core/ml/trees.h; set by the exporter from the graph's models) removed this model's path.
  static bool buildPredicts(bool int16Model) {
#if defined(EMFLOW_MODELS_NO_INT16) && EMFLOW_MODELS_NO_INT16
    if (int16Model) return false;
#endif
#if defined(EMFLOW_MODELS_NO_FLOAT) && EMFLOW_MODELS_NO_FLOAT
    if (!int16Model) return false;
#endif
    (void)int16Model;
    return true;
  }

  Status predict(float* outputs, int32_t* label) {
    if (model.blob.nOutputs > kMaxOutputs) return kErrBufferTooSmall;
    const bool int16Model = modelIsInt16(&model);
    if (!buildPredicts(int16Model)) return kErrModelType;
#if !(defined(EMFLOW_MODELS_NO_FLOAT) && EMFLOW_MODELS_NO_FLOAT)
    if (!int16Model)
      return modelPredict(&model, features.values, features.count, outputs, kMaxOutputs, label);
#endif
#if defined(EMFLOW_MODELS_NO_INT16) && EMFLOW_MODELS_NO_INT16
    return kErrModelType;
#else
    int16_t scaled[EMFLOW_MODEL_MAX_FEATURES];
    for (uint8_t i = 0; i < features.count; ++i) {
      const float v = features.values[i];
      scaled[i] = v >= 32767.0f    ? 32767
                  : v <= -32768.0f ? -32768
                                   : static_cast<int16_t>(v >= 0 ? v + 0.5f : v - 0.5f);
    }
    return modelPredictInt16(&model, scaled, features.count, outputs, kMaxOutputs, label);
#endif
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_MODEL_NODE_H
