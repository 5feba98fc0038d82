// Simulated-board parity for the fridge (issue 7, "How we will know"): the same graph, world
// config and seed run twice —
//   native  SimulatedFridge (what `emflow run --world fridge` runs): the runtime on VirtualIO;
//   board   the exported sketch's ELF on a simulated ATmega328P (libsimavr), with a DS18B20
//           1-Wire device on the thermometer pin whose temperature comes from a FridgeWorld,
//           and the relay pins driving that world's latching contactor. Board time is CPU
//           cycles / 16 MHz.
// and checks that
//   - the relay states (turnOn active, turnOff active) change in the same sequence,
//   - each change on the board is within one timer interval of the native one,
//   - the two relay pins are never both active (LOW and driven) after any instruction,
//   - the sensor was never read before its conversion had finished, and every 1-Wire
//     command the firmware sent was understood;
//   - the sketch's boot-time bus scan printed the ROM of the thermometer and of a second
//     DS18B20 on the same bus (SEARCH ROM through a discrepancy), in search order.
// Prints the figures; exit status 0 only if every check holds.
//
// Usage: board_parity GRAPH ELF [--seconds S] [--seed N] [--ambient C] [--events FILE]
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "ds18b20_device.h"
#include "host/firmware/graph_file.h"
#include "host/sim/simulated_fridge.h"
#include "simulated_uno.h"
#include "world/fridge_world.h"
#include "world/virtual_io.h"

namespace emflow::board {
namespace {

constexpr uint64_t kCyclesPerMs = kUnoHz / 1000;

struct RelayEvent {
  double ms;  // when the state changed
  bool setActive;
  bool resetActive;
};

struct Options {
  std::string graph, elf, eventsPath;
  double seconds = 150;
  world::FridgeConfig config;
};

// Relay state changes as the contactor sees them, from pin writes (native side).
class RelayRecorder {
 public:
  explicit RelayRecorder(const world::ContactorWiring& wiring) : wiring_(wiring) {}
  void onLevel(double ms, uint8_t pin, bool level) {
    const bool active = wiring_.relaysActiveLow ? !level : level;
    bool set = set_, reset = reset_;
    if (pin == wiring_.setPin) set = active;
    if (pin == wiring_.resetPin) reset = active;
    if (set == set_ && reset == reset_) return;
    set_ = set;
    reset_ = reset;
    events_.push_back({ms, set, reset});
  }
  const std::vector<RelayEvent>& events() const { return events_; }

 private:
  world::ContactorWiring wiring_;
  bool set_ = false, reset_ = false;
  std::vector<RelayEvent> events_;
};

// The world's DS18B20 model behind the 1-Wire device: conversions start and are read at the
// board's time, so the world is sampled 750 ms after the board's CONVERT T.
class WorldSensor : public Ds18b20Sensor {
 public:
  WorldSensor(world::VirtualIO& io, const world::FridgeConfig& config) : io_(io), config_(config) {}
  void startConversion(Cycles now) override {
    io_.advanceTo(static_cast<TimeMs>(now / kCyclesPerMs));
    io_.startTemperatureConversion(config_.thermometerPin, config_.thermometerRom);
  }
  bool finishedReading(Cycles now, int16_t* raw) override {
    io_.advanceTo(static_cast<TimeMs>(now / kCyclesPerMs));
    return io_.readTemperature(config_.thermometerPin, config_.thermometerRom, raw) == kOk;
  }

 private:
  world::VirtualIO& io_;
  const world::FridgeConfig& config_;
};

// A second DS18B20 on the thermometer's bus that the graph does not read (as a real bus may
// carry): it answers the boot scan, so the search has a discrepancy to resolve. Its ROM
// differs from the world's sensor first at bit 12 (0xAF vs 0xFF in byte 1), where the search
// takes 0 first: the thermometer is listed first.
const std::array<uint8_t, 8> kNeighbourRom = {0x28, 0xFF, 0x64, 0x1E, 0x0F, 0x00, 0x00, 0x34};

class FixedSensor : public Ds18b20Sensor {
 public:
  void startConversion(Cycles) override {}
  bool finishedReading(Cycles, int16_t* raw) override {
    *raw = 4 * 16;  // 4 °C
    return true;
  }
};

// The line the boot scan prints for a ROM: `1-wire pin 9: ["0x28", ..., "0x33"]`.
std::string scanLine(uint8_t pin, const uint8_t* rom) {
  std::string line = "1-wire pin " + std::to_string(pin) + ": [";
  for (size_t i = 0; i < 8; ++i) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "\"0x%02X\"", rom[i]);
    line += std::string(i ? ", " : "") + hex;
  }
  return line + "]\n";
}

uint32_t timerInterval(const firmware::CompiledGraph& graph) {
  for (const firmware::CompiledInitial& initial : graph.initials) {
    const firmware::CompiledNode* node = graph.node(initial.tgt);
    if (node && node->componentName == "Timer" && initial.port == 0)
      return static_cast<uint32_t>(initial.packet.asInt());
  }
  return 0;
}

struct NativeRun {
  std::vector<RelayEvent> events;
  world::FridgeSummary summary;
};

bool runNative(const firmware::CompiledGraph& graph, const Options& options, TimeMs untilMs,
               NativeRun* run, std::string* error) {
  sim::SimulatedFridge fridge(graph, options.config);
  RelayRecorder relays(options.config.wiring);
  fridge.io().addPinListener(
      [&relays](const world::PinWrite& w) { relays.onLevel(w.time, w.pin, w.level); });
  if (!fridge.load(error) || !fridge.simulation().runUntil(untilMs, error)) return false;
  run->events = relays.events();
  run->summary = fridge.summary();
  return true;
}

struct BoardRun {
  std::vector<RelayEvent> events;
  uint32_t overlaps = 0;  // instructions after which both relays were newly active
  uint32_t compressorStarts = 0;
  Ds18b20DeviceStats sensor;
  Ds18b20DeviceStats neighbour;
  std::string serial;
  uint64_t cycles = 0;
};

bool runBoard(const Options& options, uint64_t untilCycles, BoardRun* run, std::string* error) {
  SimulatedUno uno;
  if (!uno.load(options.elf, error)) return false;
  const world::FridgeConfig& config = options.config;
  world::VirtualIO io;
  world::FridgeWorld fridge(io, config);
  WorldSensor sensor(io, config);
  std::array<uint8_t, 8> rom;
  for (size_t i = 0; i < rom.size(); ++i) rom[i] = config.thermometerRom.bytes[i];
  Ds18b20Device thermometer(rom, kUnoHz / 1000000, &sensor);
  FixedSensor neighbourSensor;
  Ds18b20Device neighbour(kNeighbourRom, kUnoHz / 1000000, &neighbourSensor);
  UnoPin bus, setRelay, resetRelay;
  if (!unoPin(config.thermometerPin, &bus) || !unoPin(config.wiring.setPin, &setRelay) ||
      !unoPin(config.wiring.resetPin, &resetRelay)) {
    *error = "the world's pins are not Uno pins";
    return false;
  }
  RelayRecorder relays(config.wiring);
  bool masterLow = false, bothActive = false;
  // An undriven relay input is pulled up by the module: inactive.
  bool setLevel = true, resetLevel = true;
  while (uno.cycles() < untilCycles) {
    if (!uno.step()) {
      *error = "the firmware stopped at cycle " + std::to_string(uno.cycles());
      return false;
    }
    const Cycles now = uno.cycles();
    // The 1-Wire bus: open drain, low if the master or the device pulls it.
    const bool low = uno.drivesLow(bus);
    if (low != masterLow) {
      masterLow = low;
      if (low) {
        thermometer.masterPullsLow(now);
        neighbour.masterPullsLow(now);
      } else {
        thermometer.masterReleases(now);
        neighbour.masterReleases(now);
      }
    }
    uno.setInputLevel(bus, !(masterLow || thermometer.pullsLow(now) || neighbour.pullsLow(now)));
    // The relay modules see a pin's level only while it is an output.
    const bool set = !uno.isOutput(setRelay) || uno.portBit(setRelay);
    const bool reset = !uno.isOutput(resetRelay) || uno.portBit(resetRelay);
    if (set == setLevel && reset == resetLevel) continue;
    const double ms = static_cast<double>(now) / kCyclesPerMs;
    io.advanceTo(static_cast<TimeMs>(now / kCyclesPerMs));
    if (set != setLevel) {
      setLevel = set;
      io.digitalWrite(config.wiring.setPin, set);
      relays.onLevel(ms, config.wiring.setPin, set);
    }
    if (reset != resetLevel) {
      resetLevel = reset;
      io.digitalWrite(config.wiring.resetPin, reset);
      relays.onLevel(ms, config.wiring.resetPin, reset);
    }
    const bool both = !setLevel && !resetLevel;  // active-low modules
    if (both && !bothActive) ++run->overlaps;
    bothActive = both;
  }
  run->events = relays.events();
  run->compressorStarts = fridge.contactor().closeCount();
  run->sensor = thermometer.stats();
  run->neighbour = neighbour.stats();
  run->serial = uno.serial();
  run->cycles = uno.cycles();
  return true;
}

void writeEvents(const char* side, const std::vector<RelayEvent>& events, std::ofstream& out) {
  for (const RelayEvent& e : events)
    out << side << ',' << e.ms << ',' << e.setActive << ',' << e.resetActive << '\n';
}

std::string stateText(const RelayEvent& e) {
  return std::string("turnOn ") + (e.setActive ? "on" : "off") + ", turnOff " +
         (e.resetActive ? "on" : "off");
}

// "12.750 s turnOn on, turnOff off", or "-" past the end.
std::string eventText(const std::vector<RelayEvent>& events, size_t i) {
  if (i >= events.size()) return "-";
  char time[32];
  std::snprintf(time, sizeof time, "%.3f s ", events[i].ms / 1000);
  return time + stateText(events[i]);
}

bool parseOptions(int argc, char** argv, Options* options) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool hasValue = i + 1 < argc;
    if (arg == "--seconds" && hasValue) {
      options->seconds = std::atof(argv[++i]);
    } else if (arg == "--seed" && hasValue) {
      options->config.seed = std::strtoull(argv[++i], nullptr, 0);
    } else if (arg == "--ambient" && hasValue) {
      options->config.ambientC = std::atof(argv[++i]);
    } else if (arg == "--events" && hasValue) {
      options->eventsPath = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "board_parity: unknown option or missing value: %s\n", arg.c_str());
      return false;
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2 || !(options->seconds > 0)) {
    std::fprintf(stderr,
                 "usage: board_parity GRAPH ELF [--seconds S] [--seed N] [--ambient C] "
                 "[--events FILE]\n");
    return false;
  }
  options->graph = positional[0];
  options->elf = positional[1];
  return true;
}

int run(int argc, char** argv) {
  Options options;
  if (!parseOptions(argc, argv, &options)) return 2;
  std::vector<std::string> errors;
  const std::optional<firmware::CompiledGraph> graph =
      firmware::compileGraphFile(options.graph, {}, &errors);
  if (!graph) {
    for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
    return 1;
  }
  const uint32_t intervalMs = timerInterval(*graph);
  if (intervalMs == 0) {
    std::fprintf(stderr, "%s: no Timer with an INTERVAL initial packet\n", options.graph.c_str());
    return 1;
  }
  // Both sides run one interval past the compared span, so a switch just before its end on
  // one side is found on the other.
  const TimeMs spanMs = static_cast<TimeMs>(options.seconds * 1000);
  const TimeMs untilMs = spanMs + intervalMs;

  std::string error;
  NativeRun native;
  if (!runNative(*graph, options, untilMs, &native, &error)) {
    std::fprintf(stderr, "board_parity: native run: %s\n", error.c_str());
    return 1;
  }
  const auto wallStart = std::chrono::steady_clock::now();
  BoardRun board;
  const bool boardOk = runBoard(options, uint64_t(untilMs) * kCyclesPerMs, &board, &error);
  const double wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  if (!boardOk) {
    std::fprintf(stderr, "board_parity: board run: %s\n", error.c_str());
    return 1;
  }
  if (!options.eventsPath.empty()) {
    std::ofstream out(options.eventsPath);
    out << "side,ms,turnOnActive,turnOffActive\n";
    writeEvents("native", native.events, out);
    writeEvents("board", board.events, out);
  }

  int failures = 0;
  auto fail = [&failures](const std::string& what) {
    std::printf("board: FAIL %s\n", what.c_str());
    ++failures;
  };
  auto countUntil = [spanMs](const std::vector<RelayEvent>& events) {
    size_t n = 0;
    while (n < events.size() && events[n].ms <= spanMs) ++n;
    return n;
  };
  const size_t compared = std::max(countUntil(native.events), countUntil(board.events));
  double maxDiffMs = 0;
  for (size_t i = 0; i < compared; ++i) {
    if (i >= native.events.size() || i >= board.events.size()) {
      fail("relay change " + std::to_string(i + 1) + " happens on only one side");
      break;
    }
    const RelayEvent& n = native.events[i];
    const RelayEvent& b = board.events[i];
    if (n.setActive != b.setActive || n.resetActive != b.resetActive) {
      char at[96];
      std::snprintf(at, sizeof at, " (native t=%.3f s, board t=%.3f s)", n.ms / 1000, b.ms / 1000);
      fail("relay change " + std::to_string(i + 1) + ": native " + stateText(n) + ", board " +
           stateText(b) + at);
      break;
    }
    maxDiffMs = std::max(maxDiffMs, std::fabs(b.ms - n.ms));
  }
  if (maxDiffMs > intervalMs) {
    char text[120];
    std::snprintf(text, sizeof text, "a relay change is %.1f ms from the native one (> %u ms)",
                  maxDiffMs, intervalMs);
    fail(text);
  }
  if (board.overlaps != 0)
    fail("both relay pins were active at once " + std::to_string(board.overlaps) + " time(s)");
  if (native.summary.relayOverlaps != 0) fail("the native run energised both relays");
  if (compared < 4) fail("fewer than 4 relay changes to compare: make the world switch more");
  // The device model's CRC-8 against the example of Maxim's application note 27 (a ROM whose
  // CRC byte is 0xA2), so a wrong model cannot agree with a wrong firmware.
  const uint8_t an27Rom[7] = {0x02, 0x1C, 0xB8, 0x01, 0x00, 0x00, 0x00};
  if (dallasCrc8(an27Rom, sizeof an27Rom) != 0xA2) fail("the DS18B20 model's CRC-8 is wrong");
  const Ds18b20DeviceStats& s = board.sensor;
  if (s.staleReads != 0)
    fail(std::to_string(s.staleReads) + " scratchpad read(s) before the conversion finished");
  if (s.unsupported != 0 || s.otherRoms != 0)
    fail("the firmware sent 1-Wire commands the device did not expect");
  if (s.conversions == 0 || s.scratchpadReads == 0) fail("the firmware never read the sensor");
  if (board.serial.find(" error ") != std::string::npos)
    fail("the board reported an error on its serial port");
  // The boot-time bus scan listed both devices on the bus, the thermometer first.
  const std::string thermometerLine =
      scanLine(options.config.thermometerPin, options.config.thermometerRom.bytes);
  const std::string neighbourLine = scanLine(options.config.thermometerPin, kNeighbourRom.data());
  const size_t thermometerAt = board.serial.find(thermometerLine);
  const size_t neighbourAt = board.serial.find(neighbourLine);
  if (thermometerAt == std::string::npos || neighbourAt == std::string::npos ||
      neighbourAt < thermometerAt)
    fail("the boot output does not list the bus as " + thermometerLine + neighbourLine);
  if (s.searches != 1 || board.neighbour.searches != 1)
    fail("the boot scan did not select each device on the bus exactly once");

  std::printf("board: native   %zu relay changes, %u compressor starts (%s, seed %llu)\n",
              native.events.size(), native.summary.compressorStarts, options.graph.c_str(),
              static_cast<unsigned long long>(options.config.seed));
  std::printf("board: board    %zu relay changes, %u compressor starts, %u overlaps\n",
              board.events.size(), board.compressorStarts, board.overlaps);
  std::printf(
      "board: compared %zu relay changes in the first %.0f s: max timing difference "
      "%.1f ms (limit: one timer interval, %u ms)\n",
      compared, options.seconds, maxDiffMs, intervalMs);
  std::printf("board: boot scan listed the bus's 2 DS18B20s: %s",
              (thermometerLine + "                                  " + neighbourLine).c_str());
  std::printf("board: DS18B20  %u resets, %u conversions, %u scratchpad reads (%u early)\n",
              s.resets, s.conversions, s.scratchpadReads, s.staleReads);
  std::printf("board: simulated %.1f s of ATmega328P time (%llu cycles) in %.1f s wall time\n",
              static_cast<double>(board.cycles) / kUnoHz,
              static_cast<unsigned long long>(board.cycles), wallSeconds);
  if (failures) {
    std::printf("board: serial output of the board:\n%s\n", board.serial.c_str());
    for (size_t i = 0; i < std::max(native.events.size(), board.events.size()); ++i) {
      std::printf("  %2zu  native %-40s board %s\n", i + 1, eventText(native.events, i).c_str(),
                  eventText(board.events, i).c_str());
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace emflow::board

int main(int argc, char** argv) {
  return emflow::board::run(argc, argv);
}
