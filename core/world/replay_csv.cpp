// Parsing and checking of replay recordings (replay_csv.h).
#include "replay_csv.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace emflow::world {

namespace {

constexpr double kMaxTimeMs = 49.0 * 24 * 3600 * 1000;  // the 32-bit clock wraps after 49.7 d

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Digits only, 1..3 of them → value; false otherwise.
bool smallNumber(const std::string& text, unsigned* value) {
  if (text.empty() || text.size() > 3) return false;
  *value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    *value = *value * 10 + static_cast<unsigned>(c - '0');
  }
  return true;
}

// The column a header name stands for; false with why not.
bool columnFor(const std::string& name, ReplayColumn* column, std::string* why) {
  const std::string key = lower(name);
  column->name = name;
  unsigned n = 0;
  if (key == "label" || key == "activity") {
    column->kind = ReplayColumnKind::kLabel;
    return true;
  }
  if (key.size() >= 2 && smallNumber(key.substr(1), &n)) {
    if (key[0] == 'a' && n <= 5) {
      column->kind = ReplayColumnKind::kAnalog;
      column->pin = static_cast<uint8_t>(14 + n);
      return true;
    }
    if (key[0] == 'd' && n < kReplayPinCount) {
      column->kind = ReplayColumnKind::kDigital;
      column->pin = static_cast<uint8_t>(n);
      return true;
    }
    if (key[0] == 't' && n < kReplayPinCount) {
      column->kind = ReplayColumnKind::kTemperature;
      column->pin = static_cast<uint8_t>(n);
      return true;
    }
  }
  *why = "unknown column '" + name +
         "' (known: A0..A5 analog counts, D0..D19 digital 0/1, T<pin> DS18B20 °C, label)";
  return false;
}

// "LINE:COLUMN: " of a cell (0-based `cell`; the message counts cells from 1, the time).
std::string at(size_t line, size_t cell) {
  return std::to_string(line) + ":" + std::to_string(cell + 1) + ": ";
}

// Splits one line at commas into trimmed cells (as host/csv_text.h does; core/world cannot
// use it: emflow_host depends on emflow_world, not the other way round).
void split(const std::string& line, std::vector<std::string>* fields) {
  fields->clear();
  size_t begin = 0;
  for (;;) {
    const size_t comma = line.find(',', begin);
    const size_t end = comma == std::string::npos ? line.size() : comma;
    const size_t lead = line.find_first_not_of(" \t", begin);
    size_t trail = end;
    while (trail > begin && (line[trail - 1] == ' ' || line[trail - 1] == '\t')) --trail;
    fields->push_back(lead == std::string::npos || lead >= trail ? std::string()
                                                                 : line.substr(lead, trail - lead));
    if (comma == std::string::npos) return;
    begin = comma + 1;
  }
}

// A finite number filling the whole field.
bool number(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return *end == '\0' && std::isfinite(*value);
}

bool checkValue(const ReplayColumn& column, double value, std::string* why) {
  switch (column.kind) {
    case ReplayColumnKind::kAnalog:
      if (value >= 0 && value <= 1023) return true;
      *why = column.name + " must be ADC counts 0..1023";
      return false;
    case ReplayColumnKind::kDigital:
      if (value == 0 || value == 1) return true;
      *why = column.name + " must be 0 or 1";
      return false;
    case ReplayColumnKind::kTemperature:
      if (value >= -55 && value <= 125) return true;
      *why = column.name + " must be a temperature between -55 and 125 °C";
      return false;
    case ReplayColumnKind::kLabel:
      if (value >= 0 && value < 256 && value == std::floor(value)) return true;
      *why = column.name + " must be a class index 0..255";
      return false;
  }
  return false;
}

// The header line: the time column (its unit into `timeScale`), then the pin columns.
bool readHeader(size_t lineNumber, const std::vector<std::string>& fields, ReplayData* data,
                double* scale, std::string* error) {
  double& timeScale = *scale;
  const std::string time = lower(fields[0]);
  if (time == "time_ms") {
    timeScale = 1;
  } else if (time == "time_s") {
    timeScale = 1000;
  } else {
    *error = at(lineNumber, 0) + "the first column must be the time (time_ms or " +
             "time_s), got '" + fields[0] + "'";
    return false;
  }
  if (fields.size() < 2) {
    *error = at(lineNumber, 1) + "no pin or sensor column after the time";
    return false;
  }
  if (fields.size() - 1 > kMaxReplayColumns) {
    *error = at(lineNumber, kMaxReplayColumns + 1) + "at most " +
             std::to_string(kMaxReplayColumns) + " columns besides the time";
    return false;
  }
  for (size_t i = 1; i < fields.size(); ++i) {
    ReplayColumn column;
    std::string why;
    if (!columnFor(fields[i], &column, &why)) {
      *error = at(lineNumber, i) + why;
      return false;
    }
    for (const ReplayColumn& seen : data->columns) {
      const bool samePin = seen.kind != ReplayColumnKind::kLabel && seen.kind == column.kind &&
                           seen.pin == column.pin;
      const bool twoLabels =
          seen.kind == ReplayColumnKind::kLabel && column.kind == ReplayColumnKind::kLabel;
      if (samePin || twoLabels) {
        *error = at(lineNumber, i) + "column '" + fields[i] + "' repeats '" + seen.name + "'";
        return false;
      }
    }
    data->columns.push_back(column);
  }
  return true;
}

// One row of values: the time, increasing, then one checked value per column.
bool readRow(size_t lineNumber, const std::vector<std::string>& fields, double timeScale,
             ReplayData* data, std::string* error) {
  if (fields.size() != data->columns.size() + 1) {
    // The first cell too many, or the first one missing.
    const size_t where = std::min(fields.size(), data->columns.size() + 1);
    *error = at(lineNumber, where) + std::to_string(fields.size()) + " fields, the header has " +
             std::to_string(data->columns.size() + 1);
    return false;
  }
  if (data->rows() >= kMaxReplayRows) {
    *error = at(lineNumber, 0) + "more than " + std::to_string(kMaxReplayRows) + " rows";
    return false;
  }
  double time = 0;
  if (!number(fields[0], &time)) {
    *error = at(lineNumber, 0) + "time '" + fields[0] + "' is not a finite number";
    return false;
  }
  const double ms = std::round(time * timeScale);
  if (ms < 0 || ms >= kMaxTimeMs) {
    *error = at(lineNumber, 0) + "time " + fields[0] + " is outside 0 .. 49 days";
    return false;
  }
  if (!data->times.empty() && ms <= data->times.back()) {
    *error = at(lineNumber, 0) + "time " + fields[0] +
             " does not increase (the previous row is at " + std::to_string(data->times.back()) +
             " ms)";
    return false;
  }
  data->times.push_back(static_cast<TimeMs>(ms));
  for (size_t i = 1; i < fields.size(); ++i) {
    double value = 0;
    std::string why;
    if (!number(fields[i], &value)) {
      *error = at(lineNumber, i) + data->columns[i - 1].name + " value '" + fields[i] +
               "' is not a finite number";
      return false;
    }
    if (!checkValue(data->columns[i - 1], value, &why)) {
      *error = at(lineNumber, i) + why + ", got " + fields[i];
      return false;
    }
    data->values.push_back(value);
  }
  return true;
}

}  // namespace

bool parseReplayCsv(const std::string& text, ReplayData* data, std::string* error) {
  *data = ReplayData();
  if (text.size() > kMaxReplayBytes) {
    *error = "1:1: the recording is " + std::to_string(text.size()) + " bytes; at most " +
             std::to_string(kMaxReplayBytes) + " are replayed";
    return false;
  }
  double timeScale = 1;  // ms per unit of the time column
  bool header = true;
  std::vector<std::string> fields;
  size_t lineNumber = 0;
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(begin, end - begin);
    begin = end + 1;
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    split(line, &fields);
    if (header) {
      header = false;
      if (!readHeader(lineNumber, fields, data, &timeScale, error)) return false;
      continue;
    }
    if (!readRow(lineNumber, fields, timeScale, data, error)) return false;
  }
  if (header) {
    *error = "1:1: the recording is empty (it needs a header: time_ms or time_s, then pins)";
    return false;
  }
  if (data->times.empty()) {
    *error = std::to_string(lineNumber + 1) + ":1: the recording has a header but no rows";
    return false;
  }
  return true;
}

}  // namespace emflow::world
