// The one interface every virtual world implements: what it senses and is driven by goes
// through the board's pins (a VirtualIO, the device IO interface), and it advances on the one
// virtual clock that core/sim/runner.h moves. Nothing outside a world's own files knows its
// name or its quantities: the CLI, the engine and the protocol runtime create worlds through
// core/sim/world_registry.h and see them only through this interface.
#ifndef EMFLOW_WORLD_WORLD_H
#define EMFLOW_WORLD_WORLD_H

#include <string>
#include <utility>
#include <vector>

#include "runtime/io.h"

namespace emflow::world {

// Named quantities of a world at one instant ("airC", "accelXG", ...), for plots and the
// protocol runtime's samples.
using WorldValues = std::vector<std::pair<std::string, double>>;

class World {
 public:
  virtual ~World() = default;

  // Integrates up to `now` (called with non-decreasing times by VirtualIO::advanceTo) and
  // puts what the sensors read now on the pins.
  virtual void advanceTo(TimeMs now) = 0;

  // The world's state now, appended to `values` (the protocol runtime adds the pins).
  virtual void sample(WorldValues* values) const { (void)values; }

  // A live input by name ("ambientC", "doorOpen", ...). False with a reason for an unknown
  // name or a value out of range. Booleans are 0/1.
  virtual bool setInput(const std::string& name, double value, std::string* error) {
    (void)value;
    *error = "this world has no input '" + name + "'";
    return false;
  }

  // The trace's world columns after time_ms,kind,name,value: the header text (each column
  // preceded by ',') and one row's values in the same form, e.g. ",5.000,4.900".
  virtual std::string traceHeader() const { return ""; }
  virtual void appendTraceValues(std::string* row) const { (void)row; }

  // A run starts now (its summary covers what follows, e.g. temperature extremes).
  virtual void runStarted() {}

  // Lines the CLI prints after a run, label and value ("compressor", "duty 29.0 % ...").
  virtual std::vector<std::pair<std::string, std::string>> summaryLines(TimeMs durationMs) const {
    (void)durationMs;
    return {};
  }

  // The true class at `now` when the world knows one (the activity world's activity, a
  // replayed recording's label column): what a Classify node's predictions are scored
  // against. -1 when it does not.
  virtual int truthAt(TimeMs now) const {
    (void)now;
    return -1;
  }
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_WORLD_H
