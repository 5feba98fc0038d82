#include "arduino_io.h"

#include <Arduino.h>

#include "ds18b20.h"
#include "uart0.h"

namespace emflow {

namespace {

// A pin's port registers. On the Uno the map is fixed (D0-7 PORTD, D8-13 PORTB, A0-5 PORTC):
// computing it takes less flash than the core's five lookup tables (measured: 110 B on the
// fridge sketch). Other boards use the core's pin map.
bool pinRegisters(uint8_t pin, uno::PinRegisters* r) {
#if defined(ARDUINO_AVR_UNO)
  return uno::registersOf(pin, r);
#else
  if (pin >= NUM_DIGITAL_PINS) return false;
  const uint8_t port = digitalPinToPort(pin);
  if (port == NOT_A_PIN) return false;
  r->base = portInputRegister(port);
  r->mask = digitalPinToBitMask(pin);
  // PinRegisters keeps PINx only and finds DDRx and PORTx after it, as on every classic AVR;
  // a core whose map says otherwise gets no pin rather than wrong registers.
  return portModeRegister(port) == r->base + 1 && portOutputRegister(port) == r->base + 2;
#endif
}

}  // namespace

void ArduinoIO::begin() {
  conversion_.clear();
  uart0::begin();  // polled transmit, no Serial ring buffers (see the header)
}

TimeMs ArduinoIO::timeMs() {
  return millis();
}

Status ArduinoIO::pinMode(uint8_t pin, PinMode mode) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  // An output becomes one at its first digitalWrite (see the header); inputs now.
  if (mode == kPinOutput) return kOk;
#if EMFLOW_IO_DIGITAL_READ
  const uint8_t sreg = SREG;
  cli();
  *r.ddr() &= static_cast<uint8_t>(~r.mask);
  if (mode == kPinInputPullup) {
    *r.port() |= r.mask;
  } else {
    *r.port() &= static_cast<uint8_t>(~r.mask);
  }
  SREG = sreg;
  return kOk;
#else
  return kErrUnsupported;  // input modes serve digitalRead, compiled out
#endif
}

// Through the pin's registers rather than the core's digitalWrite/pinMode (which also turn
// PWM off and look the pin up twice): 200 B less flash, measured on the fridge sketch.
Status ArduinoIO::digitalWrite(uint8_t pin, bool value) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  const uint8_t sreg = SREG;
  cli();  // read-modify-write of registers an interrupt handler may also change
  if (value) {
    *r.port() |= r.mask;  // level first...
  } else {
    *r.port() &= static_cast<uint8_t>(~r.mask);
  }
  *r.ddr() |= r.mask;  // ...then direction, which keeps the level
  SREG = sreg;
  return kOk;
}

#if EMFLOW_IO_DIGITAL_READ
Status ArduinoIO::digitalRead(uint8_t pin, bool* value) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  *value = (*r.pin() & r.mask) != 0;
  return kOk;
}
#else
Status ArduinoIO::digitalRead(uint8_t, bool*) {
  return kErrUnsupported;
}
#endif

#if EMFLOW_IO_ANALOG
Status ArduinoIO::analogRead(uint8_t pin, uint16_t* value) {
  const uint8_t channel = pin >= A0 ? static_cast<uint8_t>(pin - A0) : pin;
  if (channel >= NUM_ANALOG_INPUTS) return kErrOutOfRange;
  *value = static_cast<uint16_t>(::analogRead(channel));
  return kOk;
}
#else
Status ArduinoIO::analogRead(uint8_t, uint16_t*) {
  return kErrUnsupported;
}
#endif

#if EMFLOW_IO_PWM
Status ArduinoIO::pwmWrite(uint8_t pin, uint8_t duty) {
  if (pin >= NUM_DIGITAL_PINS || !digitalPinHasPWM(pin)) return kErrUnsupported;
  ::pinMode(pin, OUTPUT);
  analogWrite(pin, duty);
  return kOk;
}
#else
Status ArduinoIO::pwmWrite(uint8_t, uint8_t) {
  return kErrUnsupported;
}
#endif

Status ArduinoIO::serialWrite(const uint8_t* data, uint16_t length) {
  uart0::write(data, length);
  return kOk;
}

void ArduinoIO::print(const char* text) {
  uart0::print(text);
}

void ArduinoIO::printFlash(const char* flashText) {
  uart0::printFlash(flashText);
}

void ArduinoIO::printNumber(int32_t value) {
  uart0::printNumber(value);
}

#if EMFLOW_IO_ONEWIRE
Status ArduinoIO::startTemperatureConversion(uint8_t pin, const OneWireAddress& address) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  return conversion_.start(r, pin, address, timeMs());
}

Status ArduinoIO::readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw) {
  if (!conversion_.done(pin, timeMs())) return kErrNotReady;
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  OneWireBus bus(r);
  return ds18b20ReadScratchpad(bus, address, raw);
}

uint8_t ArduinoIO::findOneWireDevices(uint8_t pin, OneWireAddress* found, uint8_t max) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return 0;
  OneWireBus bus(r);
  return bus.findAll(found, max);
}
#else
Status ArduinoIO::startTemperatureConversion(uint8_t, const OneWireAddress&) {
  return kErrUnsupported;
}
Status ArduinoIO::readTemperature(uint8_t, const OneWireAddress&, int16_t*) {
  return kErrUnsupported;
}
#endif

}  // namespace emflow
