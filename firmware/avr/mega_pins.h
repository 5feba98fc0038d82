// Arduino Mega 2560 pin numbers → ATmega2560 port registers, with avr-libc only: the board's
// D0..D53 and A0..A15 (54..69), as printed on it (the map of the Arduino core's "mega" variant,
// pins_arduino.h). The 2560 scatters its pins over eleven ports, so a 70-byte table in flash
// says which port and bit each pin is; PinRegisters (uno_pins.h) serves both boards, because
// every port — also H, J, K and L in the extended I/O space — keeps PINx, DDRx and PORTx
// consecutive.
#ifndef EMFLOW_FIRMWARE_MEGA_PINS_H
#define EMFLOW_FIRMWARE_MEGA_PINS_H

#include <avr/io.h>
#include <avr/pgmspace.h>
#include <stdint.h>

#include "uno_pins.h"

namespace emflow {
namespace mega {

const uint8_t kPinCount = 70;

// Ports by index: A B C D E F G H J K L (there is no port I).
enum : uint8_t { kA, kB, kC, kD, kE, kF, kG, kH, kJ, kK, kL };

#define EMFLOW_MEGA_PIN(port, bit) static_cast<uint8_t>((port) << 3 | (bit))
// Pin → port index << 3 | bit. (Four pins a line, as the board groups them: kept unformatted.)
// clang-format off
const uint8_t kPinMap[kPinCount] PROGMEM = {
    // D0..D13: the serial pins, then the PWM pins
    EMFLOW_MEGA_PIN(kE, 0), EMFLOW_MEGA_PIN(kE, 1), EMFLOW_MEGA_PIN(kE, 4), EMFLOW_MEGA_PIN(kE, 5),
    EMFLOW_MEGA_PIN(kG, 5), EMFLOW_MEGA_PIN(kE, 3), EMFLOW_MEGA_PIN(kH, 3), EMFLOW_MEGA_PIN(kH, 4),
    EMFLOW_MEGA_PIN(kH, 5), EMFLOW_MEGA_PIN(kH, 6), EMFLOW_MEGA_PIN(kB, 4), EMFLOW_MEGA_PIN(kB, 5),
    EMFLOW_MEGA_PIN(kB, 6), EMFLOW_MEGA_PIN(kB, 7),
    // D14..D21: USART3, USART2, USART1, I2C
    EMFLOW_MEGA_PIN(kJ, 1), EMFLOW_MEGA_PIN(kJ, 0), EMFLOW_MEGA_PIN(kH, 1), EMFLOW_MEGA_PIN(kH, 0),
    EMFLOW_MEGA_PIN(kD, 3), EMFLOW_MEGA_PIN(kD, 2), EMFLOW_MEGA_PIN(kD, 1), EMFLOW_MEGA_PIN(kD, 0),
    // D22..D29: PA0..PA7
    EMFLOW_MEGA_PIN(kA, 0), EMFLOW_MEGA_PIN(kA, 1), EMFLOW_MEGA_PIN(kA, 2), EMFLOW_MEGA_PIN(kA, 3),
    EMFLOW_MEGA_PIN(kA, 4), EMFLOW_MEGA_PIN(kA, 5), EMFLOW_MEGA_PIN(kA, 6), EMFLOW_MEGA_PIN(kA, 7),
    // D30..D37: PC7..PC0
    EMFLOW_MEGA_PIN(kC, 7), EMFLOW_MEGA_PIN(kC, 6), EMFLOW_MEGA_PIN(kC, 5), EMFLOW_MEGA_PIN(kC, 4),
    EMFLOW_MEGA_PIN(kC, 3), EMFLOW_MEGA_PIN(kC, 2), EMFLOW_MEGA_PIN(kC, 1), EMFLOW_MEGA_PIN(kC, 0),
    // D38..D41
    EMFLOW_MEGA_PIN(kD, 7), EMFLOW_MEGA_PIN(kG, 2), EMFLOW_MEGA_PIN(kG, 1), EMFLOW_MEGA_PIN(kG, 0),
    // D42..D49: PL7..PL0
    EMFLOW_MEGA_PIN(kL, 7), EMFLOW_MEGA_PIN(kL, 6), EMFLOW_MEGA_PIN(kL, 5), EMFLOW_MEGA_PIN(kL, 4),
    EMFLOW_MEGA_PIN(kL, 3), EMFLOW_MEGA_PIN(kL, 2), EMFLOW_MEGA_PIN(kL, 1), EMFLOW_MEGA_PIN(kL, 0),
    // D50..D53: SPI (MISO, MOSI, SCK, SS)
    EMFLOW_MEGA_PIN(kB, 3), EMFLOW_MEGA_PIN(kB, 2), EMFLOW_MEGA_PIN(kB, 1), EMFLOW_MEGA_PIN(kB, 0),
    // A0..A7 (54..61): PF0..PF7
    EMFLOW_MEGA_PIN(kF, 0), EMFLOW_MEGA_PIN(kF, 1), EMFLOW_MEGA_PIN(kF, 2), EMFLOW_MEGA_PIN(kF, 3),
    EMFLOW_MEGA_PIN(kF, 4), EMFLOW_MEGA_PIN(kF, 5), EMFLOW_MEGA_PIN(kF, 6), EMFLOW_MEGA_PIN(kF, 7),
    // A8..A15 (62..69): PK0..PK7
    EMFLOW_MEGA_PIN(kK, 0), EMFLOW_MEGA_PIN(kK, 1), EMFLOW_MEGA_PIN(kK, 2), EMFLOW_MEGA_PIN(kK, 3),
    EMFLOW_MEGA_PIN(kK, 4), EMFLOW_MEGA_PIN(kK, 5), EMFLOW_MEGA_PIN(kK, 6), EMFLOW_MEGA_PIN(kK, 7),
};
// clang-format on
#undef EMFLOW_MEGA_PIN

// Each port's PINx address, by port index (H, J, K, L lie above 0xFF: 16-bit addresses).
const uint16_t kPortBase[11] PROGMEM = {
    _SFR_MEM_ADDR(PINA), _SFR_MEM_ADDR(PINB), _SFR_MEM_ADDR(PINC), _SFR_MEM_ADDR(PIND),
    _SFR_MEM_ADDR(PINE), _SFR_MEM_ADDR(PINF), _SFR_MEM_ADDR(PING), _SFR_MEM_ADDR(PINH),
    _SFR_MEM_ADDR(PINJ), _SFR_MEM_ADDR(PINK), _SFR_MEM_ADDR(PINL),
};

// False for pins the Mega does not have.
inline bool registersOf(uint8_t pin, uno::PinRegisters* r) {
  if (pin >= kPinCount) return false;
  const uint8_t entry = pgm_read_byte(&kPinMap[pin]);
  r->base = reinterpret_cast<volatile uint8_t*>(pgm_read_word(&kPortBase[entry >> 3]));
  r->mask = static_cast<uint8_t>(1u << (entry & 7));
  return true;
}

}  // namespace mega
}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_MEGA_PINS_H
