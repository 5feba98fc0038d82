// USART0 of an ATmega328P/2560 as a transmit-only text port: 115200 baud 8N1, polled (no
// buffer in RAM), and the print helpers AvrIO and ArduinoIO both offer firmware messages.
#ifndef EMFLOW_FIRMWARE_UART0_H
#define EMFLOW_FIRMWARE_UART0_H

#include <stdint.h>

namespace emflow {
namespace uart0 {

// 115200 baud with double speed (UBRR = 16 at 16 MHz, 2.1 % error), 8N1, transmitter on.
void begin();
// Waits for the transmit buffer, but not forever (see uart0.cpp), then sends.
void putByte(uint8_t byte);
void write(const uint8_t* data, uint16_t length);
void print(const char* text);
void printFlash(const char* flashText);  // a PROGMEM string
void printNumber(int32_t value);         // decimal

}  // namespace uart0
}  // namespace emflow

#endif  // EMFLOW_FIRMWARE_UART0_H
