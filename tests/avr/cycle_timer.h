// Timer1 at prescaler 1 as a CPU-cycle counter for the AVR measuring firmwares
// (tests/avr/harness.cpp, tests/sweep/forms_harness.cpp): start() before the measured call,
// stop() after it. Overflows are counted by an interrupt, so a call may take more than 65,536
// cycles (a big forest on a Mega; each overflow's interrupt adds its own ~40 cycles to the
// count). Counts the same on simavr and on real boards. Include it in one source file of a
// firmware: it defines the Timer1 overflow interrupt.
#ifndef EMFLOW_TESTS_AVR_CYCLE_TIMER_H
#define EMFLOW_TESTS_AVR_CYCLE_TIMER_H

#include <avr/interrupt.h>
#include <avr/io.h>
#include <stdint.h>

namespace cycle_timer {

volatile uint16_t overflows;

// Once, before the first start(): Timer1 in normal mode, its overflow interrupt on.
inline void init() {
  TCCR1A = 0;
  TIMSK1 = _BV(TOIE1);
  sei();
}

inline void start() {
  overflows = 0;
  TCNT1 = 0;
  TCCR1B = _BV(CS10);  // Timer1 counts CPU cycles from here
}

// Cycles since start(); stops the timer.
inline uint32_t stop() {
  cli();  // the count and the overflows read together
  const uint16_t count = TCNT1;
  uint32_t cycles = count + 65536UL * overflows;
  if ((TIFR1 & _BV(TOV1)) && count < 32768) cycles += 65536UL;  // an overflow not yet served
  TCCR1B = 0;
  TIFR1 = _BV(TOV1);
  sei();
  return cycles;
}

}  // namespace cycle_timer

ISR(TIMER1_OVF_vect) {
  ++cycle_timer::overflows;
}

#endif  // EMFLOW_TESTS_AVR_CYCLE_TIMER_H
