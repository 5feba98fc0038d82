// What the model engine costs a sketch, for firmware/meter/engine_sizes.sh: built once without
// the engine (ENGINE_NONE) and once per engine configuration an exported sketch can have (the
// switches of core/ml/trees.h the exporter sets from its models, emflow_config.h), so the
// differences are the engine's flash and static RAM as the web app's firmware dialog shows
// them. A one-byte blob in PROGMEM stands for the model (its bytes are the model's own cost);
// features come from a volatile array so nothing is folded away.
#include <avr/pgmspace.h>
#include <stdint.h>

volatile float sink;
volatile int16_t input[4];

#ifndef ENGINE_NONE
#include "ml/model_store.h"
static const uint8_t kBlob[] PROGMEM = {0};

#endif

int main() {
  float x[4], outputs[4];
  int16_t xq[4];
  for (uint8_t i = 0; i < 4; ++i) {
    xq[i] = input[i];
    x[i] = xq[i];
  }
  outputs[0] = x[0];
#ifndef ENGINE_NONE
  emflow::Model model;
  int32_t label = 0;
  emflow::modelStorePut(0, kBlob, sizeof kBlob, emflow::kMemoryFlash);
  emflow::modelStoreOpen(0, &model);
#ifndef EMFLOW_MODELS_NO_FLOAT
  emflow::modelPredict(&model, x, 4, outputs, 4, &label);
#endif
#ifndef EMFLOW_MODELS_NO_INT16
  emflow::modelPredictInt16(&model, xq, 4, outputs, 4, &label);
#endif
  sink = label;
#endif
  sink = sink + outputs[0];
  return 0;
}
