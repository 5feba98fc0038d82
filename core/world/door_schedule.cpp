#include "door_schedule.h"

#include "time_text.h"

namespace emflow::world {

bool DoorSchedule::isOpen(uint64_t nowMs) const {
  for (const DoorOpening& o : openings_)
    if (nowMs >= o.startMs && nowMs < o.startMs + o.lengthMs) return true;
  if (periodMs_ > 0 && nowMs >= periodMs_ && nowMs % periodMs_ < repeatLengthMs_) return true;
  return false;
}

static bool parseItem(const std::string& item, DoorSchedule* schedule, std::string* error) {
  std::string body = item;
  bool repeating = false;
  const std::string kEvery = "every ";
  if (body.compare(0, kEvery.size(), kEvery) == 0) {
    repeating = true;
    body = body.substr(kEvery.size());
  }
  const size_t plus = body.find('+');
  if (plus == std::string::npos) {
    *error = "door opening '" + item + "' needs the form START+LENGTH or every PERIOD+LENGTH";
    return false;
  }
  uint64_t at = 0, length = 0;
  std::string why;
  if (!parseDuration(body.substr(0, plus), &at, &why) ||
      !parseDuration(body.substr(plus + 1), &length, &why)) {
    *error = "door opening '" + item + "': " + why;
    return false;
  }
  if (repeating) {
    if (at == 0 || length >= at) {
      *error = "door opening '" + item + "': the period must be longer than the opening";
      return false;
    }
    schedule->setRepeating(at, length);
  } else {
    schedule->addOpening(at, length);
  }
  return true;
}

bool DoorSchedule::parse(const std::string& text, DoorSchedule* schedule, std::string* error) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.empty()) {
      *error =
          "empty door opening at character " + std::to_string(start + 1) + " of '" + text + "'";
      return false;
    }
    if (!parseItem(item, schedule, error)) return false;
    start = comma + 1;
  }
  return true;
}

}  // namespace emflow::world
