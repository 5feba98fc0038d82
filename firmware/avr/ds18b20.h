// DS18B20 transactions over a OneWireBus, shared by AvrIO (avr-libc firmware) and ArduinoIO
// (exported sketches). Each call is one short bus transaction; the 750 ms conversion itself is
// never waited for here — the IO classes answer kErrNotReady until it is over.
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

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_DS18B20_H
