// The one seam between device code and the world: pins, time, serial, storage and the
// DS18B20 thermometer. Components reach hardware only through an IO. Implementations:
//   firmware/   ArduinoIO   (real board, millis(), 1-Wire driver, EEPROM)
//   core/world/ VirtualIO   (virtual clock + physical models: the simulator and the tests)
// Every operation that can fail returns a Status; unsupported operations return
// kErrUnsupported rather than pretending to succeed.
#ifndef EMFLOW_RUNTIME_IO_H
#define EMFLOW_RUNTIME_IO_H

#include <stdint.h>

#include "status.h"

namespace emflow {

typedef uint32_t TimeMs;  // milliseconds since start; wraps after ~49.7 days like millis()

enum PinMode : uint8_t { kPinInput = 0, kPinOutput, kPinInputPullup };

// 8-byte ROM address of a 1-Wire device (family code first, CRC last).
struct OneWireAddress {
  uint8_t bytes[8];
};

class IO {
 public:
  virtual ~IO() {}

  // Time
  virtual TimeMs timeMs() = 0;

  // Digital and analog pins
  virtual Status pinMode(uint8_t pin, PinMode mode) = 0;
  virtual Status digitalWrite(uint8_t pin, bool value) = 0;
  virtual Status digitalRead(uint8_t pin, bool* value) = 0;
  virtual Status analogRead(uint8_t pin, uint16_t* value) = 0;  // 10-bit on AVR
  virtual Status pwmWrite(uint8_t pin, uint8_t duty) = 0;

  // Serial (UART 0)
  virtual Status serialWrite(const uint8_t* data, uint16_t length) = 0;

  // DS18B20 on a 1-Wire bus on `pin`, non-blocking: start a conversion, then poll.
  // readTemperature returns kErrNotReady until the conversion time has passed,
  // kErrNoSensor / kErrSensorCrc on bus errors, else kOk with the raw 12-bit reading
  // (1/16 °C per LSB, as the DS18B20 scratchpad holds it).
  virtual Status startTemperatureConversion(uint8_t pin, const OneWireAddress& address) = 0;
  virtual Status readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw) = 0;
};

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_IO_H
