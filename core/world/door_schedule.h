// When the fridge door is open: a list of openings and/or a repeating opening.
// Text form (for `emflow run --door-schedule`), comma-separated items:
//   START+LENGTH          one opening, e.g. "7h+45s"  (opens 7 h after start for 45 s)
//   every PERIOD+LENGTH   repeating from PERIOD on, e.g. "every 3h+30s"
// Durations use time_text units (ms, s, m, h, d). Example: "7h+1m,12h30m+40s,every 4h+20s".
#ifndef EMFLOW_WORLD_DOOR_SCHEDULE_H
#define EMFLOW_WORLD_DOOR_SCHEDULE_H

#include <cstdint>
#include <string>
#include <vector>

namespace emflow::world {

struct DoorOpening {
  uint64_t startMs;
  uint64_t lengthMs;
};

class DoorSchedule {
 public:
  void addOpening(uint64_t startMs, uint64_t lengthMs) { openings_.push_back({startMs, lengthMs}); }
  void setRepeating(uint64_t periodMs, uint64_t lengthMs) {
    periodMs_ = periodMs;
    repeatLengthMs_ = lengthMs;
  }
  bool isOpen(uint64_t nowMs) const;
  bool empty() const { return openings_.empty() && periodMs_ == 0; }

  // Parses the text form; on error returns false with a message naming the item.
  static bool parse(const std::string& text, DoorSchedule* schedule, std::string* error);

 private:
  std::vector<DoorOpening> openings_;
  uint64_t periodMs_ = 0;
  uint64_t repeatLengthMs_ = 0;
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_DOOR_SCHEDULE_H
