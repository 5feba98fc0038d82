// USART0 receive for the generic firmware's serial link (kept out of firmware/avr/: an ISR is
// never dropped by section GC, so every firmware built from that folder would carry it): an
// interrupt puts each byte into a small ring, the main loop takes them out. The ring covers
// what arrives while the network runs or the board answers (a whole frame is at most 72 bytes
// and the host waits for each answer before the next frame); an overflow is counted, never
// silent: the frame it damaged fails its CRC and is answered with an error.
#ifndef EMFLOW_FIRMWARE_UART0_RX_H
#define EMFLOW_FIRMWARE_UART0_RX_H

#include <stdint.h>

#ifndef EMFLOW_UART_RX_RING
#define EMFLOW_UART_RX_RING 96
#endif

namespace emflow {
namespace uart0 {

// Turns the receiver and its interrupt on (after uart0::begin()).
void beginReceive();
// The oldest received byte, if any.
bool takeByte(uint8_t* byte);
// Whether a received byte waits in the ring (the main loop sleeps only when none does).
bool byteWaiting();
// Bytes lost because the ring was full or the UART overran.
uint16_t receiveOverflows();

}  // namespace uart0
}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_UART0_RX_H
