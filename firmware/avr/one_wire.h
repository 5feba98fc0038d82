// A bit-banged 1-Wire bus master on any Uno pin (external 4.7 kΩ pull-up), avr-libc only.
// Each bit slot is timed with interrupts off (63 µs; a reset 960 µs); nothing here waits
// for a DS18B20 conversion — that is the caller's non-blocking job (see avr_io.cpp).
#ifndef EMFLOW_FIRMWARE_ONE_WIRE_H
#define EMFLOW_FIRMWARE_ONE_WIRE_H

#include <stdint.h>

#include "runtime/io.h"
#include "uno_pins.h"

namespace emflow {

class OneWireBus {
 public:
  explicit OneWireBus(const uno::PinRegisters& pin) : pin_(pin) {}

  // Reset pulse; true if a device answered with a presence pulse.
  bool reset();
  void writeByte(uint8_t value) { touchByte(value); }
  uint8_t readByte() { return touchByte(0xFF); }
  // MATCH ROM: addresses one device by its 8-byte ROM.
  void select(const uint8_t rom[8]);

  // SEARCH ROM (Maxim application note 187): the ROM codes of up to `max` devices on the bus,
  // in the order the search finds them; a ROM whose CRC-8 is wrong is skipped. Returns the
  // number found (0: no presence pulse, or nothing that answered the search). Takes ~14 ms per
  // device with interrupts off in 63 us slots, as every bus operation here: call it at boot.
  uint8_t findAll(OneWireAddress* roms, uint8_t max);

  // Dallas/Maxim CRC-8 (polynomial x^8 + x^5 + x^4 + 1), as used for ROMs and scratchpads:
  // the CRC so far with one more byte. Run over the data and then its CRC byte, it gives 0.
  static uint8_t crc8Update(uint8_t crc, uint8_t byte);

 private:
  bool touchBit(bool bit);
  uint8_t touchByte(uint8_t value);
  void driveLow();
  void release();
  bool sample() const;

  uno::PinRegisters pin_;
};

}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_ONE_WIRE_H
