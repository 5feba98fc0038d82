// The DS18B20 as a 1-Wire slave, for a simulated board: it watches the master's edges on the
// bus (times in CPU cycles) and says when it pulls the line low itself. The temperature comes
// from outside (the fridge world's Ds18b20Model through a Sensor), so this file is only the
// wire protocol, written from the Maxim DS18B20 datasheet (rev. 6):
//   - reset: the master holds the line low >= 480 us; 15-60 us after it releases, the device
//     answers with a 60-240 us presence pulse (here: from +30 us to +150 us).
//   - write slots: the master pulls low 1-15 us for a 1, 60-120 us for a 0; the device samples
//     15-60 us after the falling edge (here: a low time under 15 us is a 1).
//   - read slots: the master pulls low >= 1 us; for a 0 the device holds the line low until
//     15 us after the falling edge at least (here: 30 us), for a 1 it leaves it alone.
//   - ROM commands: MATCH ROM (0x55 + 8 bytes), SKIP ROM (0xCC), READ ROM (0x33), SEARCH ROM
//     (0xF0: per ROM bit, LSB first, two read slots — the bit, its complement — then a write
//     slot with the master's direction; another direction drops the device out until the next
//     reset, after 64 bits it is selected as by MATCH ROM); function
//     commands: CONVERT T (0x44), READ SCRATCHPAD (0xBE: 9 bytes, LSB first, the last one the
//     Dallas CRC-8 of the first 8). Anything else is counted as unsupported and ignored until
//     the next reset, as a real device that did not understand would.
//   - the scratchpad holds the last finished conversion; before the first one it holds the
//     power-on value +85 °C (0x0550), which is what a firmware reading too early gets.
#ifndef EMFLOW_TESTS_BOARD_DS18B20_DEVICE_H
#define EMFLOW_TESTS_BOARD_DS18B20_DEVICE_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace emflow::board {

using Cycles = uint64_t;

// Dallas/Maxim CRC-8 (x^8 + x^5 + x^4 + 1, reflected), independent of the firmware's copy.
uint8_t dallasCrc8(const uint8_t* data, size_t length);

// Where the temperature comes from. Times are CPU cycles of the simulated board.
class Ds18b20Sensor {
 public:
  virtual ~Ds18b20Sensor() = default;
  virtual void startConversion(Cycles now) = 0;
  // The finished conversion's raw 1/16 °C value; false while none has finished.
  virtual bool finishedReading(Cycles now, int16_t* raw) = 0;
};

struct Ds18b20DeviceStats {
  uint32_t resets = 0;
  uint32_t presencePulses = 0;
  uint32_t matchedRoms = 0;
  uint32_t otherRoms = 0;  // MATCH ROM for another device: it stays silent
  uint32_t searches = 0;   // SEARCH ROM passes that ended with this device selected
  uint32_t conversions = 0;
  uint32_t scratchpadReads = 0;
  uint32_t staleReads = 0;  // READ SCRATCHPAD before the conversion had finished
  uint32_t unsupported = 0;
};

class Ds18b20Device {
 public:
  Ds18b20Device(const std::array<uint8_t, 8>& rom, uint32_t cyclesPerMicrosecond,
                Ds18b20Sensor* sensor);

  // Edges of the master's drive (not of the bus: the device's own pulls are not edges here).
  void masterPullsLow(Cycles now);
  void masterReleases(Cycles now);
  // Whether the device holds the line low at `now`.
  bool pullsLow(Cycles now) const { return now >= lowFrom_ && now < lowUntil_; }

  const Ds18b20DeviceStats& stats() const { return stats_; }

 private:
  enum class State { kIdle, kRomCommand, kMatchRom, kFunction, kSending, kSearch };

  void onBitWritten(Cycles now, bool bit);
  void onByteWritten(Cycles now, uint8_t byte);
  void startSending(const uint8_t* bytes, uint8_t count);
  bool romBit(uint8_t index) const { return (rom_[index / 8] >> (index % 8)) & 1; }
  void onSearchDirection(bool direction);
  Cycles us(uint32_t microseconds) const { return Cycles(microseconds) * cyclesPerUs_; }

  std::array<uint8_t, 8> rom_;
  uint32_t cyclesPerUs_;
  Ds18b20Sensor* sensor_;
  State state_ = State::kIdle;
  Cycles fallAt_ = 0;
  bool masterLow_ = false;
  Cycles lowFrom_ = 0, lowUntil_ = 0;
  // Bits being received (LSB first) or sent.
  uint8_t bitCount_ = 0;
  uint8_t byte_ = 0;
  uint8_t received_[8] = {};
  uint8_t receivedCount_ = 0;
  uint8_t sending_[9] = {};
  uint8_t sendBits_ = 0;  // bits to send in total
  uint8_t sentBits_ = 0;
  // SEARCH ROM: the ROM bit being searched and the slot within it (0: the bit, 1: its
  // complement, 2: the master's direction).
  uint8_t searchBit_ = 0;
  uint8_t searchSlot_ = 0;
  int16_t scratchpadRaw_ = 0x0550;  // +85 °C, the power-on value
  Ds18b20DeviceStats stats_;
};

}  // namespace emflow::board

#endif  // EMFLOW_TESTS_BOARD_DS18B20_DEVICE_H
