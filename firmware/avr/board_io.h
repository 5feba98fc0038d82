// What the two board IO classes share: AvrIO (avr-libc only; the generic and fridge
// firmware) and ArduinoIO (over the Arduino core; exported sketches). Both implement
// core/runtime/io.h for an AVR board, add a UART message helper set, and keep a DS18B20
// conversion; this header declares that shape once, and the feature switches both obey.
//
// IO's methods are virtual, so the linker keeps all of them. A firmware whose graph needs no
// analog input, PWM, digital input or 1-Wire sets EMFLOW_IO_ANALOG / _PWM / _DIGITAL_READ /
// _ONEWIRE to 0 (firmware/build.sh and the exporter's emflow_config.h derive them from the
// graph): those methods then only return kErrUnsupported (without _DIGITAL_READ, so does
// pinMode for the input modes: they serve reading only).
#ifndef EMFLOW_FIRMWARE_BOARD_IO_H
#define EMFLOW_FIRMWARE_BOARD_IO_H

#ifndef EMFLOW_IO_ANALOG
#define EMFLOW_IO_ANALOG 1
#endif
#ifndef EMFLOW_IO_PWM
#define EMFLOW_IO_PWM 1
#endif
#ifndef EMFLOW_IO_DIGITAL_READ
#define EMFLOW_IO_DIGITAL_READ 1
#endif
#ifndef EMFLOW_IO_ONEWIRE
#define EMFLOW_IO_ONEWIRE 1
#endif

#include <stdint.h>

#include "ds18b20.h"
#include "runtime/io.h"

// The public part of a board IO class: begin(), the IO interface, and the message helpers
// (text from RAM or flash, a decimal number; not part of IO).
#define EMFLOW_BOARD_IO_METHODS                                                     \
  void begin();                                                                     \
  TimeMs timeMs();                                                                  \
  Status pinMode(uint8_t pin, PinMode mode);                                        \
  Status digitalWrite(uint8_t pin, bool value);                                     \
  Status digitalRead(uint8_t pin, bool* value);                                     \
  Status analogRead(uint8_t pin, uint16_t* value);                                  \
  Status pwmWrite(uint8_t pin, uint8_t duty);                                       \
  Status serialWrite(const uint8_t* data, uint16_t length);                         \
  Status startTemperatureConversion(uint8_t pin, const OneWireAddress& address);    \
  Status readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw); \
  void print(const char* text);                                                     \
  void printFlash(const char* flashText);                                           \
  void printNumber(int32_t value);

#endif  // EMFLOW_FIRMWARE_BOARD_IO_H
