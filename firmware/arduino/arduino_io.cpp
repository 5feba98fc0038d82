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

void putByte(uint8_t byte) {
  while (!(UCSR0A & _BV(UDRE0))) {
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
  if (pin >= NUM_DIGITAL_PINS) return kErrOutOfRange;
  // An output becomes one at its first digitalWrite (see the header); inputs now.
  if (mode == kPinInput) ::pinMode(pin, INPUT);
  if (mode == kPinInputPullup) ::pinMode(pin, INPUT_PULLUP);
  return kOk;
}

Status ArduinoIO::digitalWrite(uint8_t pin, bool value) {
  if (pin >= NUM_DIGITAL_PINS) return kErrOutOfRange;
  ::digitalWrite(pin, value ? HIGH : LOW);  // level first (on an input: the pull-up)...
  ::pinMode(pin, OUTPUT);                   // ...then direction, which keeps the level
  return kOk;
}

#if EMFLOW_ARDUINO_IO_DIGITAL_READ
Status ArduinoIO::digitalRead(uint8_t pin, bool* value) {
  if (pin >= NUM_DIGITAL_PINS) return kErrOutOfRange;
  *value = ::digitalRead(pin) == HIGH;
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
