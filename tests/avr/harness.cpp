// AVR measurement firmware: runs the reference model on SAMPLE_COUNT rows stored in flash,
// timing each prediction with Timer1 at prescaler 1 (tests/avr/cycle_timer.h), and prints
// "label cycles" per row on UART0, then "done". Variants (one -D each):
//   VARIANT_BASELINE  a trivial predictor: the harness alone (for flash/RAM/cycle offsets)
//   VARIANT_INLINE    generated inline code (emflow codegen), fixed-point voting
//   VARIANT_TABLE     generated compact flash tables (emflow codegen --tables) walked by
//                     core/ml/tree_table.h, fixed-point voting
//   VARIANT_BLOB      the binary model in flash run by the general engine (core/ml/trees.*):
//                     what a device runs when it reads the model at run time
// HARNESS_FAR_PADDING (boards with more than 64 KB of flash) puts 90 KB of flash data before
// every other PROGMEM table, so that the model's tables lie beyond the first 64 KB and are
// reachable only by far reads (ELPM).
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>
#include <avr/sleep.h>
#include <stdint.h>

#include "cycle_timer.h"
#include "samples.h"
#include "uart_report.h"

#if defined(VARIANT_INLINE)
#include "reference_inline.h"
#elif defined(VARIANT_TABLE)
#include "reference_tables.h"
#elif defined(VARIANT_BLOB)
#include "ml/model_blob.h"
#include "ml/trees.h"
#include "reference_blob.h"
#endif

namespace {

#if defined(HARNESS_FAR_PADDING)
// .progmem.gcc* comes first in avr-libc's link order, before the .progmem.data of the model.
#define HARNESS_PADDING(name) \
  __attribute__((section(".progmem.gcc_harness_padding"), used)) const uint8_t name[30000] = {1}
HARNESS_PADDING(kPadding0);
HARNESS_PADDING(kPadding1);
HARNESS_PADDING(kPadding2);
// The samples (and any PSTR text) now lie beyond 64 KB too: read them far, print no PSTR.
#define SAMPLE_WORD(i) pgm_read_word_far(pgm_get_far_address(kSamples) + 2u * (i))
#else
#define SAMPLE_WORD(i) pgm_read_word(&kSamples[i])
#endif

#if defined(VARIANT_BLOB)
// Strings stay in flash (a literal would be copied to RAM and counted as static RAM).
void uart_print_P(const char* text) {
  for (char c = pgm_read_byte(text); c; c = pgm_read_byte(++text)) uart_report::put(c);
}
#endif

}  // namespace

int main() {
  uart_report::init();
  cycle_timer::init();
#if defined(HARNESS_FAR_PADDING)
  // Keeps the padding (a use that --gc-sections sees) without costing a cycle per row.
  if (pgm_read_byte(kPadding0) + pgm_read_byte_far(pgm_get_far_address(kPadding2)) != 2)
    uart_report::put('?');
#endif
#if defined(VARIANT_BLOB)
  // Model state lives on the stack; the tables stay in flash.
  emflow::ModelBlob blob;
  emflow::TreeEnsemble trees;
  if (emflow::modelBlobParse(kReferenceBlob, sizeof kReferenceBlob, emflow::kMemoryFlash, &blob) !=
          emflow::kOk ||
      emflow::treesOpen(&blob, &trees) != emflow::kOk) {
    uart_print_P(PSTR("open failed\n"));
    cli();
    sleep_cpu();
  }
  float outputs[2];
#endif
  for (uint16_t row = 0; row < SAMPLE_COUNT; ++row) {
    int16_t x[SAMPLE_FEATURES];
    for (uint8_t i = 0; i < SAMPLE_FEATURES; ++i)
      x[i] = static_cast<int16_t>(SAMPLE_WORD(row * SAMPLE_FEATURES + i));
    int32_t label = 0;
    asm volatile("" ::: "memory");
    cycle_timer::start();
#if defined(VARIANT_INLINE)
    label = reference::predict_label(x);
#elif defined(VARIANT_TABLE)
    label = reference_tables::predict_label(x);
#elif defined(VARIANT_BLOB)
    emflow::treesPredictInt16(&blob, &trees, x, outputs, &label);
#else
    label = x[0] > 0;
#endif
    asm volatile("" : "+r"(label)::"memory");  // the result exists before the timer is read
    const uint32_t cycles = cycle_timer::stop();
    asm volatile("" ::: "memory");
    uart_report::row(label, cycles);
  }
  uart_report::done();
  cli();
  sleep_cpu();
  return 0;
}
