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

// One base address and a bit: every classic AVR (ATmega328P, ATmega2560, ...) places a port's
// PINx, DDRx and PORTx at consecutive addresses, so the three registers cost one pointer
// (62 B less flash on the fridge sketch than three pointers copied and loaded).
struct PinRegisters {
  volatile uint8_t* base;  // PINx
  uint8_t mask;

  volatile uint8_t* pin() const { return base; }       // PINx: read the level
  volatile uint8_t* ddr() const { return base + 1; }   // DDRx: 1 = output
  volatile uint8_t* port() const { return base + 2; }  // PORTx: output level, or pull-up
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
  r->base = base;
  r->mask = static_cast<uint8_t>(1u << bit);
  return true;
}

}  // namespace uno
}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_UNO_PINS_H
