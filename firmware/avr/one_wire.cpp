#include "one_wire.h"

#include <avr/interrupt.h>
#include <util/delay.h>

namespace emflow {

// Open drain: "low" drives the line, "release" makes the pin an input and lets the pull-up
// raise it. The pin is never an output driving high against a device pulling low: the order
// of the register writes keeps it an input whenever PORT is 1. The internal pull-up is on
// while released, beside the external 4.7 kΩ, so a bus without resistor or device reads high
// (no false presence pulse) instead of floating.
void OneWireBus::driveLow() {
  *pin_.port() &= static_cast<uint8_t>(~pin_.mask);
  *pin_.ddr() |= pin_.mask;
}
void OneWireBus::release() {
  *pin_.ddr() &= static_cast<uint8_t>(~pin_.mask);
  *pin_.port() |= pin_.mask;
}
bool OneWireBus::sample() const {
  return (*pin_.pin() & pin_.mask) != 0;
}

bool OneWireBus::reset() {
  const uint8_t sreg = SREG;
  driveLow();
  _delay_us(480);
  cli();
  release();
  _delay_us(70);
  const bool present = !sample();
  SREG = sreg;
  _delay_us(410);
  return present;
}

// One time slot. Writing a 1 and reading are the same slot — the master pulls the line low
// briefly, releases it and samples it — so one function does both: a 1 releases after 3 us
// and the sample 10 us after the falling edge (datasheet: within 15 us) reads the device's
// bit; a 0 keeps the line low for the whole 63 us (60..120 us). Interrupts stay off for the
// slot, then the line recovers for 5 us before the next one.
bool OneWireBus::touchBit(bool bit) {
  const uint8_t sreg = SREG;
  cli();
  driveLow();
  _delay_us(3);
  if (bit) release();
  _delay_us(7);
  const bool level = sample();
  _delay_us(53);
  release();
  SREG = sreg;
  _delay_us(5);
  return level;
}

// LSB first; writes `value` and returns what was on the line (readByte writes all ones).
uint8_t OneWireBus::touchByte(uint8_t value) {
  uint8_t line = 0;
  for (uint8_t i = 0; i < 8; ++i, value >>= 1) {
    line >>= 1;
    if (touchBit(value & 1)) line |= 0x80;
  }
  return line;
}

void OneWireBus::select(const uint8_t rom[8]) {
  writeByte(0x55);  // MATCH ROM
  for (uint8_t i = 0; i < 8; ++i) writeByte(rom[i]);
}

// Each search pass walks the 64 ROM bits: every device sends its bit and the bit's complement;
// 0/1 means all remaining devices agree, 0/0 a discrepancy (devices differ here), 1/1 that no
// device is left. The master writes the direction it follows and devices with another bit
// drop out. A pass follows the previous ROM up to the last discrepancy where it took a 0
// (bit number 1..64; 0: none), takes 1 there and 0 at new discrepancies.
uint8_t OneWireBus::findAll(OneWireAddress* roms, uint8_t max) {
  uint8_t rom[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  uint8_t lastDiscrepancy = 0;
  uint8_t found = 0;
  do {
    if (found == max || !reset()) break;
    writeByte(0xF0);  // SEARCH ROM
    uint8_t lastZero = 0;
    uint8_t* byte = rom;
    uint8_t mask = 1;
    for (uint8_t bitNumber = 1; bitNumber <= 64; ++bitNumber) {
      const bool bit = touchBit(true);
      const bool complement = touchBit(true);
      if (bit && complement) return found;  // no device (left) on the bus
      bool direction = bit;
      if (bit == complement) {  // both 0: a discrepancy
        direction =
            bitNumber < lastDiscrepancy ? (*byte & mask) != 0 : bitNumber == lastDiscrepancy;
        if (!direction) lastZero = bitNumber;
      }
      if (direction) {
        *byte |= mask;
      } else {
        *byte &= static_cast<uint8_t>(~mask);
      }
      touchBit(direction);
      mask = static_cast<uint8_t>(mask << 1);
      if (mask == 0) {
        mask = 1;
        ++byte;
      }
    }
    uint8_t crc = 0;
    for (uint8_t b = 0; b < 8; ++b) crc = crc8Update(crc, rom[b]);
    if (crc == 0) {  // a ROM garbled on the wire is searched past, not reported
      for (uint8_t b = 0; b < 8; ++b) roms[found].bytes[b] = rom[b];
      ++found;
    }
    lastDiscrepancy = lastZero;
  } while (lastDiscrepancy != 0);
  return found;
}

uint8_t OneWireBus::crc8Update(uint8_t crc, uint8_t byte) {
  for (uint8_t i = 0; i < 8; ++i, byte >>= 1) {
    const uint8_t mix = (crc ^ byte) & 1;
    crc >>= 1;
    if (mix) crc ^= 0x8C;  // 0x31 reflected
  }
  return crc;
}

}  // namespace emflow
