#include "arduino_io.h"

#include <Arduino.h>
#include <stdlib.h>

#include "ds18b20.h"
#include "one_wire.h"

namespace emflow {

namespace {

// The core's pin map → the three port registers the 1-Wire master drives.
bool pinRegisters(uint8_t pin, uno::PinRegisters* r) {
  if (pin >= NUM_DIGITAL_PINS) return false;
  const uint8_t port = digitalPinToPort(pin);
  if (port == NOT_A_PIN) return false;
  r->pin = portInputRegister(port);
  r->ddr = portModeRegister(port);
  r->port = portOutputRegister(port);
  r->mask = digitalPinToBitMask(pin);
  return true;
}

// Waits for the transmit buffer, but not forever: one byte takes 1389 cycles at 115200 baud and
// 1000 polls take at least 5000, so on a working UART this never times out. It bounds the wait
// where the flag never comes: simavr leaves UDRE0 clear after the core's init() has written
// UCSR0B = 0 until a byte is sent (found running exported sketches on simavr).
void putByte(uint8_t byte) {
  for (uint16_t polls = 0; polls < 1000 && !(UCSR0A & _BV(UDRE0)); ++polls) {
  }
  UDR0 = byte;
}

}  // namespace

void ArduinoIO::begin() {
  converting_ = false;
  // USART0: 115200 baud with double speed (UBRR = 16 at 16 MHz, 2.1 % error), 8N1, transmit.
  UCSR0A = _BV(U2X0);
  UBRR0 = F_CPU / 8 / 115200 - 1;
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
  UCSR0B = _BV(TXEN0);
}

TimeMs ArduinoIO::timeMs() {
  return millis();
}

Status ArduinoIO::pinMode(uint8_t pin, PinMode mode) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  // An output becomes one at its first digitalWrite (see the header); inputs now.
  if (mode == kPinOutput) return kOk;
  const uint8_t sreg = SREG;
  cli();
  *r.ddr &= static_cast<uint8_t>(~r.mask);
  if (mode == kPinInputPullup) {
    *r.port |= r.mask;
  } else {
    *r.port &= static_cast<uint8_t>(~r.mask);
  }
  SREG = sreg;
  return kOk;
}

// Through the pin's registers rather than the core's digitalWrite/pinMode (which also turn
// PWM off and look the pin up twice): 200 B less flash, measured on the fridge sketch.
Status ArduinoIO::digitalWrite(uint8_t pin, bool value) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  const uint8_t sreg = SREG;
  cli();  // read-modify-write of registers an interrupt handler may also change
  if (value) {
    *r.port |= r.mask;  // level first...
  } else {
    *r.port &= static_cast<uint8_t>(~r.mask);
  }
  *r.ddr |= r.mask;  // ...then direction, which keeps the level
  SREG = sreg;
  return kOk;
}

#if EMFLOW_ARDUINO_IO_DIGITAL_READ
Status ArduinoIO::digitalRead(uint8_t pin, bool* value) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  *value = (*r.pin & r.mask) != 0;
  return kOk;
}
#else
Status ArduinoIO::digitalRead(uint8_t, bool*) {
  return kErrUnsupported;
}
#endif

#if EMFLOW_ARDUINO_IO_ANALOG
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

#if EMFLOW_ARDUINO_IO_PWM
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
  while (length--) putByte(*data++);
  return kOk;
}

void ArduinoIO::print(const char* text) {
  while (*text) putByte(static_cast<uint8_t>(*text++));
}

void ArduinoIO::printFlash(const char* flashText) {
  for (char c = pgm_read_byte(flashText); c; c = pgm_read_byte(++flashText))
    putByte(static_cast<uint8_t>(c));
}

void ArduinoIO::printNumber(int32_t value) {
  char digits[12];  // "-2147483648"
  print(ltoa(value, digits, 10));
}

#if EMFLOW_ARDUINO_IO_ONEWIRE
Status ArduinoIO::startTemperatureConversion(uint8_t pin, const OneWireAddress& address) {
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  OneWireBus bus(r);
  const Status status = ds18b20StartConversion(bus, address);
  if (status != kOk) return status;
  converting_ = true;
  conversionPin_ = pin;
  conversionStart_ = timeMs();
  return kOk;
}

Status ArduinoIO::readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw) {
  if (!converting_ || conversionPin_ != pin) return kErrNotReady;
  if (timeMs() - conversionStart_ < kDs18b20ConversionMs) return kErrNotReady;
  uno::PinRegisters r;
  if (!pinRegisters(pin, &r)) return kErrOutOfRange;
  OneWireBus bus(r);
  return ds18b20ReadScratchpad(bus, address, raw);
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
