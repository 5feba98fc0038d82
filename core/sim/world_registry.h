// The one place that knows the worlds by name: each entry maps a name to what the world is,
// what it needs (seed, a recording), its live inputs, and a factory. The CLI (`emflow run
// --world`), the WebAssembly engine and the protocol runtime list and create worlds from
// here; a new world is one entry plus its own files in core/world/.
#ifndef EMFLOW_SIM_WORLD_REGISTRY_H
#define EMFLOW_SIM_WORLD_REGISTRY_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "world/virtual_io.h"
#include "world/world.h"

namespace emflow::sim {

// What a factory may use; each world takes what it needs.
struct WorldParams {
  uint64_t seed = 1;
  std::string data;       // the recording's text (a world that needsData)
  TimeMs durationMs = 0;  // how long a headless run lasts; 0: open-ended (a live runtime)
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

}  // namespace emflow::sim

#endif  // EMFLOW_SIM_WORLD_REGISTRY_H
