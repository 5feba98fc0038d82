// AvrIO: the IO interface (core/runtime/io.h) on an Arduino Uno or Mega 2560 with avr-libc only —
// no Arduino core, so no 128-byte HardwareSerial buffers and no 1 KB of unused wiring code.
//   time    Timer0 in CTC mode, one interrupt per millisecond (exact at 16 MHz)
//   pins    direct port registers (board_pins.h: the Uno's or the Mega's map, by chip); an
//           output is driven from its first write
//   analog  ADC, AVcc reference, A0..A5 as pins 14..19 (Mega: A0..A15 as 54..69), or as
//           channels 0.., as Arduino's analogRead
//   PWM     Uno: pins 3, 11 (Timer2) and 9, 10 (Timer1); 5 and 6 share Timer0 with the clock
//           and return kErrUnsupported. Mega: 2, 3, 5-12, 44-46 (Timers 1-5); 4 and 13 share
//           Timer0
//   serial  USART0, 115200 baud, polled transmit (no buffer in RAM)
//   DS18B20 non-blocking: start a conversion, then readTemperature answers kErrNotReady until
//           750 ms have passed; scratchpad CRC checked; no presence pulse is kErrNoSensor
// Feature switches (EMFLOW_IO_*=0 compiles a feature out): board_io.h; firmware/build.sh
// derives them from the graph's components.
#ifndef EMFLOW_FIRMWARE_AVR_IO_H
#define EMFLOW_FIRMWARE_AVR_IO_H

#include "board_io.h"

namespace emflow {

class AvrIO : public IO {
 public:
  // begin() starts the millisecond clock and the UART and enables interrupts.
  EMFLOW_BOARD_IO_METHODS

 private:
  Ds18b20Conversion conversion_;
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_AVR_IO_H
