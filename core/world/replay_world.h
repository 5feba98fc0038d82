// A recorded CSV as a world (replay_csv.h for the format): its columns drive the graph's
// inputs on the virtual clock — analog pins, digital input pins, DS18B20 temperatures — and
// an optional label column is the truth a Classify node is scored against.
//
// Between rows: analog counts, digital levels and labels hold the value of the latest row at
// or before the clock (sample-and-hold: what a logger that read them saw); temperatures are
// interpolated linearly between the rows around the clock (a slow physical quantity logged
// sparsely). Before the first row the first row's values hold, after the last the last's.
#ifndef EMFLOW_WORLD_REPLAY_WORLD_H
#define EMFLOW_WORLD_REPLAY_WORLD_H

#include <memory>
#include <string>
#include <vector>

#include "ds18b20_model.h"
#include "replay_csv.h"
#include "virtual_io.h"
#include "world.h"

namespace emflow::world {

class ReplayWorld : public World {
 public:
  // DS18B20 columns answer to `rom` (the fridge's default sensor unless told otherwise), with
  // no added noise: the sensor reads the recording quantised to 1/16 °C.
  ReplayWorld(VirtualIO& io, ReplayData data, const OneWireAddress& rom);

  void advanceTo(TimeMs now) override;
  void sample(WorldValues* values) const override;
  std::string traceHeader() const override;
  void appendTraceValues(std::string* row) const override;
  std::vector<std::pair<std::string, std::string>> summaryLines(TimeMs durationMs) const override;
  int truthAt(TimeMs now) const override;

  // Time of the last row: how long the recording lasts.
  TimeMs endMs() const { return data_.times.back(); }
  const ReplayData& data() const { return data_; }

 private:
  size_t rowAt(TimeMs now) const;  // the latest row at or before `now` (0 before the first)
  double valueAt(size_t column, TimeMs now) const;

  VirtualIO& io_;
  ReplayData data_;
  std::vector<std::unique_ptr<Ds18b20Model>> thermometers_;
  std::vector<double> current_;  // each column's value at the last advanceTo
  TimeMs now_ = 0;
  mutable size_t cursor_ = 0;  // rowAt's last answer: time mostly moves forward
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_REPLAY_WORLD_H
