// UART0 report of the AVR measurement firmwares (tests/avr/harness.cpp for the reference
// models, tests/sweep/forms_harness.cpp for the sweep's cost models): 115200 baud at 16 MHz,
// one "label cycles" line per timed row, then "done". Kept out of the timed code; the same
// in a firmware and in its baseline build, so it cancels out of the measured differences.
#ifndef EMFLOW_TESTS_AVR_UART_REPORT_H
#define EMFLOW_TESTS_AVR_UART_REPORT_H

#include <avr/io.h>
#include <stdint.h>

namespace uart_report {

inline void init() {
  UBRR0H = 0;
  UBRR0L = 16;  // 115200 baud at 16 MHz with U2X
  UCSR0A = _BV(U2X0);
  UCSR0B = _BV(TXEN0);
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
}

inline void put(char c) {
  while (!(UCSR0A & _BV(UDRE0))) {
  }
  UDR0 = c;
}

inline void number(int32_t value) {
  char digits[12];
  uint8_t n = 0;
  if (value < 0) {
    put('-');
    value = -value;
  }
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value);
  while (n) put(digits[--n]);
}

// "label cycles\n"
inline void row(int32_t label, uint32_t cycles) {
  number(label);
  put(' ');
  number(static_cast<int32_t>(cycles));
  put('\n');
}

// Not a PSTR (it may lie beyond the first 64 KB of flash) nor a literal (static RAM).
inline void done() {
  put('d');
  put('o');
  put('n');
  put('e');
  put('\n');
}

}  // namespace uart_report

#endif  // EMFLOW_TESTS_AVR_UART_REPORT_H
