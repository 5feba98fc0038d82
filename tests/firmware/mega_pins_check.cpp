// The Mega 2560 pin map of AvrIO (firmware/avr/mega_pins.h, and the PWM pins in avr_io.cpp)
// against the Arduino core's own map (Debian's variants/mega/pins_arduino.h, compiled in with
// ARDUINO_MAIN as the core does): for every pin 0..69, the same PINx register and bit; for every
// pin the core puts on Timers 1, 3, 4 or 5 or on Timer2, AvrIO's pwmWrite drives that timer's
// compare output; A0..A15 select ADC channels 0..15; and pins beyond 69 are refused. Built with
// avr-g++ for the ATmega2560 and run on simavr by firmware/check.sh; prints "mega pins: ok" or each
// difference.
#define ARDUINO_MAIN
#include <avr/sleep.h>

#include <Arduino.h>  // the core's macros (digitalPinToPort, TIMER3B, ...) and the variant's tables

#include "avr_io.h"
#include "board_pins.h"
#include "uart0.h"

namespace {

int failures = 0;

void fail(const char* what, uint8_t pin) {
  emflow::uart0::print("mega pins: FAIL pin ");
  emflow::uart0::printNumber(pin);
  emflow::uart0::print(": ");
  emflow::uart0::print(what);
  emflow::uart0::print("\n");
  ++failures;
}

// The compare-output bit (COMnx1) the core's timer id enables, and its TCCRnA; false if the pin
// has no PWM on a timer AvrIO uses (Timer0 is the clock).
bool compareOutput(uint8_t timer, volatile uint8_t** tccr, uint8_t* bit) {
  // clang-format off
  switch (timer) {
    case TIMER1A: *tccr = &TCCR1A; *bit = COM1A1; return true;
    case TIMER1B: *tccr = &TCCR1A; *bit = COM1B1; return true;
    case TIMER2A: *tccr = &TCCR2A; *bit = COM2A1; return true;
    case TIMER2B: *tccr = &TCCR2A; *bit = COM2B1; return true;
    case TIMER3A: *tccr = &TCCR3A; *bit = COM3A1; return true;
    case TIMER3B: *tccr = &TCCR3A; *bit = COM3B1; return true;
    case TIMER3C: *tccr = &TCCR3A; *bit = COM3C1; return true;
    case TIMER4A: *tccr = &TCCR4A; *bit = COM4A1; return true;
    case TIMER4B: *tccr = &TCCR4A; *bit = COM4B1; return true;
    case TIMER4C: *tccr = &TCCR4A; *bit = COM4C1; return true;
    case TIMER5A: *tccr = &TCCR5A; *bit = COM5A1; return true;
    case TIMER5B: *tccr = &TCCR5A; *bit = COM5B1; return true;
    case TIMER5C: *tccr = &TCCR5A; *bit = COM5C1; return true;
    default: return false;
  }
  // clang-format on
}

}  // namespace

int main() {
  emflow::AvrIO io;
  io.begin();
  uint8_t pwmPins = 0;
  for (uint8_t pin = 0; pin < NUM_DIGITAL_PINS; ++pin) {
    emflow::uno::PinRegisters r;
    if (!emflow::pins::registersOf(pin, &r)) {
      fail("refused", pin);
      continue;
    }
    if (r.base != portInputRegister(digitalPinToPort(pin))) fail("another port", pin);
    if (r.mask != digitalPinToBitMask(pin)) fail("another bit", pin);
    volatile uint8_t* tccr;
    uint8_t bit;
    const bool onTimer = compareOutput(digitalPinToTimer(pin), &tccr, &bit);
    const emflow::Status status = io.pwmWrite(pin, 128);
    if (onTimer) {
      ++pwmPins;
      if (status != emflow::kOk) fail("no PWM", pin);
      if (!(*tccr & _BV(bit))) fail("PWM on another compare output", pin);
      if (!(*r.ddr() & r.mask)) fail("PWM pin not an output", pin);
      *tccr = 0;  // the next pin on the same timer is checked on its own
    } else if (status == emflow::kOk) {
      fail("PWM where the core has none (or only Timer0)", pin);
    }
  }
  emflow::uno::PinRegisters r;
  if (emflow::pins::registersOf(NUM_DIGITAL_PINS, &r)) fail("accepted", NUM_DIGITAL_PINS);
  // A0..A15: the ADC channel the core's analogRead selects (MUX5 in ADCSRB for A8..A15).
  for (uint8_t ch = 0; ch < NUM_ANALOG_INPUTS; ++ch) {
    uint16_t value;
    if (io.analogRead(static_cast<uint8_t>(A0 + ch), &value) != emflow::kOk)
      fail("no ADC", A0 + ch);
    if ((ADMUX & 7) != (ch & 7) || ((ADCSRB & _BV(MUX5)) != 0) != (ch >= 8)) {
      fail("another ADC channel", A0 + ch);
    }
  }
  uint16_t value;
  if (io.analogRead(A0 + NUM_ANALOG_INPUTS, &value) == emflow::kOk) fail("ADC beyond A15", 70);
  emflow::uart0::print("mega pins: ");
  emflow::uart0::printNumber(NUM_DIGITAL_PINS);
  emflow::uart0::print(" pins, ");
  emflow::uart0::printNumber(pwmPins);
  emflow::uart0::print(" PWM pins, ");
  emflow::uart0::printNumber(NUM_ANALOG_INPUTS);
  emflow::uart0::print(failures ? " analog pins: FAIL\n" : " analog pins: ok\n");
  cli();
  sleep_cpu();
}
