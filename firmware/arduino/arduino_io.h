// ArduinoIO: the IO interface (core/runtime/io.h) over the Arduino core, for exported
// sketches (`emflow export`). Works on every AVR board the core knows (Uno, Mega 2560, ...):
//   time    millis()
//   pins    the core's pin map and port registers; an output is driven from its first write,
//           level before direction, so an active-low relay never glitches on at boot (as
//           AvrIO, VirtualIO)
//   analog  analogRead (A0.. as the board's digital numbers, or 0.. as channels)
//   PWM     analogWrite on the board's PWM pins; kErrUnsupported elsewhere
//   serial  USART0 at 115200 baud, polled transmit. Not the core's Serial object: its two
//           64-byte ring buffers would cost a quarter of the Uno's RAM (see docs/firmware.md)
//   DS18B20 non-blocking: the conversion starts, readTemperature answers kErrNotReady for
//           750 ms, then reads the scratchpad with CRC; no presence pulse is kErrNoSensor
// Feature switches (EMFLOW_IO_*): board_io.h; the exported emflow_config.h sets them.
#ifndef EMFLOW_FIRMWARE_ARDUINO_IO_H
#define EMFLOW_FIRMWARE_ARDUINO_IO_H

#include "board_io.h"

namespace emflow {

class ArduinoIO : public IO {
 public:
  // begin() starts the UART (the core's init() already runs the millisecond clock).
  EMFLOW_BOARD_IO_METHODS
  // The ROM codes of the 1-Wire devices on `pin` (up to `max`; SEARCH ROM at ~14 ms per
  // device, blocking): the exported sketch prints them at boot, so a user can read their
  // DS18B20's address off the serial monitor.
  uint8_t findOneWireDevices(uint8_t pin, OneWireAddress* found, uint8_t max);

 private:
  Ds18b20Conversion conversion_;
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_ARDUINO_IO_H
