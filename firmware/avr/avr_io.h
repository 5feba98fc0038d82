// AvrIO: the IO interface (core/runtime/io.h) on an Arduino Uno with avr-libc only — no
// Arduino core, so no 128-byte HardwareSerial buffers and no 1 KB of unused wiring code.
//   time    Timer0 in CTC mode, one interrupt per millisecond (exact at 16 MHz)
//   pins    direct port registers (uno_pins.h); an output is driven from its first write
//   analog  ADC, AVcc reference, A0..A5 as pins 14..19 (or 0..5, as Arduino's analogRead)
//   PWM     pins 3, 11 (Timer2) and 9, 10 (Timer1); 5 and 6 share Timer0 with the clock and
//           return kErrUnsupported
//   serial  USART0, 115200 baud, polled transmit (no buffer in RAM)
//   DS18B20 non-blocking: start a conversion, then readTemperature answers kErrNotReady until
//           750 ms have passed; scratchpad CRC checked; no presence pulse is kErrNoSensor
//
// IO's methods are virtual, so the linker keeps all of them. A firmware whose graph needs no
// analog input, PWM or digital input builds with -DEMFLOW_AVR_IO_ANALOG=0 / _PWM=0 /
// _DIGITAL_READ=0 / _ONEWIRE=0: those methods then only return kErrUnsupported (without
// _DIGITAL_READ, so does pinMode for the input modes); firmware/build.sh derives the flags from
// the graph's components.
#ifndef EMFLOW_FIRMWARE_AVR_IO_H
#define EMFLOW_FIRMWARE_AVR_IO_H

#ifndef EMFLOW_AVR_IO_ANALOG
#define EMFLOW_AVR_IO_ANALOG 1
#endif
#ifndef EMFLOW_AVR_IO_PWM
#define EMFLOW_AVR_IO_PWM 1
#endif
#ifndef EMFLOW_AVR_IO_DIGITAL_READ
#define EMFLOW_AVR_IO_DIGITAL_READ 1
#endif
#ifndef EMFLOW_AVR_IO_ONEWIRE
#define EMFLOW_AVR_IO_ONEWIRE 1
#endif

#include <stdint.h>

#include "ds18b20.h"
#include "runtime/io.h"

namespace emflow {

class AvrIO : public IO {
 public:
  // Starts the millisecond clock and the UART; enables interrupts.
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

  // Helpers for firmware messages (not part of IO): text from RAM or from flash.
  void print(const char* text);
  void printFlash(const char* flashText);
  void printNumber(int32_t value);

 private:
  Ds18b20Conversion conversion_;
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_AVR_IO_H
