// AVR measurement firmware: runs the reference model on SAMPLE_COUNT rows stored in flash,
// timing each prediction with Timer1 at prescaler 1 (one count per CPU cycle), and prints
// "label cycles" per row on UART0, then "done". Variants (one -D each):
//   VARIANT_BASELINE  a trivial predictor: the harness alone (for flash/RAM/cycle offsets)
//   VARIANT_INLINE    generated inline code (emflow codegen), fixed-point voting
//   VARIANT_TABLE     generated compact flash tables (emflow codegen --tables) walked by
//                     core/ml/tree_table.h, fixed-point voting
//   VARIANT_BLOB      the binary model in flash run by the general engine (core/ml/trees.*):
//                     what a device runs when it reads the model at run time
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>
#include <avr/sleep.h>
#include <stdint.h>

#include "samples.h"

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

void uart_init() {
  UBRR0H = 0;
  UBRR0L = 16;  // 115200 baud at 16 MHz with U2X
  UCSR0A = _BV(U2X0);
  UCSR0B = _BV(TXEN0);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
}

void uart_put(char c) {
  while (!(UCSR0A & _BV(UDRE0))) {
  }
  UDR0 = c;
}

// Strings stay in flash (a literal would be copied to RAM and counted as static RAM).
void uart_print_P(const char* text) {
  for (char c = pgm_read_byte(text); c; c = pgm_read_byte(++text)) uart_put(c);
}

void uart_number(int32_t value) {
  char digits[12];
  uint8_t n = 0;
  if (value < 0) {
    uart_put('-');
    value = -value;
  }
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value);
  while (n) uart_put(digits[--n]);
}

}  // namespace

int main() {
  uart_init();
  TCCR1A = 0;
  TCCR1B = _BV(CS10);  // Timer1 counts CPU cycles
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
      x[i] = static_cast<int16_t>(pgm_read_word(&kSamples[row * SAMPLE_FEATURES + i]));
    int32_t label = 0;
    asm volatile("" ::: "memory");
    TCNT1 = 0;
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
    const uint16_t cycles = TCNT1;
    asm volatile("" ::: "memory");
    uart_number(label);
    uart_put(' ');
    uart_number(cycles);
    uart_put('\n');
  }
  uart_print_P(PSTR("done\n"));
  cli();
  sleep_cpu();
  return 0;
}
