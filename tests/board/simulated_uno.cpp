#include "simulated_uno.h"

#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_elf.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>

#include <cstring>

namespace emflow::board {

bool unoPin(uint8_t arduinoPin, UnoPin* out) {
  // Data-space addresses of the ATmega328P's port registers (datasheet, register summary).
  constexpr UnoPin kPortD = {0x29, 0x2A, 0x2B, 0}, kPortB = {0x23, 0x24, 0x25, 0},
                   kPortC = {0x26, 0x27, 0x28, 0};
  uint8_t bit;
  if (arduinoPin < 8) {
    *out = kPortD;
    bit = arduinoPin;
  } else if (arduinoPin < 14) {
    *out = kPortB;
    bit = static_cast<uint8_t>(arduinoPin - 8);
  } else if (arduinoPin < 20) {
    *out = kPortC;
    bit = static_cast<uint8_t>(arduinoPin - 14);
  } else {
    return false;
  }
  out->mask = static_cast<uint8_t>(1u << bit);
  return true;
}

SimulatedUno::~SimulatedUno() {
  if (avr_) avr_terminate(avr_);
}

bool SimulatedUno::load(const std::string& elfPath, std::string* error) {
  elf_firmware_t firmware;
  std::memset(&firmware, 0, sizeof firmware);
  if (elf_read_firmware(elfPath.c_str(), &firmware) != 0) {
    *error = elfPath + ": cannot read the ELF file";
    return false;
  }
  avr_ = avr_make_mcu_by_name("atmega328p");
  if (!avr_ || avr_init(avr_) != 0) {
    *error = "simavr has no atmega328p";
    return false;
  }
  avr_->log = LOG_ERROR;
  firmware.frequency = kUnoHz;
  avr_load_firmware(avr_, &firmware);
  avr_->frequency = kUnoHz;

  uint32_t flags = 0;  // no console echo, no wall-clock sleep while the firmware polls
  avr_ioctl(avr_, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  avr_irq_register_notify(avr_io_getirq(avr_, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT),
                          &SimulatedUno::onUartByte, this);
  return true;
}

void SimulatedUno::onUartByte(avr_irq_t*, uint32_t value, void* self) {
  static_cast<SimulatedUno*>(self)->serial_ += static_cast<char>(value & 0xFF);
}

bool SimulatedUno::step() {
  const int state = avr_run(avr_);
  return state != cpu_Done && state != cpu_Crashed;
}

uint64_t SimulatedUno::cycles() const {
  return avr_->cycle;
}

bool SimulatedUno::isOutput(const UnoPin& pin) const {
  return (avr_->data[pin.ddr] & pin.mask) != 0;
}

bool SimulatedUno::portBit(const UnoPin& pin) const {
  return (avr_->data[pin.port] & pin.mask) != 0;
}

bool SimulatedUno::drivesLow(const UnoPin& pin) const {
  return isOutput(pin) && !portBit(pin);
}

void SimulatedUno::setInputLevel(const UnoPin& pin, bool high) {
  // simavr's PINx read returns these bits for input pins (its port writes may set them to
  // the pull-up level; the harness calls this after every instruction, so the line wins).
  uint8_t& bits = avr_->data[pin.pin];
  bits = high ? static_cast<uint8_t>(bits | pin.mask) : static_cast<uint8_t>(bits & ~pin.mask);
}

}  // namespace emflow::board
