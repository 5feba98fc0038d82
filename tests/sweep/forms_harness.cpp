// AVR firmware that measures one model in one device form for the sweep's size and cycle models
// (python/emflow/device_cost.py; built by tests/sweep/avr_forms.py): runs the model on
// SAMPLE_COUNT rows stored in flash, times each prediction with Timer1 at prescaler 1 (one
// count per CPU cycle), prints "label cycles" per row on UART0, then "done". One -D each:
//   FORM_NONE    no predictor: the harness alone (flash/RAM/cycle offsets)
//   FORM_INLINE  `emflow codegen` inline code   } predict_label(x) for classifiers,
//   FORM_TABLES  `emflow codegen --tables`      } predict(x, outputs) for regressors
//   FORM_BLOB    the blob in flash read by the model engine through the model store, as an
//                exported sketch runs it (the engine sources are linked by the builder)
// SAMPLE_INT16 selects int16 features (an int16 model), else float. MODEL_REGRESSOR selects
// predict() for the generated forms and reports the bits of outputs[0] instead of the label. The
// same rows are in every form's build, so the difference to FORM_NONE is what the model costs.
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>
#include <avr/sleep.h>
#include <stdint.h>
#include <string.h>

#include "../avr/cycle_timer.h"
#include "../avr/uart_report.h"
#include "samples.h"  // kSamples[SAMPLE_COUNT * SAMPLE_FEATURES], SAMPLE_OUTPUTS

#if defined(SAMPLE_INT16)
typedef int16_t Sample;
#define READ_SAMPLE(p) static_cast<int16_t>(pgm_read_word(p))
#else
typedef float Sample;
#define READ_SAMPLE(p) pgm_read_float(p)
#endif

#if defined(FORM_INLINE) || defined(FORM_TABLES)
#include "model_form.h"  // namespace model
#elif defined(FORM_BLOB)
#include "ml/model_store.h"
static const uint8_t kBlob[] PROGMEM = {
#include "model_blob.inc"
};
#endif

namespace {

volatile float sink;

void stop() {
  cli();
  sleep_cpu();
}

}  // namespace

int main() {
  uart_report::init();
  cycle_timer::init();
  float outputs[SAMPLE_OUTPUTS] = {0};
#if defined(FORM_BLOB)
  emflow::Model model;
  if (emflow::modelStorePut(0, kBlob, sizeof kBlob, emflow::kMemoryFlash) != emflow::kOk ||
      emflow::modelStoreOpen(0, &model) != emflow::kOk) {
    uart_report::put('!');
    stop();
  }
#endif
  for (uint16_t row = 0; row < SAMPLE_COUNT; ++row) {
    Sample x[SAMPLE_FEATURES];
    for (uint8_t i = 0; i < SAMPLE_FEATURES; ++i)
      x[i] = READ_SAMPLE(&kSamples[row * SAMPLE_FEATURES + i]);
    int32_t label = 0;
    asm volatile("" ::: "memory");
    cycle_timer::start();
#if defined(FORM_BLOB) && defined(SAMPLE_INT16)
    emflow::modelPredictInt16(&model, x, SAMPLE_FEATURES, outputs, SAMPLE_OUTPUTS, &label);
#elif defined(FORM_BLOB)
    emflow::modelPredict(&model, x, SAMPLE_FEATURES, outputs, SAMPLE_OUTPUTS, &label);
#elif defined(MODEL_REGRESSOR)
    label = model::predict(x, outputs);
#elif defined(FORM_INLINE) || defined(FORM_TABLES)
    label = model::predict_label(x);
#else
    // No arithmetic on x: a stand-in that compared or converted a feature would bring code
    // (float compare, int-to-float) whose absence in a model's build counted against it.
    asm volatile("" : : "r"(&x[0]) : "memory");
#endif
    asm volatile("" : "+r"(label)::"memory");  // the result exists before the timer is read
    const uint32_t cycles = cycle_timer::stop();
    asm volatile("" ::: "memory");
    sink = outputs[0];  // the outputs stay live
#if defined(MODEL_REGRESSOR)
    memcpy(&label, &outputs[0], sizeof label);  // reported as its bits: forms compare exactly
#endif
    uart_report::row(label, cycles);
  }
  uart_report::done();
  stop();
  return 0;
}
