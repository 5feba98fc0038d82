// An Arduino Uno (ATmega328P at 16 MHz) on libsimavr, stepped one instruction at a time so a
// harness can look at the pins after every instruction — which is every pin change, since
// only an instruction changes a pin — and drive inputs in between.
//
// UART0 output is collected (simavr's own console echo and its polling sleep are switched off:
// the latter would make a polled transmit wait in wall-clock time).
#ifndef EMFLOW_TESTS_BOARD_SIMULATED_UNO_H
#define EMFLOW_TESTS_BOARD_SIMULATED_UNO_H

#include <cstdint>
#include <string>

struct avr_t;
struct avr_irq_t;

namespace emflow::board {

constexpr uint32_t kUnoHz = 16000000;

// An Uno pin's three registers (data-space addresses) and bit.
struct UnoPin {
  uint16_t pin, ddr, port;
  uint8_t mask;
};
// D0..D7 → PORTD, D8..D13 → PORTB, A0..A5 (14..19) → PORTC; false for other numbers.
bool unoPin(uint8_t arduinoPin, UnoPin* out);

class SimulatedUno {
 public:
  SimulatedUno() = default;
  ~SimulatedUno();
  SimulatedUno(const SimulatedUno&) = delete;
  SimulatedUno& operator=(const SimulatedUno&) = delete;

  bool load(const std::string& elfPath, std::string* error);

  // One instruction (or, while the CPU sleeps, one jump to the next timer event). False once
  // the CPU has stopped for good (crashed, or sleeping with interrupts off).
  bool step();
  uint64_t cycles() const;

  // The pin as the firmware drives it: an output (DDR bit set) at its PORT level.
  bool drivesLow(const UnoPin& pin) const;
  bool isOutput(const UnoPin& pin) const;
  bool portBit(const UnoPin& pin) const;
  // What the firmware reads from PINx for an input pin (the external level).
  void setInputLevel(const UnoPin& pin, bool high);

  const std::string& serial() const { return serial_; }

 private:
  static void onUartByte(::avr_irq_t* irq, uint32_t value, void* self);

  avr_t* avr_ = nullptr;
  std::string serial_;
};

}  // namespace emflow::board

#endif  // EMFLOW_TESTS_BOARD_SIMULATED_UNO_H
