// DS18B20 transactions over a OneWireBus, and the bookkeeping of the conversion in flight,
// shared by AvrIO (avr-libc firmware) and ArduinoIO (exported sketches). Each call is one short
// bus transaction; the 750 ms conversion itself is never waited for here — the IO classes
// answer kErrNotReady until Ds18b20Conversion::done().
#ifndef EMFLOW_FIRMWARE_DS18B20_H
#define EMFLOW_FIRMWARE_DS18B20_H

#include <stdint.h>

#include "one_wire.h"
#include "runtime/io.h"

namespace emflow {

const TimeMs kDs18b20ConversionMs = 750;  // at 12 bits

// Reset + MATCH ROM + CONVERT T. kErrNoSensor if nothing answers the reset.
Status ds18b20StartConversion(OneWireBus& bus, const OneWireAddress& address);

// Reset + MATCH ROM + READ SCRATCHPAD; the raw 1/16 °C reading on success. All-ones (nobody
// matched) or all-zeros (line stuck low; it would pass the CRC) is kErrNoSensor, a CRC
// mismatch kErrSensorCrc.
Status ds18b20ReadScratchpad(OneWireBus& bus, const OneWireAddress& address, int16_t* raw);

// The one conversion in flight (the fridge has one sensor); a start on another pin replaces
// it. The IO classes look up the pin's registers (each with its own pin map) and keep one.
class Ds18b20Conversion {
 public:
  void clear() { converting_ = false; }
  // Starts a conversion on the bus at `bus` (pin number `pin`) at time `now`; kErrNoSensor
  // if nothing answers the reset, and then nothing is remembered.
  Status start(const uno::PinRegisters& bus, uint8_t pin, const OneWireAddress& address,
               TimeMs now);
  // Whether a conversion on `pin` was started and has had its conversion time by `now`.
  bool done(uint8_t pin, TimeMs now) const;

 private:
  uint8_t pin_;
  bool converting_;
  TimeMs start_;
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_DS18B20_H
