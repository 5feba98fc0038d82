// The replay world (replay_world.h).
#include "replay_world.h"

#include <algorithm>
#include <cstdio>

namespace emflow::world {

ReplayWorld::ReplayWorld(VirtualIO& io, ReplayData data, const OneWireAddress& rom)
    : io_(io), data_(std::move(data)), current_(data_.columns.size(), 0.0) {
  io.setWorld(this);
  for (size_t c = 0; c < data_.columns.size(); ++c) {
    if (data_.columns[c].kind != ReplayColumnKind::kTemperature) continue;
    thermometers_.push_back(std::make_unique<Ds18b20Model>(rom, 1, 0.0));
    io.attachThermometer(data_.columns[c].pin, thermometers_.back().get(),
                         [this, c] { return valueAt(c, io_.timeMs()); });
  }
  advanceTo(0);
}

size_t ReplayWorld::rowAt(TimeMs now) const {
  const std::vector<TimeMs>& t = data_.times;
  if (cursor_ >= t.size() || t[cursor_] > now) cursor_ = 0;  // went back: search from the start
  // Forward from the last answer; a binary search if that is far.
  if (cursor_ + 8 < t.size() && t[cursor_ + 8] <= now) {
    cursor_ = static_cast<size_t>(std::upper_bound(t.begin() + cursor_, t.end(), now) - t.begin());
    cursor_ = cursor_ == 0 ? 0 : cursor_ - 1;
  }
  while (cursor_ + 1 < t.size() && t[cursor_ + 1] <= now) ++cursor_;
  return cursor_;
}

double ReplayWorld::valueAt(size_t column, TimeMs now) const {
  const size_t row = rowAt(now);
  const double held = data_.at(row, column);
  if (data_.columns[column].kind != ReplayColumnKind::kTemperature) return held;
  if (now <= data_.times[row] || row + 1 >= data_.rows()) return held;
  const double t0 = data_.times[row], t1 = data_.times[row + 1];
  const double next = data_.at(row + 1, column);
  return held + (next - held) * ((now - t0) / (t1 - t0));
}

void ReplayWorld::advanceTo(TimeMs now) {
  now_ = now;
  for (size_t c = 0; c < data_.columns.size(); ++c) {
    current_[c] = valueAt(c, now);
    const ReplayColumn& column = data_.columns[c];
    if (column.kind == ReplayColumnKind::kAnalog) {
      io_.setAnalogInput(column.pin, static_cast<uint16_t>(current_[c]));
    } else if (column.kind == ReplayColumnKind::kDigital) {
      io_.setDigitalInput(column.pin, current_[c] != 0);
    }
  }
}

void ReplayWorld::sample(WorldValues* values) const {
  for (size_t c = 0; c < data_.columns.size(); ++c)
    values->push_back({data_.columns[c].name, current_[c]});
}

std::string ReplayWorld::traceHeader() const {
  std::string header;
  for (const ReplayColumn& column : data_.columns) header += "," + column.name;
  return header;
}

void ReplayWorld::appendTraceValues(std::string* row) const {
  char text[32];
  for (double value : current_) {
    const int length = std::snprintf(text, sizeof text, ",%.9g", value);
    row->append(text, static_cast<size_t>(length));
  }
}

std::vector<std::pair<std::string, std::string>> ReplayWorld::summaryLines(TimeMs) const {
  std::string names;
  for (const ReplayColumn& column : data_.columns)
    names += (names.empty() ? "" : ", ") + column.name;
  return {
      {"recording", std::to_string(data_.rows()) + " rows, " + std::to_string(data_.times.front()) +
                        " .. " + std::to_string(data_.times.back()) + " ms"},
      {"replayed columns", names}};
}

int ReplayWorld::truthAt(TimeMs now) const {
  for (size_t c = 0; c < data_.columns.size(); ++c) {
    if (data_.columns[c].kind == ReplayColumnKind::kLabel)
      return static_cast<int>(data_.at(rowAt(now), c));
  }
  return -1;
}

}  // namespace emflow::world
