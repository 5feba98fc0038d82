// Flash of one model in its two device forms, for tests/firmware/model_check.sh: built three
// times for the ATmega328P — without a model (FORM_NONE), with the generated C++ of
// `emflow codegen` (FORM_CODEGEN, MODEL_HEADER names it, namespace MODEL_NAMESPACE), and with
// the binary blob in PROGMEM read by the model engine through the model store (FORM_BLOB,
// MODEL_BLOB_INC holds the bytes as a C initializer) — so the differences are what each form
// costs. Features come from a volatile array so nothing is folded away.
#include <avr/pgmspace.h>
#include <stdint.h>

#ifndef MODEL_FEATURES
#define MODEL_FEATURES 8
#endif
#ifndef MODEL_OUTPUTS
#define MODEL_OUTPUTS 2
#endif

volatile float sink;
volatile uint8_t input[MODEL_FEATURES];

#if defined(FORM_CODEGEN)
#include MODEL_HEADER
#elif defined(FORM_BLOB)
#include "ml/model_store.h"
static const uint8_t kBlob[] PROGMEM = {
#include MODEL_BLOB_INC
};
#endif

int main() {
  float x[MODEL_FEATURES], outputs[MODEL_OUTPUTS];
  for (uint8_t i = 0; i < MODEL_FEATURES; ++i) x[i] = input[i];
  outputs[0] = x[0];
#if defined(FORM_CODEGEN)
  sink = MODEL_NAMESPACE::predict(x, outputs) + outputs[0];
#elif defined(FORM_BLOB)
  emflow::Model model;
  int32_t label = 0;
  emflow::modelStorePut(0, kBlob, sizeof kBlob, emflow::kMemoryFlash);
  emflow::modelStoreOpen(0, &model);
  emflow::modelPredict(&model, x, MODEL_FEATURES, outputs, MODEL_OUTPUTS, &label);
  sink = label + outputs[0];
#else
  sink = outputs[0];
#endif
  return 0;
}
