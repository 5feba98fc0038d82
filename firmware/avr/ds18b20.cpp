#include "ds18b20.h"

namespace emflow {

namespace {

Status addressSensor(OneWireBus& bus, const OneWireAddress& address, uint8_t function) {
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
  uint8_t scratchpad[9];
  uint8_t allOnes = 0xFF, anyOne = 0;
  for (uint8_t i = 0; i < 9; ++i) {
    scratchpad[i] = bus.readByte();
    allOnes &= scratchpad[i];
    anyOne |= scratchpad[i];
  }
  if (allOnes == 0xFF || anyOne == 0) return kErrNoSensor;
  if (OneWireBus::crc8(scratchpad, 8) != scratchpad[8]) return kErrSensorCrc;
  *raw = static_cast<int16_t>(scratchpad[0] | (static_cast<uint16_t>(scratchpad[1]) << 8));
  return kOk;
}

}  // namespace emflow
