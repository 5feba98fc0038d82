// The one place that knows the worlds by name: each entry maps a name to what the world is,
// what it needs (seed, a recording), its live inputs, and a factory. The CLI (`emflow run
// --world`), the WebAssembly engine and the protocol runtime list and create worlds from
// here; a new world is one entry plus its own files in core/world/. An entry also describes
// the world's own options (`emflow run --ambient 22`): the CLI reads, range-checks and lists
// them from here, so a new option is one line in the world's entry.
#ifndef EMFLOW_SIM_WORLD_REGISTRY_H
#define EMFLOW_SIM_WORLD_REGISTRY_H

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "world/fridge_world.h"
#include "world/virtual_io.h"
#include "world/world.h"

namespace emflow::sim {

// What a factory may use; each world takes what it needs.
struct WorldParams {
  uint64_t seed = 1;
  std::string data;       // the recording's text (a world that needsData)
  TimeMs durationMs = 0;  // how long a headless run lasts; 0: open-ended (a live runtime)
  // The world's own options that were given, by WorldOption::name, already checked against
  // the option (a number within its range, a text its `check` accepts).
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
};

// One option of a world, as `emflow run` takes it (`--NAME VALUE`) and the engine's headless
// runs (`{"KEY": value}`). Numbers are finite
// decimals from min to max (the CLI reads them with its one number reader: NaN and "1e999"
// are refused); a text option has a `check`.
struct WorldOption {
  std::string name;         // "ambient": --ambient on the command line
  std::string key;          // "ambientC": the engine's JSON option (simulateFridge/World)
  std::string valueName;    // "C": the help shows "--ambient C"
  std::string help;         // "room temperature in °C"
  std::string defaultText;  // "22": the help shows "(default 22)"
  std::string expected;     // numbers: what the value is, for errors ("a temperature in °C")
  double min = 0, max = 0;  // numbers: the range
  // Texts: "" or why the text is refused ("must be air or contents"); null for a number.
  std::function<std::string(const std::string& text)> check;

  bool isNumber() const { return !check; }
};

struct WorldInput {
  std::string name;         // for World::setInput
  std::string description;  // unit and range
};

struct WorldSpec {
  std::string name;
  std::string description;
  bool needsData = false;  // a recording must be given (--data FILE, the engine's data text)
  std::vector<WorldInput> inputs;
  std::vector<WorldOption> options;
  // The world on `io`, or null with a reason ("LINE:COLUMN: ..." for a recording).
  std::function<std::unique_ptr<world::World>(world::VirtualIO& io, const WorldParams& params,
                                              std::string* error)>
      create;
};

const std::vector<WorldSpec>& worldSpecs();
// null for an unknown name.
const WorldSpec* findWorld(const std::string& name);
// "fridge, activity, replay, none": for help texts and errors.
std::string worldNames();
// The option `name` of the world, or null.
const WorldOption* findOption(const WorldSpec& world, const std::string& name);

// The fridge's configuration for the options in `params` (seed, ambient, initial, load,
// sensor, door-schedule): what the registry's fridge runs on, and what `emflow run` hands
// its fridge summary run (host/sim/simulated_fridge.h).
world::FridgeConfig fridgeConfig(const WorldParams& params);

}  // namespace emflow::sim

#endif  // EMFLOW_SIM_WORLD_REGISTRY_H
