#include "ds18b20.h"

namespace emflow {

namespace {

// Out of line: both transactions start with it, and an inlined copy in each costs 22 B.
__attribute__((noinline)) Status addressSensor(OneWireBus& bus, const OneWireAddress& address,
                                               uint8_t function) {
  if (!bus.reset()) return kErrNoSensor;
  bus.select(address.bytes);
  bus.writeByte(function);
  return kOk;
}

}  // namespace

Status ds18b20StartConversion(OneWireBus& bus, const OneWireAddress& address) {
  return addressSensor(bus, address, 0x44);  // CONVERT T
}

Status ds18b20ReadScratchpad(OneWireBus& bus, const OneWireAddress& address, int16_t* raw) {
  const Status status = addressSensor(bus, address, 0xBE);  // READ SCRATCHPAD
  if (status != kOk) return status;
  // Nine bytes, checked as they come (no buffer): the temperature is bytes 0 and 1, the CRC
  // over all nine including the CRC byte is 0 when they arrived intact.
  uint8_t crc = 0, allOnes = 0xFF, anyOne = 0;
  uint16_t temperature = 0;
  for (uint8_t i = 0; i < 9; ++i) {
    const uint8_t byte = bus.readByte();
    if (i == 0) temperature = byte;
    if (i == 1) temperature |= static_cast<uint16_t>(byte) << 8;
    allOnes &= byte;
    anyOne |= byte;
    crc = OneWireBus::crc8Update(crc, byte);
  }
  if (allOnes == 0xFF || anyOne == 0) return kErrNoSensor;
  if (crc != 0) return kErrSensorCrc;
  *raw = static_cast<int16_t>(temperature);
  return kOk;
}

Status Ds18b20Conversion::start(const uno::PinRegisters& bus, uint8_t pin,
                                const OneWireAddress& address, TimeMs now) {
  OneWireBus wire(bus);
  const Status status = ds18b20StartConversion(wire, address);
  if (status != kOk) return status;
  converting_ = true;
  pin_ = pin;
  start_ = now;
  return kOk;
}

bool Ds18b20Conversion::done(uint8_t pin, TimeMs now) const {
  return converting_ && pin_ == pin && now - start_ >= kDs18b20ConversionMs;
}

}  // namespace emflow
