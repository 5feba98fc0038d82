#include "avr_io.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>
#include <stdlib.h>

#include "ds18b20.h"
#include "one_wire.h"
#include "uno_pins.h"

namespace {
volatile emflow::TimeMs gMillis = 0;
}  // namespace

ISR(TIMER0_COMPA_vect) {
  ++gMillis;
}

namespace emflow {

void AvrIO::begin() {
  converting_ = false;
  // Timer0: CTC, prescaler 64, 16 MHz / 64 / 250 = 1 kHz.
  TCCR0A = _BV(WGM01);
  TCCR0B = _BV(CS01) | _BV(CS00);
  OCR0A = 249;
  TIMSK0 = _BV(OCIE0A);
  // USART0: 115200 baud with double speed (UBRR = 16 gives 2.1 % error), 8N1, transmit only.
  UCSR0A = _BV(U2X0);
  UBRR0 = 16;
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
  UCSR0B = _BV(TXEN0);
  sei();
}

TimeMs AvrIO::timeMs() {
  const uint8_t sreg = SREG;
  cli();
  const TimeMs now = gMillis;
  SREG = sreg;
  return now;
}

Status AvrIO::pinMode(uint8_t pin, PinMode mode) {
  uno::PinRegisters r;
  if (!uno::registersOf(pin, &r)) return kErrOutOfRange;
  if (mode == kPinOutput) {
    // An output is driven from its first digitalWrite, never before: making it an output
    // here would drive it LOW at once, which energises an active-low relay module (both
    // relays of the fridge at boot). VirtualIO behaves the same.
    return kOk;
  } else {
    *r.ddr &= static_cast<uint8_t>(~r.mask);
    if (mode == kPinInputPullup) {
      *r.port |= r.mask;
    } else {
      *r.port &= static_cast<uint8_t>(~r.mask);
    }
  }
  return kOk;
}

Status AvrIO::digitalWrite(uint8_t pin, bool value) {
  uno::PinRegisters r;
  if (!uno::registersOf(pin, &r)) return kErrOutOfRange;
  // Level first, then direction: the pin goes straight to the new level, no glitch.
  if (value) {
    *r.port |= r.mask;
  } else {
    *r.port &= static_cast<uint8_t>(~r.mask);
  }
  *r.ddr |= r.mask;
  return kOk;
}

#if EMFLOW_AVR_IO_DIGITAL_READ
Status AvrIO::digitalRead(uint8_t pin, bool* value) {
  uno::PinRegisters r;
  if (!uno::registersOf(pin, &r)) return kErrOutOfRange;
  *value = (*r.pin & r.mask) != 0;
  return kOk;
}
#else
Status AvrIO::digitalRead(uint8_t, bool*) {
  return kErrUnsupported;
}
#endif

#if EMFLOW_AVR_IO_ANALOG
Status AvrIO::analogRead(uint8_t pin, uint16_t* value) {
  uint8_t channel = pin >= 14 ? static_cast<uint8_t>(pin - 14) : pin;
  if (channel > 5) return kErrOutOfRange;
  ADMUX = _BV(REFS0) | channel;
  ADCSRA = _BV(ADEN) | _BV(ADSC) | _BV(ADPS2) | _BV(ADPS1) | _BV(ADPS0);  // 125 kHz ADC clock
  while (ADCSRA & _BV(ADSC)) {
  }
  *value = ADC;
  return kOk;
}
#else
Status AvrIO::analogRead(uint8_t, uint16_t*) {
  return kErrUnsupported;
}
#endif

#if EMFLOW_AVR_IO_PWM
Status AvrIO::pwmWrite(uint8_t pin, uint8_t duty) {
  switch (pin) {
    case 3:
    case 11:
      TCCR2A |= _BV(WGM21) | _BV(WGM20) | (pin == 11 ? _BV(COM2A1) : _BV(COM2B1));
      TCCR2B = _BV(CS22);  // 16 MHz / 64 / 256 ≈ 977 Hz, like Arduino
      if (pin == 11) {
        OCR2A = duty;
      } else {
        OCR2B = duty;
      }
      break;
    case 9:
    case 10:
      TCCR1A |= _BV(WGM10) | (pin == 9 ? _BV(COM1A1) : _BV(COM1B1));  // 8-bit fast PWM
      TCCR1B = _BV(WGM12) | _BV(CS11) | _BV(CS10);
      if (pin == 9) {
        OCR1A = duty;
      } else {
        OCR1B = duty;
      }
      break;
    default:
      return kErrUnsupported;
  }
  uno::PinRegisters r;
  uno::registersOf(pin, &r);
  *r.ddr |= r.mask;
  return kOk;
}
#else
Status AvrIO::pwmWrite(uint8_t, uint8_t) {
  return kErrUnsupported;
}
#endif

static void putByte(uint8_t byte) {
  while (!(UCSR0A & _BV(UDRE0))) {
  }
  UDR0 = byte;
}

Status AvrIO::serialWrite(const uint8_t* data, uint16_t length) {
  while (length--) putByte(*data++);
  return kOk;
}

void AvrIO::print(const char* text) {
  while (*text) putByte(static_cast<uint8_t>(*text++));
}

void AvrIO::printFlash(const char* flashText) {
  for (char c = pgm_read_byte(flashText); c; c = pgm_read_byte(++flashText))
    putByte(static_cast<uint8_t>(c));
}

void AvrIO::printNumber(int32_t value) {
  char digits[12];  // "-2147483648"
  print(ltoa(value, digits, 10));
}

#if EMFLOW_AVR_IO_ONEWIRE
Status AvrIO::startTemperatureConversion(uint8_t pin, const OneWireAddress& address) {
  uno::PinRegisters r;
  if (!uno::registersOf(pin, &r)) return kErrOutOfRange;
  OneWireBus bus(r);
  const Status status = ds18b20StartConversion(bus, address);
  if (status != kOk) return status;
  converting_ = true;
  conversionPin_ = pin;
  conversionStart_ = timeMs();
  return kOk;
}

Status AvrIO::readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw) {
  if (!converting_ || conversionPin_ != pin) return kErrNotReady;
  if (timeMs() - conversionStart_ < kDs18b20ConversionMs) return kErrNotReady;
  uno::PinRegisters r;
  if (!uno::registersOf(pin, &r)) return kErrOutOfRange;
  OneWireBus bus(r);
  return ds18b20ReadScratchpad(bus, address, raw);
}

#else
Status AvrIO::startTemperatureConversion(uint8_t, const OneWireAddress&) {
  return kErrUnsupported;
}
Status AvrIO::readTemperature(uint8_t, const OneWireAddress&, int16_t*) {
  return kErrUnsupported;
}
#endif

}  // namespace emflow
