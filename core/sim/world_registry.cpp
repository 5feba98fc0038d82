// The worlds by name (world_registry.h).
#include "sim/world_registry.h"

#include "world/activity_world.h"
#include "world/bench_world.h"
#include "world/fridge_world.h"
#include "world/replay_world.h"

namespace emflow::sim {

namespace {

std::vector<WorldSpec> makeSpecs() {
  std::vector<WorldSpec> specs;
  specs.push_back(
      {"fridge",
       "a fridge compartment: DS18B20 on pin 9, relays of a latching contactor on 11/12, door "
       "switch on 2",
       false,
       {{"ambientC", "room temperature, °C, -40..60"},
        {"loadW", "extra heat into the contents, W, 0..1000"},
        {"doorOpen", "the door, 0 closed / 1 open"}},
       [](world::VirtualIO& io, const WorldParams& params, std::string*) {
         world::FridgeConfig config;
         config.seed = params.seed;
         return std::unique_ptr<world::World>(std::make_unique<world::FridgeWorld>(io, config));
       }});
  specs.push_back(
      {"activity",
       "a cow-halter accelerometer (ADXL335) on A0..A2 following a random schedule of the seed",
       false,
       {},
       [](world::VirtualIO& io, const WorldParams& params, std::string*) {
         world::ActivityConfig config;
         config.seed = params.seed;
         if (params.durationMs == 0)  // live: endless, one segment at a time
           return std::unique_ptr<world::World>(std::make_unique<world::ActivityWorld>(io, config));
         return std::unique_ptr<world::World>(std::make_unique<world::ActivityWorld>(
             io, config,
             world::ActivityGenerator::randomSchedule(params.seed, params.durationMs / 1000.0)));
       }});
  specs.push_back(
      {"replay",
       "a recorded CSV (time_ms or time_s, then A0..A5, D0..D19, T<pin>, label) drives the pins",
       true,
       {},
       [](world::VirtualIO& io, const WorldParams& params, std::string* error) {
         world::ReplayData data;
         if (!world::parseReplayCsv(params.data, &data, error))
           return std::unique_ptr<world::World>();
         const world::FridgeConfig defaults;  // DS18B20 columns answer to its default ROM
         return std::unique_ptr<world::World>(
             std::make_unique<world::ReplayWorld>(io, std::move(data), defaults.thermometerRom));
       }});
  specs.push_back({"none",
                   "nothing simulated behind the pins: a bench where inputs are set by hand",
                   false,
                   {{"A0", "analog input A<n> (A0..A5), counts 0..1023"},
                    {"D2", "digital input level of pin <n> (D<n>), 0/1"},
                    {"T9", "DS18B20 on pin <n> (T<n>), °C -55..125, answers any ROM"}},
                   [](world::VirtualIO& io, const WorldParams&, std::string*) {
                     return std::unique_ptr<world::World>(std::make_unique<world::BenchWorld>(io));
                   }});
  return specs;
}

}  // namespace

const std::vector<WorldSpec>& worldSpecs() {
  static const std::vector<WorldSpec> specs = makeSpecs();
  return specs;
}

const WorldSpec* findWorld(const std::string& name) {
  for (const WorldSpec& spec : worldSpecs())
    if (spec.name == name) return &spec;
  return nullptr;
}

std::string worldNames() {
  std::string names;
  for (const WorldSpec& spec : worldSpecs()) names += (names.empty() ? "" : ", ") + spec.name;
  return names;
}

}  // namespace emflow::sim
