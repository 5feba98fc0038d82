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
  *pin_.port &= static_cast<uint8_t>(~pin_.mask);
  *pin_.ddr |= pin_.mask;
}
void OneWireBus::release() {
  *pin_.ddr &= static_cast<uint8_t>(~pin_.mask);
  *pin_.port |= pin_.mask;
}
bool OneWireBus::sample() const {
  return (*pin_.pin & pin_.mask) != 0;
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

void OneWireBus::writeBit(bool bit) {
  const uint8_t sreg = SREG;
  cli();
  driveLow();
  if (bit) {
    _delay_us(6);
    release();
    _delay_us(64);
  } else {
    _delay_us(60);
    release();
    _delay_us(10);
  }
  SREG = sreg;
}

bool OneWireBus::readBit() {
  const uint8_t sreg = SREG;
  cli();
  driveLow();
  _delay_us(3);
  release();
  _delay_us(10);
  const bool bit = sample();
  SREG = sreg;
  _delay_us(53);
  return bit;
}

void OneWireBus::writeByte(uint8_t value) {
  for (uint8_t i = 0; i < 8; ++i, value >>= 1) writeBit(value & 1);
}

uint8_t OneWireBus::readByte() {
  uint8_t value = 0;
  for (uint8_t i = 0; i < 8; ++i)
    if (readBit()) value |= static_cast<uint8_t>(1u << i);
  return value;
}

void OneWireBus::select(const uint8_t rom[8]) {
  writeByte(0x55);  // MATCH ROM
  for (uint8_t i = 0; i < 8; ++i) writeByte(rom[i]);
}

uint8_t OneWireBus::crc8(const uint8_t* data, uint8_t length) {
  uint8_t crc = 0;
  while (length--) {
    uint8_t byte = *data++;
    for (uint8_t i = 0; i < 8; ++i) {
      const uint8_t mix = (crc ^ byte) & 1;
      crc >>= 1;
      if (mix) crc ^= 0x8C;  // 0x31 reflected
      byte >>= 1;
    }
  }
  return crc;
}

}  // namespace emflow
