// Reads a recording for the replay world (replay_world.h): CSV text with a time column and one
// column per pin or sensor. Never trusted: every problem comes back as "LINE:COLUMN: what"
// (1-based; COLUMN is the CSV cell, 1 = the time, as host/csv_text.h counts), and the sizes
// are bounded.
//
//   time_ms | time_s   first column, strictly increasing, >= 0, below 49 days
//   A0..A5 (a0..a5)    analog pin, ADC counts 0..1023            sample-and-hold
//   D0..D19            digital input pin, 0 or 1                  sample-and-hold
//   T<pin>  (t9)       DS18B20 on that pin, °C, -55..125          linear interpolation
//   label | activity   the true class (integer >= 0) for scoring   sample-and-hold
//
// Blank lines are skipped; there are no quoted fields.
#ifndef EMFLOW_WORLD_REPLAY_CSV_H
#define EMFLOW_WORLD_REPLAY_CSV_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/io.h"

namespace emflow::world {

enum class ReplayColumnKind : uint8_t { kAnalog, kDigital, kTemperature, kLabel };

struct ReplayColumn {
  std::string name;  // as in the header
  ReplayColumnKind kind;
  uint8_t pin = 0;  // VirtualIO pin (A0 = 14); unused for the label
};

struct ReplayData {
  std::vector<ReplayColumn> columns;
  std::vector<TimeMs> times;   // one per row, strictly increasing
  std::vector<double> values;  // row-major, columns.size() per row
  double at(size_t row, size_t column) const { return values[row * columns.size() + column]; }
  size_t rows() const { return times.size(); }
};

// Limits: the text, the rows, the columns.
constexpr size_t kMaxReplayBytes = 32u * 1024 * 1024;
constexpr size_t kMaxReplayRows = 2000000;
constexpr size_t kMaxReplayColumns = 32;
// Pins a recording may drive (the VirtualIO's: an Uno's D0..D19).
constexpr unsigned kReplayPinCount = 20;

// False with `error` ("LINE:COLUMN: what") for anything but a well-formed recording.
bool parseReplayCsv(const std::string& text, ReplayData* data, std::string* error);

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_REPLAY_CSV_H
