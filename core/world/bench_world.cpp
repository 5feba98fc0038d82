// The bench world (bench_world.h).
#include "bench_world.h"

namespace emflow::world {

namespace {

// The pin number after `prefix` in `name` ("T9" → 9), or -1 when the rest is not a number.
int pinAfter(const std::string& name, size_t prefix) {
  if (name.size() <= prefix || name.size() > prefix + 2) return -1;
  int pin = 0;
  for (size_t i = prefix; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    pin = pin * 10 + (name[i] - '0');
  }
  return pin < kVirtualPinCount ? pin : -1;
}

}  // namespace

void BenchWorld::sample(WorldValues* values) const {
  values->insert(values->end(), set_.begin(), set_.end());
}

bool BenchWorld::setInput(const std::string& name, double value, std::string* error) {
  const char kind = name.empty() ? '\0' : name[0];
  int pin = pinAfter(name, 1);
  if (kind == 'A' && pin >= 0 && pin < 6) pin += 14;  // A0 is pin 14 on an Uno
  if (pin < 0 || (kind != 'A' && kind != 'D' && kind != 'T') || (kind == 'A' && pin < 14)) {
    *error = "the bench world has no input '" + name +
             "' (it has A0..A5 analog counts, D<pin> digital levels, T<pin> DS18B20 °C)";
    return false;
  }
  if (kind == 'A') {
    if (!(value >= 0 && value <= 1023)) {
      *error = name + " must be between 0 and 1023 (analog counts)";
      return false;
    }
    io_.setAnalogInput(static_cast<uint8_t>(pin), static_cast<uint16_t>(value + 0.5));
  } else if (kind == 'D') {
    if (value != 0 && value != 1) {
      *error = name + " must be 0 or 1";
      return false;
    }
    io_.setDigitalInput(static_cast<uint8_t>(pin), value == 1);
  } else {
    if (!(value >= -55 && value <= 125)) {
      *error = name + " must be between -55 and 125 °C (a DS18B20's range)";
      return false;
    }
    Thermometer* found = nullptr;
    for (Thermometer& t : thermometers_)
      if (t.pin == pin) found = &t;
    if (!found) {
      thermometers_.reserve(kVirtualPinCount);  // the IO holds pointers: never reallocate
      thermometers_.push_back({static_cast<uint8_t>(pin),
                               std::make_unique<Ds18b20Model>(OneWireAddress(), 1, 0.0), value});
      found = &thermometers_.back();
      found->sensor->setAnswersAnyRom(true);
      const Thermometer* t = found;
      io_.attachThermometer(t->pin, t->sensor.get(), [t] { return t->temperatureC; });
    }
    found->temperatureC = value;
  }
  for (auto& entry : set_) {
    if (entry.first == name) {
      entry.second = value;
      return true;
    }
  }
  set_.push_back({name, value});
  return true;
}

}  // namespace emflow::world
