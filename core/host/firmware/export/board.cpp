#include "board.h"

namespace emflow::exporter {

std::string Board::pinLabel(int pin) const {
  if (pin >= firstAnalogPin && pin < digitalPins) return "A" + std::to_string(pin - firstAnalogPin);
  return "D" + std::to_string(pin);
}

const std::vector<Board>& boards() {
  static const std::vector<Board> kBoards = [] {
    Board uno;
    uno.id = "uno";
    uno.name = "Arduino Uno";
    uno.fqbn = "arduino:avr:uno";
    uno.platformioBoard = "uno";
    uno.mcu = "atmega328p";
    uno.flashBytes = 32256;  // 32 KB minus the 512 B Optiboot bootloader
    uno.ramBytes = 2048;
    uno.limits = firmware::CompileLimits::uno();
    uno.digitalPins = 20;
    uno.firstAnalogPin = 14;
    uno.pwmPins = {3, 5, 6, 9, 10, 11};

    Board mega;
    mega.id = "mega";
    mega.name = "Arduino Mega 2560";
    mega.fqbn = "arduino:avr:mega:cpu=atmega2560";
    mega.platformioBoard = "megaatmega2560";
    mega.mcu = "atmega2560";
    mega.flashBytes = 253952;  // 256 KB minus the 8 KB bootloader
    mega.ramBytes = 8192;
    // Four times the Uno's tables: still well under a quarter of the Mega's RAM.
    mega.limits.maxNodes = 48;
    mega.limits.maxEdges = 64;
    mega.limits.maxInitials = 64;
    mega.limits.firstAnalogPin = 54;
    mega.digitalPins = 70;
    mega.firstAnalogPin = 54;
    mega.pwmPins = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 44, 45, 46};
    return std::vector<Board>{uno, mega};
  }();
  return kBoards;
}

const Board* findBoard(const std::string& id) {
  for (const Board& board : boards())
    if (board.id == id) return &board;
  return nullptr;
}

std::string boardIds() {
  std::string ids;
  for (const Board& board : boards()) ids += (ids.empty() ? "" : ", ") + board.id;
  return ids;
}

}  // namespace emflow::exporter
