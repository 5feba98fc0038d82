#include "uart0_rx.h"

#include <avr/interrupt.h>
#include <avr/io.h>

namespace emflow {
namespace uart0 {

namespace {

volatile uint8_t ring[EMFLOW_UART_RX_RING];
volatile uint8_t head;  // next byte to take (main loop)
volatile uint8_t tail;  // next free slot (interrupt)
volatile uint16_t overflows;

uint8_t nextSlot(uint8_t slot) {
  return static_cast<uint8_t>(slot + 1 == EMFLOW_UART_RX_RING ? 0 : slot + 1);
}

}  // namespace

void beginReceive() {
  head = tail = 0;
  overflows = 0;
  UCSR0B |= _BV(RXEN0) | _BV(RXCIE0);
}

bool takeByte(uint8_t* byte) {
  if (head == tail) return false;  // one-byte indices: reads are atomic on AVR
  *byte = ring[head];
  head = nextSlot(head);
  return true;
}

bool byteWaiting() {
  return head != tail;
}

uint16_t receiveOverflows() {
  const uint8_t saved = SREG;
  cli();
  const uint16_t count = overflows;
  SREG = saved;
  return count;
}

}  // namespace uart0
}  // namespace emflow

// The ATmega2560 names its first USART's vector with a 0; the ATmega328P has only one USART.
#if defined(USART0_RX_vect)
#define EMFLOW_UART0_RX_VECTOR USART0_RX_vect
#else
#define EMFLOW_UART0_RX_VECTOR USART_RX_vect
#endif

ISR(EMFLOW_UART0_RX_VECTOR) {
  using namespace emflow::uart0;
  const bool overran = (UCSR0A & _BV(DOR0)) != 0;  // read before UDR0 clears it
  const uint8_t byte = UDR0;
  const uint8_t next = nextSlot(tail);
  if (overran || next == head) ++overflows;
  if (next == head) return;
  ring[tail] = byte;
  tail = next;
}
