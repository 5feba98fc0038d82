#include "avr_io.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>

#include "ds18b20.h"
#include "uart0.h"
#include "board_pins.h"

namespace {
volatile emflow::TimeMs gMillis = 0;
}  // namespace

ISR(TIMER0_COMPA_vect) {
  ++gMillis;
}

namespace emflow {

void AvrIO::begin() {
  conversion_.clear();
  // Timer0: CTC, prescaler 64, 16 MHz / 64 / 250 = 1 kHz.
  TCCR0A = _BV(WGM01);
  TCCR0B = _BV(CS01) | _BV(CS00);
  OCR0A = 249;
  TIMSK0 = _BV(OCIE0A);
  uart0::begin();
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
  if (!pins::registersOf(pin, &r)) return kErrOutOfRange;
  if (mode == kPinOutput) {
    // An output is driven from its first digitalWrite, never before: making it an output
    // here would drive it LOW at once, which energises an active-low relay module (both
    // relays of the fridge at boot). VirtualIO behaves the same.
    return kOk;
  }
#if EMFLOW_IO_DIGITAL_READ
  *r.ddr() &= static_cast<uint8_t>(~r.mask);
  if (mode == kPinInputPullup) {
    *r.port() |= r.mask;
  } else {
    *r.port() &= static_cast<uint8_t>(~r.mask);
  }
  return kOk;
#else
  return kErrUnsupported;  // input modes serve digitalRead, compiled out
#endif
}

Status AvrIO::digitalWrite(uint8_t pin, bool value) {
  uno::PinRegisters r;
  if (!pins::registersOf(pin, &r)) return kErrOutOfRange;
  // Level first, then direction: the pin goes straight to the new level, no glitch.
  if (value) {
    *r.port() |= r.mask;
  } else {
    *r.port() &= static_cast<uint8_t>(~r.mask);
  }
  *r.ddr() |= r.mask;
  return kOk;
}

#if EMFLOW_IO_DIGITAL_READ
Status AvrIO::digitalRead(uint8_t pin, bool* value) {
  uno::PinRegisters r;
  if (!pins::registersOf(pin, &r)) return kErrOutOfRange;
  *value = (*r.pin() & r.mask) != 0;
  return kOk;
}
#else
Status AvrIO::digitalRead(uint8_t, bool*) {
  return kErrUnsupported;
}
#endif

#if EMFLOW_IO_ANALOG
Status AvrIO::analogRead(uint8_t pin, uint16_t* value) {
  // A0.. as their digital numbers (Uno 14.., Mega 54..) or as channels 0.., as analogRead.
  uint8_t channel = pin >= kFirstAnalogPin ? static_cast<uint8_t>(pin - kFirstAnalogPin) : pin;
  if (channel >= kAnalogPins) return kErrOutOfRange;
  ADMUX = _BV(REFS0) | (channel & 7);
#if defined(MUX5)
  ADCSRB = channel & 8 ? _BV(MUX5) : 0;  // the Mega's A8..A15
#endif
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

#if EMFLOW_IO_PWM
#if defined(__AVR_ATmega2560__)
namespace {
// The Mega's PWM pins on its 16-bit timers 1, 3, 4 and 5 (same register layout: TCCRnA at the
// base, TCCRnB next, OCRnA/B/C at +8/+10/+12): the timer's TCCRnA and the channel (0 = A).
struct PwmChannel {
  volatile uint8_t* timer;
  uint8_t channel;
};
// In flash: pin, channel, TCCRnA's address (the pin map of the Arduino core's "mega" variant).
struct PwmPin {
  uint8_t pin;
  uint8_t channel;
  uint16_t timer;
};
const PwmPin kPwmPins[] PROGMEM = {
    {2, 1, _SFR_MEM_ADDR(TCCR3A)},  {3, 2, _SFR_MEM_ADDR(TCCR3A)},  {5, 0, _SFR_MEM_ADDR(TCCR3A)},
    {6, 0, _SFR_MEM_ADDR(TCCR4A)},  {7, 1, _SFR_MEM_ADDR(TCCR4A)},  {8, 2, _SFR_MEM_ADDR(TCCR4A)},
    {11, 0, _SFR_MEM_ADDR(TCCR1A)}, {12, 1, _SFR_MEM_ADDR(TCCR1A)}, {44, 2, _SFR_MEM_ADDR(TCCR5A)},
    {45, 1, _SFR_MEM_ADDR(TCCR5A)}, {46, 0, _SFR_MEM_ADDR(TCCR5A)},
};
bool pwmChannelOf(uint8_t pin, PwmChannel* c) {
  for (const PwmPin& entry : kPwmPins) {
    if (pgm_read_byte(&entry.pin) != pin) continue;
    c->timer = reinterpret_cast<volatile uint8_t*>(pgm_read_word(&entry.timer));
    c->channel = pgm_read_byte(&entry.channel);
    return true;
  }
  return false;
}
}  // namespace
#endif

Status AvrIO::pwmWrite(uint8_t pin, uint8_t duty) {
#if defined(__AVR_ATmega2560__)
  // Pins 9 and 10 are Timer2's (as the Uno's 3 and 11); 4 and 13 share Timer0 with the clock.
  const uint8_t timer2A = 10, timer2B = 9;
  PwmChannel c;
  if (pwmChannelOf(pin, &c)) {
    // 8-bit fast PWM (WGMn2 | WGMn0), prescaler 64 ≈ 977 Hz; COMnx1 is bit 7, 5 or 3.
    c.timer[0] |= _BV(0) | static_cast<uint8_t>(_BV(7) >> (2 * c.channel));
    c.timer[1] = _BV(3) | _BV(1) | _BV(0);
    *reinterpret_cast<volatile uint16_t*>(c.timer + 8 + 2 * c.channel) = duty;
  } else if (pin == timer2A || pin == timer2B) {
#else
  const uint8_t timer2A = 11, timer2B = 3;
  if (pin == 9 || pin == 10) {
    TCCR1A |= _BV(WGM10) | (pin == 9 ? _BV(COM1A1) : _BV(COM1B1));  // 8-bit fast PWM
    TCCR1B = _BV(WGM12) | _BV(CS11) | _BV(CS10);
    if (pin == 9) {
      OCR1A = duty;
    } else {
      OCR1B = duty;
    }
  } else if (pin == timer2A || pin == timer2B) {
#endif
    TCCR2A |= _BV(WGM21) | _BV(WGM20) | (pin == timer2A ? _BV(COM2A1) : _BV(COM2B1));
    TCCR2B = _BV(CS22);  // 16 MHz / 64 / 256 ≈ 977 Hz, like Arduino
    if (pin == timer2A) {
      OCR2A = duty;
    } else {
      OCR2B = duty;
    }
  } else {
    return kErrUnsupported;
  }
  uno::PinRegisters r;
  pins::registersOf(pin, &r);
  *r.ddr() |= r.mask;
  return kOk;
}
#else
Status AvrIO::pwmWrite(uint8_t, uint8_t) {
  return kErrUnsupported;
}
#endif

Status AvrIO::serialWrite(const uint8_t* data, uint16_t length) {
  uart0::write(data, length);
  return kOk;
}

void AvrIO::print(const char* text) {
  uart0::print(text);
}

void AvrIO::printFlash(const char* flashText) {
  uart0::printFlash(flashText);
}

void AvrIO::printNumber(int32_t value) {
  uart0::printNumber(value);
}

#if EMFLOW_IO_ONEWIRE
Status AvrIO::startTemperatureConversion(uint8_t pin, const OneWireAddress& address) {
  uno::PinRegisters r;
  if (!pins::registersOf(pin, &r)) return kErrOutOfRange;
  return conversion_.start(r, pin, address, timeMs());
}

Status AvrIO::readTemperature(uint8_t pin, const OneWireAddress& address, int16_t* raw) {
  if (!conversion_.done(pin, timeMs())) return kErrNotReady;
  uno::PinRegisters r;
  if (!pins::registersOf(pin, &r)) return kErrOutOfRange;
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
