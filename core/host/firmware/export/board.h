// The boards `emflow export` targets: what the sketch is built for (Arduino FQBN, PlatformIO
// board, MCU), the memory the graph must fit, and the pin map the README's wiring table and
// the pin checks use. Only boards with a compile check in firmware/check.sh are listed.
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_BOARD_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_BOARD_H

#include <string>
#include <vector>

#include "host/firmware/graph_compiler.h"

namespace emflow::exporter {

struct Board {
  std::string id;               // "uno": the --board value
  std::string name;             // "Arduino Uno"
  std::string fqbn;             // "arduino:avr:uno" (arduino-cli)
  std::string platformioBoard;  // "uno"
  std::string mcu;              // "atmega328p"
  size_t flashBytes;            // for the sketch, without the bootloader
  size_t ramBytes;
  firmware::CompileLimits limits;  // nodes/edges/initial packets the network tables may hold
  int digitalPins;                 // pins 0..digitalPins-1 exist
  int firstAnalogPin;              // A0 as a digital pin number
  std::vector<int> pwmPins;

  // "D9", "A0", ...
  std::string pinLabel(int pin) const;
  bool hasPin(int pin) const { return pin >= 0 && pin < digitalPins; }
};

const std::vector<Board>& boards();
const Board* findBoard(const std::string& id);  // null if unknown
std::string boardIds();                         // "uno, mega" for messages

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_BOARD_H
