#include "ds18b20_model.h"

#include <cmath>
#include <cstring>

namespace emflow::world {

Ds18b20Model::Ds18b20Model(const OneWireAddress& rom, uint64_t seed, double noiseAmplitudeC)
    : rom_(rom), random_(seed), noiseAmplitudeC_(noiseAmplitudeC) {}

bool Ds18b20Model::matches(const OneWireAddress& address) const {
  return anyRom_ || std::memcmp(address.bytes, rom_.bytes, sizeof rom_.bytes) == 0;
}

Status Ds18b20Model::startConversion(TimeMs now, const OneWireAddress& address) {
  if (!connected_ || !matches(address)) return kErrNoSensor;
  // A new Convert T restarts the conversion; the previous scratchpad stays readable.
  converting_ = true;
  conversionEnd_ = now + kDs18b20ConversionMs;
  return kOk;
}

Status Ds18b20Model::read(TimeMs now, const OneWireAddress& address, int16_t* raw) const {
  if (!connected_ || !matches(address)) return kErrNoSensor;
  if (crcFailure_) return kErrSensorCrc;
  // While converting (and before update() latched the end-of-conversion sample) the caller
  // polls again, as io.h specifies; the simulation calls update() before the network runs.
  (void)now;
  if (converting_ || !hasReading_) return kErrNotReady;
  *raw = scratchpad_;
  return kOk;
}

bool Ds18b20Model::pendingConversionEnd(TimeMs* end) const {
  if (!converting_) return false;
  *end = conversionEnd_;
  return true;
}

void Ds18b20Model::update(TimeMs now, double temperatureC) {
  if (!converting_ || now < conversionEnd_) return;
  converting_ = false;
  hasReading_ = true;
  scratchpad_ = quantize(temperatureC + random_.triangular(noiseAmplitudeC_));
}

int16_t Ds18b20Model::quantize(double temperatureC) {
  if (temperatureC < -55.0) temperatureC = -55.0;
  if (temperatureC > 125.0) temperatureC = 125.0;
  return static_cast<int16_t>(std::floor(temperatureC / kDs18b20LsbC + 0.5));
}

}  // namespace emflow::world
