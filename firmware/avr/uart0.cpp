#include "uart0.h"

#include <avr/io.h>
#include <avr/pgmspace.h>

namespace emflow {
namespace uart0 {

void begin() {
  UCSR0A = _BV(U2X0);
  UBRR0 = F_CPU / 8 / 115200 - 1;
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
  UCSR0B = _BV(TXEN0);
}

// One byte takes 1389 cycles at 115200 baud and 1000 polls take at least 5000, so on a
// working UART this never times out. It bounds the wait where the flag never comes: simavr
// leaves UDRE0 clear after the Arduino core's init() has written UCSR0B = 0 until a byte is
// sent (found running exported sketches on simavr). A firmware never hangs on its serial port.
void putByte(uint8_t byte) {
  for (uint16_t polls = 0; polls < 1000 && !(UCSR0A & _BV(UDRE0)); ++polls) {
  }
  UDR0 = byte;
}

void write(const uint8_t* data, uint16_t length) {
  while (length--) putByte(*data++);
}

void print(const char* text) {
  while (*text) putByte(static_cast<uint8_t>(*text++));
}

void printFlash(const char* flashText) {
  for (char c = pgm_read_byte(flashText); c; c = pgm_read_byte(++flashText))
    putByte(static_cast<uint8_t>(c));
}

// Decimal digits by subtracting powers of ten: no division routine and no ltoa/strrev, which
// together took 128 B more on the fridge sketch.
const uint32_t kPowersOfTen[] PROGMEM = {1000000000, 100000000, 10000000, 1000000, 100000,
                                         10000,      1000,      100,      10,      1};

void printNumber(int32_t value) {
  uint32_t rest = static_cast<uint32_t>(value);
  if (value < 0) {
    putByte('-');
    rest = 0u - rest;
  }
  bool leading = true;  // zeros before the first digit are not printed
  for (uint8_t i = 0; i < 10; ++i) {
    const uint32_t power = pgm_read_dword(&kPowersOfTen[i]);
    uint8_t digit = '0';
    while (rest >= power) {
      rest -= power;
      ++digit;
    }
    if (digit != '0' || !leading || i == 9) {  // the ones digit always
      putByte(digit);
      leading = false;
    }
  }
}

}  // namespace uart0
}  // namespace emflow
