// The model meter: a firmware that measures a model's cycles per prediction on the AVR it runs
// on. The host writes a model blob and feature rows into the meter's flash area (kArea, found
// by its magic) — in a simulator by patching the image, as a build would place them — and the
// meter times each prediction with Timer1 at prescaler 1 (one count per CPU cycle, overflows
// counted), so the same .hex answers on avr8js (web/src/virtual-board/modelMeter.ts) and simavr.
// It runs what an exported model sketch runs (core/host/firmware/export/model_sketch.cpp):
// modelOpen on the blob in flash, then modelPredict (float models) or modelPredictInt16 on the
// rounded features (int16 models); it prints per row "row R label L cycles C", then "done";
// errors as "error ...". Built by firmware/meter/build.sh (a 328P with 64 KB of flash).
//
// Area layout (little-endian): "EMFMETER", u16 capacity (bytes after the 16-byte header),
// u16 blob length, u16 row count, u8 features per row, u8 0; the blob; the rows as float32.
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>
#include <avr/sleep.h>

#include "ml/model.h"
#include "runtime/status.h"
#include "uart0.h"

#ifndef EMFLOW_METER_AREA
#define EMFLOW_METER_AREA 30720
#endif
#define EMFLOW_METER_MAX_FEATURES 64
#define EMFLOW_METER_MAX_OUTPUTS 16

namespace {

const uint8_t kArea[16 + EMFLOW_METER_AREA] __attribute__((used)) PROGMEM = {
    'E', 'M', 'F', 'M', 'E', 'T', 'E', 'R', EMFLOW_METER_AREA & 0xff, EMFLOW_METER_AREA >> 8};

volatile uint16_t overflows;

uint16_t areaWord(uint16_t offset) {
  return pgm_read_word(kArea + offset);
}

void halt(const char* flashText) {
  if (flashText) emflow::uart0::printFlash(flashText);
  cli();
  sleep_enable();
  sleep_cpu();  // interrupts off: a simulator ends here, a board stops
}

void startTimer() {
  const uint8_t sreg = SREG;
  cli();
  overflows = 0;
  TCNT1 = 0;
  TIFR1 = _BV(TOV1);
  TIMSK1 = _BV(TOIE1);  // overflows counted only while timing (see readTimer)
  SREG = sreg;
}

uint32_t readTimer() {
  const uint8_t sreg = SREG;
  cli();
  uint16_t low = TCNT1;
  uint16_t high = overflows;
  if (TIFR1 & _BV(TOV1)) {  // an overflow not yet counted by the interrupt
    low = TCNT1;
    ++high;
  }
  // Off again: the rest of the meter's work (opening the model, printing) never takes the
  // interrupt, so a simulator with another vector table for it (simavr's atmega1284p) runs the
  // meter as long as no single prediction overflows.
  TIMSK1 = 0;
  SREG = sreg;
  return (static_cast<uint32_t>(high) << 16) | low;
}

}  // namespace

ISR(TIMER1_OVF_vect) {
  ++overflows;
}

int main() {
  using namespace emflow;
  uart0::begin();
  TCCR1A = 0;
  TCCR1B = _BV(CS10);  // Timer1 counts CPU cycles
  sei();
  const uint16_t blobLength = areaWord(10);
  const uint16_t rows = areaWord(12);
  const uint8_t nFeatures = pgm_read_byte(kArea + 14);
  if (blobLength == 0) halt(PSTR("error no model in the meter's area\n"));
  Model model;
  Status status = modelOpen(&model, kArea + 16, blobLength, kMemoryFlash);
  if (status != kOk) {
    uart0::printFlash(PSTR("error model: status "));
    uart0::printNumber(status);
    halt(PSTR("\n"));
  }
  if (nFeatures != model.blob.nFeatures || nFeatures > EMFLOW_METER_MAX_FEATURES ||
      model.blob.nOutputs > EMFLOW_METER_MAX_OUTPUTS)
    halt(PSTR("error rows do not match the model (features) or too many features/outputs\n"));
  // The timer's own cost (start, read), subtracted from each figure.
  startTimer();
  const uint32_t overhead = readTimer();
  const bool int16Model = modelIsInt16(&model);
  const uint8_t* row = kArea + 16 + blobLength;
  for (uint16_t r = 0; r < rows; ++r) {
    float features[EMFLOW_METER_MAX_FEATURES];
    int16_t scaled[EMFLOW_METER_MAX_FEATURES];
    for (uint8_t i = 0; i < nFeatures; ++i, row += 4) {
      const float v = pgm_read_float(row);
      features[i] = v;
      // As the model node rounds for an int16 model (core/components/model_node.h).
      scaled[i] = v >= 32767.0f    ? 32767
                  : v <= -32768.0f ? -32768
                                   : static_cast<int16_t>(v >= 0 ? v + 0.5f : v - 0.5f);
    }
    float outputs[EMFLOW_METER_MAX_OUTPUTS];
    int32_t label = 0;
    asm volatile("" ::: "memory");
    startTimer();
    status = int16Model ? modelPredictInt16(&model, scaled, nFeatures, outputs,
                                            EMFLOW_METER_MAX_OUTPUTS, &label)
                        : modelPredict(&model, features, nFeatures, outputs,
                                       EMFLOW_METER_MAX_OUTPUTS, &label);
    asm volatile("" : "+r"(label)::"memory");  // the result exists before the timer is read
    const uint32_t cycles = readTimer() - overhead;
    if (status != kOk) {
      uart0::printFlash(PSTR("error predict: status "));
      uart0::printNumber(status);
      halt(PSTR("\n"));
    }
    uart0::printFlash(PSTR("row "));
    uart0::printNumber(r);
    uart0::printFlash(PSTR(" label "));
    uart0::printNumber(label);
    uart0::printFlash(PSTR(" cycles "));
    uart0::printNumber(static_cast<int32_t>(cycles));
    uart0::putByte('\n');
  }
  halt(PSTR("done\n"));
  return 0;
}
