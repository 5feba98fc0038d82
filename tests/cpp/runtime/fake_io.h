// A RAM-backed IO for tests: a settable clock, pins that remember what was written (and can be
// set as inputs), a serial buffer and one scripted DS18B20 per pin.
#ifndef EMFLOW_TESTS_FAKE_IO_H
#define EMFLOW_TESTS_FAKE_IO_H

#include <map>
#include <string>
#include <vector>

#include "runtime/io.h"

namespace emflow {
namespace testing {

class FakeIO : public IO {
 public:
  struct Write {
    TimeMs time;
    uint8_t pin;
    bool level;
  };

  TimeMs now = 0;
  std::map<uint8_t, PinMode> modes;
  std::map<uint8_t, bool> levels;      // digital inputs and outputs
  std::map<uint8_t, uint16_t> analog;  // analog inputs
  std::map<uint8_t, uint8_t> pwm;
  std::vector<Write> writes;  // every digitalWrite, in order
  std::string serial;
  Status failPins = kOk;  // returned by every pin operation when not kOk

  // DS18B20 on a pin: its raw reading (1/16 °C), the conversion time and an error to report.
  struct Sensor {
    int16_t raw = 0;
    TimeMs conversionMs = 750;
    Status error = kOk;
    bool converting = false;
    TimeMs started = 0;
    int conversions = 0;
  };
  std::map<uint8_t, Sensor> sensors;
  OneWireAddress lastAddress = {};

  TimeMs timeMs() override { return now; }
  Status pinMode(uint8_t pin, PinMode mode) override {
    if (failPins != kOk) return failPins;
    modes[pin] = mode;
    return kOk;
  }
  Status digitalWrite(uint8_t pin, bool value) override {
    if (failPins != kOk) return failPins;
    levels[pin] = value;
    writes.push_back({now, pin, value});
    return kOk;
  }
  Status digitalRead(uint8_t pin, bool* value) override {
    if (failPins != kOk) return failPins;
    *value = levels[pin];
    return kOk;
  }
  Status analogRead(uint8_t pin, uint16_t* value) override {
    if (failPins != kOk) return failPins;
    *value = analog[pin];
    return kOk;
  }
  Status pwmWrite(uint8_t pin, uint8_t duty) override {
    if (failPins != kOk) return failPins;
    pwm[pin] = duty;
    return kOk;
  }
  Status serialWrite(const uint8_t* data, uint16_t length) override {
    serial.append(reinterpret_cast<const char*>(data), length);
    return kOk;
  }
  Status startTemperatureConversion(uint8_t pin, const OneWireAddress& address) override {
    auto it = sensors.find(pin);
    if (it == sensors.end()) return kErrNoSensor;
    lastAddress = address;
    it->second.converting = true;
    it->second.started = now;
    it->second.conversions++;
    return kOk;
  }
  Status readTemperature(uint8_t pin, const OneWireAddress&, int16_t* raw) override {
    auto it = sensors.find(pin);
    if (it == sensors.end()) return kErrNoSensor;
    Sensor& s = it->second;
    if (s.error != kOk) return s.error;
    if (!s.converting || now - s.started < s.conversionMs) return kErrNotReady;
    s.converting = false;
    *raw = s.raw;
    return kOk;
  }
};

}  // namespace testing
}  // namespace emflow

#endif  // EMFLOW_TESTS_FAKE_IO_H
