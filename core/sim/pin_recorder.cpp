// Recording a world's pins for replay (pin_recorder.h).
#include "sim/pin_recorder.h"

#include <memory>

namespace emflow::sim {

bool recordPins(const std::string& world, const WorldParams& params,
                const std::vector<std::string>& pins, TimeMs durationMs, std::string* csv,
                std::string* error) {
  const WorldSpec* spec = findWorld(world);
  if (!spec) {
    *error = "unknown world '" + world + "' (known: " + worldNames() + ")";
    return false;
  }
  struct Pin {
    uint8_t number;
    bool analog;
  };
  std::vector<Pin> wanted;
  for (const std::string& name : pins) {
    const bool analog = name.size() == 2 && name[0] == 'A' && name[1] >= '0' && name[1] <= '5';
    int digital = -1;
    if (name.size() >= 2 && name.size() <= 3 && name[0] == 'D') {
      digital = 0;
      for (size_t i = 1; i < name.size(); ++i)
        digital = name[i] >= '0' && name[i] <= '9' ? digital * 10 + (name[i] - '0') : 99;
    }
    if (analog) {
      wanted.push_back({static_cast<uint8_t>(14 + (name[1] - '0')), true});
    } else if (digital >= 0 && digital < world::kVirtualPinCount) {
      wanted.push_back({static_cast<uint8_t>(digital), false});
    } else {
      *error = "unknown pin '" + name + "' (A0..A5, D0..D19)";
      return false;
    }
  }
  if (wanted.empty()) {
    *error = "no pins to record";
    return false;
  }
  world::VirtualIO io;
  std::unique_ptr<world::World> made = spec->create(io, params, error);
  if (!made) return false;
  *csv = "time_ms";
  for (const std::string& name : pins) *csv += "," + name;
  *csv += '\n';
  std::vector<uint16_t> previous(wanted.size(), 0xFFFF), now(wanted.size());
  for (TimeMs t = 0;; ++t) {
    io.advanceTo(t);
    for (size_t i = 0; i < wanted.size(); ++i) {
      bool level = false;
      if (wanted[i].analog) {
        io.analogRead(wanted[i].number, &now[i]);
      } else {
        io.digitalRead(wanted[i].number, &level);
        now[i] = level ? 1 : 0;
      }
    }
    if (now != previous) {
      *csv += std::to_string(t);
      for (uint16_t value : now) *csv += "," + std::to_string(value);
      *csv += '\n';
      previous = now;
    }
    if (t >= durationMs) break;
  }
  return true;
}

}  // namespace emflow::sim
