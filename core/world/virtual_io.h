// VirtualIO: the IO interface (core/runtime/io.h) over a virtual clock owned by the
// simulation. Components call it exactly as they call ArduinoIO on a board; the simulation
// moves time forward with advanceTo() and the attached World integrates its physics up to
// each new time before the network runs.
//
// - Pins 0..kVirtualPinCount-1 (an Uno has 20: D0..D13, A0..A5 = 14..19); others are
//   kErrOutOfRange. Every digital write is reported to the listeners (trace, world relays).
//   pinMode(kPinOutput) does not drive the pin: an output is driven from its first write (as
//   AvrIO does), so an active-low relay is not energised by a pin merely becoming an output.
// - DS18B20 models attach to pins; the clock stops at the end of every pending conversion so
//   the sensor samples the world at exactly start + 750 ms.
// - Serial output is collected in a buffer; analog inputs are set by the world or a test.
#ifndef EMFLOW_WORLD_VIRTUAL_IO_H
#define EMFLOW_WORLD_VIRTUAL_IO_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ds18b20_model.h"
#include "runtime/io.h"
#include "world.h"

namespace emflow::world {

constexpr uint8_t kVirtualPinCount = 20;

struct PinWrite {
  TimeMs time;
  uint8_t pin;
  bool level;
};

class VirtualIO : public IO {
 public:
  using PinListener = std::function<void(const PinWrite&)>;
  // A PWM write (analogWrite): time, pin, duty 0..255.
  using PwmListener = std::function<void(TimeMs, uint8_t, uint8_t)>;
  using TemperatureSource = std::function<double()>;

  // Simulation side
  void setWorld(World* world) { world_ = world; }
  void advanceTo(TimeMs time);
  void addPinListener(PinListener listener) { pinListeners_.push_back(std::move(listener)); }
  void addPwmListener(PwmListener listener) { pwmListeners_.push_back(std::move(listener)); }
  void attachThermometer(uint8_t pin, Ds18b20Model* sensor, TemperatureSource temperature);
  void setAnalogInput(uint8_t pin, uint16_t value);
  void setDigitalInput(uint8_t pin, bool level);
  bool pinLevel(uint8_t pin) const { return pin < kVirtualPinCount && pins_[pin].level; }
  bool pinWritten(uint8_t pin) const { return pin < kVirtualPinCount && pins_[pin].written; }
  uint32_t pinWriteCount() const { return pinWrites_; }
  // What the world puts on a pin, for a board whose pins it drives (web/src/virtual-board):
  // whether setDigitalInput ever set the pin (a pin the world leaves alone stays the board's),
  // the analog input, and the DS18B20 attached to the pin (null when none is).
  bool digitalInputSet(uint8_t pin) const { return pin < kVirtualPinCount && pins_[pin].inputSet; }
  uint16_t analogInput(uint8_t pin) const { return pin < kVirtualPinCount ? pins_[pin].analog : 0; }
  const Ds18b20Model* thermometerAt(uint8_t pin) const;
  const std::string& serialOutput() const { return serial_; }
  // Forgets the first `bytes` of the serial output (a reader that consumed them), so a long
  // simulation does not keep every line ever printed.
  void discardSerialOutput(size_t bytes) { serial_.erase(0, bytes); }

  // IO interface (device side)
  TimeMs timeMs() override { return now_; }
  Status pinMode(uint8_t pin, PinMode mode) override;
  Status digitalWrite(uint8_t pin, bool value) override;
  Status digitalRead(uint8_t pin, bool* value) override;
  Status analogRead(uint8_t pin, uint16_t* value) override;
  Status pwmWrite(uint8_t pin, uint8_t duty) override;
  Status serialWrite(const uint8_t* data, uint16_t length) override;
  Status startTemperatureConversion(uint8_t pin, const OneWireAddress& address) override;
  Status readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw) override;

 private:
  struct PinState {
    PinMode mode = kPinInput;
    bool level = false;     // last written (outputs) or input level
    bool written = false;   // driven by a digitalWrite at least once
    bool inputSet = false;  // set by setDigitalInput at least once (the world drives it)
    uint16_t analog = 0;
    uint8_t duty = 0;
  };
  struct Thermometer {
    uint8_t pin;
    Ds18b20Model* sensor;
    TemperatureSource temperature;
  };

  void moveClock(TimeMs time);
  Thermometer* thermometerOn(uint8_t pin);

  TimeMs now_ = 0;
  World* world_ = nullptr;
  PinState pins_[kVirtualPinCount];
  uint32_t pinWrites_ = 0;
  std::vector<PinListener> pinListeners_;
  std::vector<PwmListener> pwmListeners_;
  std::vector<Thermometer> thermometers_;
  std::string serial_;
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_VIRTUAL_IO_H
