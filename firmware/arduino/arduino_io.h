// ArduinoIO: the IO interface (core/runtime/io.h) over the Arduino core, for exported
// sketches (`emflow export`). Works on every AVR board the core knows (Uno, Mega 2560, ...):
//   time    millis()
//   pins    the core's pin map and port registers; an output is driven from its first write, level
//   before
//           direction, so an active-low relay never glitches on at boot (as AvrIO, VirtualIO)
//   analog  analogRead (A0.. as the board's digital numbers, or 0.. as channels)
//   PWM     analogWrite on the board's PWM pins; kErrUnsupported elsewhere
//   serial  USART0 at 115200 baud, polled transmit. Not the core's Serial object: its two
//           64-byte ring buffers would cost a quarter of the Uno's RAM (see docs/firmware.md)
//   DS18B20 non-blocking: the conversion starts, readTemperature answers kErrNotReady for
//           750 ms, then reads the scratchpad with CRC; no presence pulse is kErrNoSensor
//
// IO's methods are virtual, so the linker keeps them all: the exported emflow_config.h sets
// EMFLOW_ARDUINO_IO_ANALOG / _PWM / _DIGITAL_READ / _ONEWIRE to 0 for features the graph does
// not use, and those methods then return kErrUnsupported (without _DIGITAL_READ, so does
// pinMode for the input modes: they serve reading only).
#ifndef EMFLOW_FIRMWARE_ARDUINO_IO_H
#define EMFLOW_FIRMWARE_ARDUINO_IO_H

#ifndef EMFLOW_ARDUINO_IO_ANALOG
#define EMFLOW_ARDUINO_IO_ANALOG 1
#endif
#ifndef EMFLOW_ARDUINO_IO_PWM
#define EMFLOW_ARDUINO_IO_PWM 1
#endif
#ifndef EMFLOW_ARDUINO_IO_DIGITAL_READ
#define EMFLOW_ARDUINO_IO_DIGITAL_READ 1
#endif
#ifndef EMFLOW_ARDUINO_IO_ONEWIRE
#define EMFLOW_ARDUINO_IO_ONEWIRE 1
#endif

#include <stdint.h>

#include "ds18b20.h"
#include "runtime/io.h"

namespace emflow {

class ArduinoIO : public IO {
 public:
  // Starts the UART (the core's init() already runs the millisecond clock).
  void begin();

  TimeMs timeMs();
  Status pinMode(uint8_t pin, PinMode mode);
  Status digitalWrite(uint8_t pin, bool value);
  Status digitalRead(uint8_t pin, bool* value);
  Status analogRead(uint8_t pin, uint16_t* value);
  Status pwmWrite(uint8_t pin, uint8_t duty);
  Status serialWrite(const uint8_t* data, uint16_t length);
  Status startTemperatureConversion(uint8_t pin, const OneWireAddress& address);
  Status readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw);

  // Helpers for sketch messages (not part of IO): text from RAM or flash, a number.
  void print(const char* text);
  void printFlash(const char* flashText);
  void printNumber(int32_t value);

 private:
  Ds18b20Conversion conversion_;
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_ARDUINO_IO_H
