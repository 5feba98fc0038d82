// `emflow run FILE --world fridge --duration 24h`: simulates a graph against the virtual
// fridge on a virtual clock, headless, and prints a summary (optionally a CSV trace).
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "command.h"
#include "host/compile/graph_file.h"
#include "host/compile/simulated_fridge.h"
#include "world/time_text.h"

namespace emflow::cli {
namespace {

// The virtual clock is 32-bit milliseconds, like millis(): it wraps after 49.7 days.
constexpr uint64_t kMaxDurationMs = 49ull * 24 * 3600 * 1000;

int usageError(const std::string& message) {
  std::fprintf(stderr, "emflow run: %s\n", message.c_str());
  return 2;
}

bool parseNumber(const std::string& text, double* value) {
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return !text.empty() && *end == '\0';
}

bool parseSeed(const std::string& text, uint64_t* value) {
  if (text.empty() || text[0] == '-') return false;
  char* end = nullptr;
  *value = std::strtoull(text.c_str(), &end, 0);
  return *end == '\0';
}

void printSummary(const world::SimulationSummary& s, FILE* out) {
  std::fprintf(out, "simulated            %s\n", world::formatDuration(s.durationMs).c_str());
  std::fprintf(out, "compartment (air)    min %.2f °C  max %.2f °C\n", s.minAirC, s.maxAirC);
  std::fprintf(out, "contents             min %.2f °C  max %.2f °C\n", s.minContentsC,
               s.maxContentsC);
  std::fprintf(out, "compressor           duty %.1f %%  starts %u  cycles/hour %.2f\n",
               s.compressorDuty * 100.0, s.compressorStarts, s.cyclesPerHour);
  std::fprintf(out, "relay overlaps       %u\n", s.relayOverlaps);
  std::fprintf(out, "packets              %u (error packets %u)\n", s.packets, s.errorPackets);
  std::fprintf(out, "pin writes           %u\n", s.pinWrites);
  std::fprintf(out, "network errors       %u%s%s\n", s.networkErrors,
               s.firstError.empty() ? "" : "  first: ", s.firstError.c_str());
}

int runRun(const std::vector<std::string>& args) {
  std::string input, worldName = "fridge", tracePath;
  uint64_t durationMs = 24ull * 3600 * 1000, sampleMs = 60 * 1000;
  world::FridgeConfig config;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string value;
    const bool takesValue = arg.size() > 2 && arg[0] == '-' && arg[1] == '-';
    if (takesValue) {
      if (i + 1 >= args.size()) return usageError(arg + " needs a value");
      value = args[++i];
    }
    std::string why;
    double number = 0;
    if (arg == "--world") {
      worldName = value;
      if (worldName != "fridge") return usageError("unknown world '" + value + "' (known: fridge)");
    } else if (arg == "--duration") {
      if (!world::parseDuration(value, &durationMs, &why)) return usageError("--duration: " + why);
      if (durationMs > kMaxDurationMs)
        return usageError("--duration: at most 49d (the 32-bit millisecond clock wraps)");
    } else if (arg == "--sample") {
      if (!world::parseDuration(value, &sampleMs, &why) || sampleMs == 0)
        return usageError("--sample: " + (why.empty() ? "must be positive" : why));
    } else if (arg == "--seed") {
      if (!parseSeed(value, &config.seed)) return usageError("--seed needs a non-negative integer");
    } else if (arg == "--trace") {
      tracePath = value;
    } else if (arg == "--ambient") {
      if (!parseNumber(value, &number) || number < -40 || number > 60)
        return usageError("--ambient needs a temperature in °C between -40 and 60");
      config.ambientC = number;
    } else if (arg == "--initial") {
      if (!parseNumber(value, &number) || number < -40 || number > 60)
        return usageError("--initial needs a temperature in °C between -40 and 60");
      config.initialAirC = config.initialContentsC = number;
    } else if (arg == "--load") {
      if (!parseNumber(value, &number) || number < -1000 || number > 1000)
        return usageError("--load needs a heat load in W between -1000 and 1000");
      config.thermalLoadW = number;
    } else if (arg == "--sensor") {
      if (value == "air") {
        config.sensorPlacement = world::SensorPlacement::kAir;
      } else if (value == "contents") {
        config.sensorPlacement = world::SensorPlacement::kContents;
      } else {
        return usageError("--sensor must be air or contents");
      }
    } else if (arg == "--door-schedule") {
      if (!world::DoorSchedule::parse(value, &config.doors, &why))
        return usageError("--door-schedule: " + why);
    } else if (!arg.empty() && arg[0] == '-') {
      return usageError("unknown option '" + arg + "'");
    } else if (input.empty()) {
      input = arg;
    } else {
      return usageError("one FILE only");
    }
  }
  if (input.empty()) return usageError("missing FILE");

  std::vector<std::string> errors;
  std::optional<compile::CompiledGraph> graph = compile::compileGraphFile(input, {}, &errors);
  if (!graph) {
    for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
    return 1;
  }
  std::ofstream trace;
  if (!tracePath.empty()) {
    trace.open(tracePath, std::ios::binary);
    if (!trace) {
      std::fprintf(stderr, "emflow run: cannot write %s\n", tracePath.c_str());
      return 1;
    }
  }
  compile::SimulatedFridge fridge(*graph, config);
  fridge.simulation().setSampleInterval(static_cast<TimeMs>(sampleMs));
  if (trace.is_open()) {
    world::Simulation::writeHeader(trace);
    fridge.simulation().setTrace(&trace);
  }
  std::string error;
  if (!fridge.load(&error)) {
    std::fprintf(stderr, "%s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  const bool finished = fridge.simulation().runUntil(static_cast<TimeMs>(durationMs), &error);
  printSummary(fridge.simulation().summary(), stdout);
  if (trace.is_open()) {
    trace.close();
    if (!trace) {
      std::fprintf(stderr, "emflow run: writing %s failed\n", tracePath.c_str());
      return 1;
    }
  }
  if (!finished) {
    std::fprintf(stderr, "%s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  return 0;
}

const CommandRegistration registration({
    "run",
    "run FILE --world fridge --duration D [...]",
    "simulate a graph against a virtual world (headless) and summarise",
    "Compiles FILE and runs it against the virtual fridge (docs/world.md) on a virtual clock,\n"
    "as fast as the CPU allows. Prints min/max compartment and contents temperature, the\n"
    "compressor's duty cycle and cycles per hour, relay overlaps and errors.\n"
    "  --world fridge           the world to simulate (the only one so far)\n"
    "  --duration D             how long to simulate (default 24h); units ms s m h d, e.g. 1h30m\n"
    "  --seed N                 seed of the sensor noise (default 1); same seed, same trace\n"
    "  --trace FILE.csv         write every packet, pin write, error and a periodic sample as\n"
    "                           CSV: time_ms,kind,name,value,air_c,contents_c,ambient_c,\n"
    "                           compressor,door (docs/world.md)\n"
    "  --sample D               interval of the trace's world samples (default 1m)\n"
    "  --ambient C              room temperature in °C (default 22)\n"
    "  --initial C              starting compartment and contents temperature (default 5)\n"
    "  --load W                 extra heat into the contents in W (default 0)\n"
    "  --sensor air|contents    where the DS18B20 probe is (default air)\n"
    "  --door-schedule S        door openings: START+LENGTH items and `every PERIOD+LENGTH`,\n"
    "                           comma-separated, e.g. \"7h+1m,12h+30s,every 4h+20s\"\n"
    "Exit status 1 if the graph does not compile or load, or never becomes idle.",
    runRun,
});

}  // namespace
}  // namespace emflow::cli
