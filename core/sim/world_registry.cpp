// The worlds by name (world_registry.h).
#include "sim/world_registry.h"

#include "world/activity_world.h"
#include "world/bench_world.h"
#include "world/fridge_world.h"
#include "world/replay_world.h"

namespace emflow::sim {

namespace {

// "22" for 22.0: defaults in the help read as the user types them.
std::string shortNumber(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::vector<WorldOption> fridgeOptions() {
  const world::FridgeConfig defaults;
  auto number = [](const char* name, const char* key, const char* valueName, const char* help,
                   double initial, const char* expected, double min, double max) {
    WorldOption option;
    option.name = name;
    option.key = key;
    option.valueName = valueName;
    option.help = help;
    option.defaultText = shortNumber(initial);
    option.expected = expected;
    option.min = min;
    option.max = max;
    return option;
  };
  WorldOption sensor;
  sensor.name = "sensor";
  sensor.key = "sensor";
  sensor.valueName = "air|contents";
  sensor.help = "where the DS18B20 probe is";
  sensor.defaultText = "air";
  sensor.check = [](const std::string& text) {
    return text == "air" || text == "contents" ? std::string() : "must be air or contents";
  };
  WorldOption doors;
  doors.name = "door-schedule";
  doors.key = "doorSchedule";
  doors.valueName = "S";
  doors.help =
      "door openings: START+LENGTH items and `every PERIOD+LENGTH`, comma-separated, e.g. "
      "\"7h+1m,12h+30s,every 4h+20s\"";
  doors.defaultText = "none";
  doors.check = [](const std::string& text) {
    world::DoorSchedule schedule;
    std::string why;
    return world::DoorSchedule::parse(text, &schedule, &why) ? std::string() : why;
  };
  return {number("ambient", "ambientC", "C", "room temperature in °C", defaults.ambientC,
                 "a temperature in °C", -40, 60),
          number("initial", "initialC", "C", "starting compartment and contents temperature in °C",
                 defaults.initialAirC, "a temperature in °C", -40, 60),
          number("load", "loadW", "W", "extra heat into the contents in W", defaults.thermalLoadW,
                 "a heat load in W", -1000, 1000),
          sensor, doors};
}

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
       fridgeOptions(),
       [](world::VirtualIO& io, const WorldParams& params, std::string*) {
         return std::unique_ptr<world::World>(
             std::make_unique<world::FridgeWorld>(io, fridgeConfig(params)));
       }});
  specs.push_back(
      {"activity",
       "a cow-halter accelerometer (ADXL335) on A0..A2 following a random schedule of the seed",
       false,
       {},
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
                   {},
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

namespace emflow::sim {

const WorldOption* findOption(const WorldSpec& world, const std::string& name) {
  for (const WorldOption& option : world.options)
    if (option.name == name) return &option;
  return nullptr;
}

world::FridgeConfig fridgeConfig(const WorldParams& params) {
  world::FridgeConfig config;
  config.seed = params.seed;
  auto number = [&](const char* name, double* out) {
    const auto found = params.numbers.find(name);
    if (found != params.numbers.end()) *out = found->second;
  };
  number("ambient", &config.ambientC);
  number("load", &config.thermalLoadW);
  number("initial", &config.initialAirC);
  number("initial", &config.initialContentsC);
  const auto sensor = params.texts.find("sensor");
  if (sensor != params.texts.end() && sensor->second == "contents")
    config.sensorPlacement = world::SensorPlacement::kContents;
  const auto doors = params.texts.find("door-schedule");
  std::string why;  // checked when the option was read
  if (doors != params.texts.end()) world::DoorSchedule::parse(doors->second, &config.doors, &why);
  return config;
}

}  // namespace emflow::sim
