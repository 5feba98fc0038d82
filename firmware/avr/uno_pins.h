// Arduino Uno pin numbers → ATmega328P port registers, with avr-libc only.
//   D0..D7 = PORTD 0..7, D8..D13 = PORTB 0..5, A0..A5 (14..19) = PORTC 0..5.
// On the ATmega328P each port's PINx, DDRx and PORTx registers are consecutive, so one base
// address per port is enough.
#ifndef EMFLOW_FIRMWARE_UNO_PINS_H
#define EMFLOW_FIRMWARE_UNO_PINS_H

#include <avr/io.h>
#include <stdint.h>

namespace emflow {
namespace uno {

const uint8_t kPinCount = 20;

struct PinRegisters {
  volatile uint8_t* pin;   // PINx: read the level
  volatile uint8_t* ddr;   // DDRx: 1 = output
  volatile uint8_t* port;  // PORTx: output level, or pull-up for an input
  uint8_t mask;
};

// False for pins the Uno does not have.
inline bool registersOf(uint8_t pin, PinRegisters* r) {
  volatile uint8_t* base;
  uint8_t bit;
  if (pin < 8) {
    base = &PIND;
    bit = pin;
  } else if (pin < 14) {
    base = &PINB;
    bit = pin - 8;
  } else if (pin < kPinCount) {
    base = &PINC;
    bit = pin - 14;
  } else {
    return false;
  }
  r->pin = base;
  r->ddr = base + 1;
  r->port = base + 2;
  r->mask = static_cast<uint8_t>(1u << bit);
  return true;
}

}  // namespace uno
}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_UNO_PINS_H
