// The pin map of the board being built, chosen by the chip: the Arduino Mega 2560's
// (mega_pins.h) on an ATmega2560, else the Uno's (uno_pins.h). AvrIO asks only this header,
// so the same IO code drives both boards.
#ifndef EMFLOW_FIRMWARE_BOARD_PINS_H
#define EMFLOW_FIRMWARE_BOARD_PINS_H

#include "uno_pins.h"

#if defined(__AVR_ATmega2560__)
#include "mega_pins.h"
#endif

namespace emflow {
#if defined(__AVR_ATmega2560__)
namespace pins = mega;
const uint8_t kFirstAnalogPin = 54;  // A0
const uint8_t kAnalogPins = 16;      // A0..A15
#else
namespace pins = uno;
const uint8_t kFirstAnalogPin = 14;  // A0
const uint8_t kAnalogPins = 6;       // A0..A5
#endif
}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_BOARD_PINS_H
