// The fridge firmware (temporary IO probe until the runtime's command stream lands).
#include <avr/interrupt.h>
#include <avr/pgmspace.h>
#include <avr/sleep.h>

#include "avr_io.h"

namespace {
emflow::AvrIO io;
const char kBanner[] PROGMEM = "emflow fridge firmware\n";
const emflow::OneWireAddress kThermometer = {{0x28, 0xAF, 0x1C, 0xB2, 0x04, 0x00, 0x00, 0x33}};
}  // namespace

int main() {
  io.begin();
  io.printFlash(kBanner);
  const emflow::Status s = io.startTemperatureConversion(9, kThermometer);
  io.print("sensor pin 9: status ");
  io.printNumber(s);
  io.print("\n");
#ifdef EMFLOW_FIRMWARE_RUN_MS
  while (io.timeMs() < EMFLOW_FIRMWARE_RUN_MS) {
  }
  cli();
  sleep_cpu();
#endif
  for (;;) {
  }
}
