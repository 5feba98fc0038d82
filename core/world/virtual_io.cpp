#include "virtual_io.h"

namespace emflow::world {

void VirtualIO::attachThermometer(uint8_t pin, Ds18b20Model* sensor,
                                  TemperatureSource temperature) {
  thermometers_.push_back({pin, sensor, std::move(temperature)});
}

void VirtualIO::advanceTo(TimeMs time) {
  if (time < now_) return;  // the virtual clock never runs backwards
  // Stop at every conversion end on the way so each sensor samples at its exact time.
  for (;;) {
    TimeMs next = time;
    for (const Thermometer& t : thermometers_) {
      TimeMs end;
      if (t.sensor->pendingConversionEnd(&end) && end < next) next = end;
    }
    moveClock(next);
    if (next == time) return;
  }
}

void VirtualIO::moveClock(TimeMs time) {
  now_ = time;
  if (world_) world_->advanceTo(time);
  for (Thermometer& t : thermometers_) t.sensor->update(time, t.temperature());
}

VirtualIO::Thermometer* VirtualIO::thermometerOn(uint8_t pin) {
  for (Thermometer& t : thermometers_)
    if (t.pin == pin) return &t;
  return nullptr;
}

const Ds18b20Model* VirtualIO::thermometerAt(uint8_t pin) const {
  for (const Thermometer& t : thermometers_)
    if (t.pin == pin) return t.sensor;
  return nullptr;
}

void VirtualIO::setAnalogInput(uint8_t pin, uint16_t value) {
  if (pin < kVirtualPinCount) pins_[pin].analog = value > 1023 ? 1023 : value;
}

void VirtualIO::setDigitalInput(uint8_t pin, bool level) {
  if (pin >= kVirtualPinCount) return;
  pins_[pin].inputSet = true;
  if (pins_[pin].mode != kPinOutput) pins_[pin].level = level;
}

Status VirtualIO::pinMode(uint8_t pin, PinMode mode) {
  if (pin >= kVirtualPinCount) return kErrOutOfRange;
  pins_[pin].mode = mode;
  if (mode == kPinInputPullup && !pins_[pin].written) pins_[pin].level = true;
  return kOk;
}

Status VirtualIO::digitalWrite(uint8_t pin, bool value) {
  if (pin >= kVirtualPinCount) return kErrOutOfRange;
  // Like an AVR, writing a pin drives it (DigitalWrite may skip pinMode on the Uno, where
  // writing PORTx of an input only toggles the pull-up; here it is treated as an output).
  pins_[pin].mode = kPinOutput;
  pins_[pin].level = value;
  pins_[pin].written = true;
  ++pinWrites_;
  const PinWrite event = {now_, pin, value};
  for (const PinListener& listener : pinListeners_) listener(event);
  return kOk;
}

Status VirtualIO::digitalRead(uint8_t pin, bool* value) {
  if (pin >= kVirtualPinCount) return kErrOutOfRange;
  *value = pins_[pin].level;
  return kOk;
}

Status VirtualIO::analogRead(uint8_t pin, uint16_t* value) {
  if (pin >= kVirtualPinCount) return kErrOutOfRange;
  *value = pins_[pin].analog;
  return kOk;
}

Status VirtualIO::pwmWrite(uint8_t pin, uint8_t duty) {
  if (pin >= kVirtualPinCount) return kErrOutOfRange;
  pins_[pin].mode = kPinOutput;
  pins_[pin].duty = duty;
  for (const PwmListener& listener : pwmListeners_) listener(now_, pin, duty);
  return kOk;
}

Status VirtualIO::serialWrite(const uint8_t* data, uint16_t length) {
  serial_.append(reinterpret_cast<const char*>(data), length);
  return kOk;
}

Status VirtualIO::startTemperatureConversion(uint8_t pin, const OneWireAddress& address) {
  if (pin >= kVirtualPinCount) return kErrOutOfRange;
  Thermometer* t = thermometerOn(pin);
  if (!t) return kErrNoSensor;  // no presence pulse: nothing on that bus
  return t->sensor->startConversion(now_, address);
}

Status VirtualIO::readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw) {
  if (pin >= kVirtualPinCount) return kErrOutOfRange;
  Thermometer* t = thermometerOn(pin);
  if (!t) return kErrNoSensor;
  return t->sensor->read(now_, address, raw);
}

}  // namespace emflow::world
