// A DS18B20 digital thermometer as the virtual world sees it: one device with a ROM address
// on a 1-Wire pin, 12-bit resolution (1/16 °C per LSB) and a 750 ms conversion.
//
// Behaviour modelled from the datasheet:
//   - A conversion addressed to another ROM gets no answer (kErrNoSensor), as MATCH ROM
//     selects nobody on a real bus; so does any access while the sensor is disconnected.
//   - The reading is the temperature at the END of the conversion (the moment the virtual
//     clock reaches start + 750 ms), plus seedable bounded noise, rounded to 1/16 °C and
//     clamped to the device's range (-55..+125 °C).
//   - Reading before the conversion time has passed gives kErrNotReady; reading again later
//     returns the same latched scratchpad value until a new conversion ends.
//   - Reading when no conversion was ever started gives kErrNotReady (the device would hold
//     its 85 °C power-on value, which no component should mistake for a measurement).
#ifndef EMFLOW_WORLD_DS18B20_MODEL_H
#define EMFLOW_WORLD_DS18B20_MODEL_H

#include <cstdint>

#include "random.h"
#include "runtime/io.h"

namespace emflow::world {

constexpr TimeMs kDs18b20ConversionMs = 750;
constexpr double kDs18b20LsbC = 1.0 / 16.0;

class Ds18b20Model {
 public:
  Ds18b20Model(const OneWireAddress& rom, uint64_t seed, double noiseAmplitudeC);

  const OneWireAddress& rom() const { return rom_; }
  void setConnected(bool connected) { connected_ = connected; }
  void setCrcFailure(bool failing) { crcFailure_ = failing; }  // a noisy bus: bad CRC on reads
  // A bench sensor (bench_world.h) answers any MATCH ROM address, as the only device on its pin.
  void setAnswersAnyRom(bool any) { anyRom_ = any; }

  Status startConversion(TimeMs now, const OneWireAddress& address);
  Status read(TimeMs now, const OneWireAddress& address, int16_t* raw) const;

  // Time at which the pending conversion ends, or false if none is pending. The simulation
  // stops its clock there so the sample is taken at exactly that virtual time.
  bool pendingConversionEnd(TimeMs* end) const;
  // Called by the world whenever the clock moves: latches the reading if the conversion
  // ended at or before `now`, using the temperature the world has at that moment.
  void update(TimeMs now, double temperatureC);

  static int16_t quantize(double temperatureC);

 private:
  bool matches(const OneWireAddress& address) const;

  OneWireAddress rom_;
  Random random_;
  double noiseAmplitudeC_;
  bool connected_ = true;
  bool crcFailure_ = false;
  bool anyRom_ = false;
  bool converting_ = false;
  TimeMs conversionEnd_ = 0;
  bool hasReading_ = false;
  int16_t scratchpad_ = 0;
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_DS18B20_MODEL_H
