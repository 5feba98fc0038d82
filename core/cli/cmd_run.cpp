// `emflow run FILE --world fridge|activity --duration D`: simulates a graph against a virtual
// world on a virtual clock, headless, and prints a summary (optionally a CSV trace). The
// graph's models come from its `# @model ID PATH` lines and `--model ID=FILE` options
// (host/firmware/model_refs.h).
#include <cstdio>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "command.h"
#include "graph_input.h"
#include "options.h"
#include "host/firmware/graph_file.h"
#include "host/firmware/model_refs.h"
#include "host/sim/simulated_fridge.h"
#include "run_activity.h"
#include "run_world.h"
#include "sim/world_registry.h"
#include "world/time_text.h"

namespace emflow::cli {
namespace {

// The virtual clock is 32-bit milliseconds, like millis(): it wraps after 49.7 days.
constexpr uint64_t kMaxDurationMs = 49ull * 24 * 3600 * 1000;
// The activity world generates its recording up front (~40 B per sample at 25 Hz).
constexpr uint64_t kMaxActivityDurationMs = 24ull * 3600 * 1000;

int usageError(const std::string& message) {
  std::fprintf(stderr, "emflow run: %s\n", message.c_str());
  return 2;
}

void printSummary(const world::FridgeSummary& s, FILE* out) {
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
  std::string input, worldName = "fridge", tracePath, featuresPath, adcPath, dataPath;
  uint64_t durationMs = 0, sampleMs = 60 * 1000;
  bool withoutModels = false;
  std::string fridgeOption;  // the first fridge-only option given, for the activity world
  std::vector<compile::ModelSource> modelOptions;
  world::FridgeConfig config;
  bool durationGiven = false;
  ArgCursor cursor(args);
  while (cursor.next()) {
    const std::string& arg = cursor.arg();
    std::string value, why;
    double number = 0;
    // Options whose value is a string; the number options read theirs through the cursor.
    const bool takesValue = arg == "--world" || arg == "--data" || arg == "--duration" ||
                            arg == "--sample" || arg == "--trace" || arg == "--features" ||
                            arg == "--adc" || arg == "--model" || arg == "--sensor" ||
                            arg == "--door-schedule";
    const bool fridgeOnly = arg == "--ambient" || arg == "--initial" || arg == "--load" ||
                            arg == "--sensor" || arg == "--door-schedule";
    if (fridgeOnly && fridgeOption.empty()) fridgeOption = arg;
    if (takesValue && !cursor.value(&value, &why)) return usageError(why);
    if (arg == "--world") {
      worldName = value;
      if (!sim::findWorld(worldName))
        return usageError("unknown world '" + value + "' (known: " + sim::worldNames() + ")");
    } else if (arg == "--data") {
      dataPath = value;
    } else if (arg == "--duration") {
      if (!world::parseDuration(value, &durationMs, &why)) return usageError("--duration: " + why);
      // 0 used to mean "the default" and silently simulated a whole day.
      if (durationMs == 0) return usageError("--duration: must be positive, e.g. 1h");
      if (durationMs > kMaxDurationMs)
        return usageError("--duration: at most 49d (the 32-bit millisecond clock wraps)");
      durationGiven = true;
    } else if (arg == "--sample") {
      if (!world::parseDuration(value, &sampleMs, &why) || sampleMs == 0)
        return usageError("--sample: " + (why.empty() ? "must be positive, e.g. 1m" : why));
    } else if (arg == "--seed") {
      if (!cursor.count(0, UINT64_MAX >> 1, &config.seed, &why)) return usageError(why);
    } else if (arg == "--trace") {
      tracePath = value;
    } else if (arg == "--features") {
      featuresPath = value;
    } else if (arg == "--adc") {
      adcPath = value;
    } else if (arg == "--model") {
      compile::ModelSource source;
      if (!compile::parseModelOption(value, &source, &why)) return usageError(why);
      modelOptions.push_back(source);
    } else if (arg == "--without-models") {
      withoutModels = true;
    } else if (arg == "--ambient") {
      if (!cursor.real(-40, 60, "a temperature in °C", &number, &why)) return usageError(why);
      config.ambientC = number;
    } else if (arg == "--initial") {
      if (!cursor.real(-40, 60, "a temperature in °C", &number, &why)) return usageError(why);
      config.initialAirC = config.initialContentsC = number;
    } else if (arg == "--load") {
      if (!cursor.real(-1000, 1000, "a heat load in W", &number, &why)) return usageError(why);
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
    } else if (cursor.isOption()) {
      return usageError("unknown option '" + arg + "'");
    } else if (input.empty()) {
      input = arg;
    } else {
      return usageError("one FILE only");
    }
  }
  if (!cursor.error().empty()) return usageError(cursor.error());
  if (input.empty()) return usageError("missing FILE");
  const bool activity = worldName == "activity";
  const bool generic = worldName != "fridge" && !activity;  // through the registry alone
  if (sim::findWorld(worldName)->needsData && dataPath.empty())
    return usageError("the " + worldName + " world needs --data FILE (a recorded CSV)");
  if (!sim::findWorld(worldName)->needsData && !dataPath.empty())
    return usageError("--data is for a world that replays a recording, not " + worldName);
  if (generic && !featuresPath.empty()) return usageError("--features: activity world only");
  if (generic && !adcPath.empty()) return usageError("--adc: activity world only");
  if ((activity || generic) && !fridgeOption.empty())
    return usageError(fridgeOption + " is an option of the fridge world, not of " + worldName);
  if (!activity && !featuresPath.empty())
    return usageError("--features records the model node's inputs in the activity world only");
  if (!activity && !adcPath.empty())
    return usageError("--adc writes the accelerometer's readings of the activity world only");
  if (withoutModels && !modelOptions.empty())
    return usageError("--without-models and --model contradict each other");
  // A replayed recording runs to its last row unless --duration says otherwise.
  if (!durationGiven && !generic) durationMs = activity ? 3600ull * 1000 : 24ull * 3600 * 1000;
  if (activity && durationMs > kMaxActivityDurationMs)
    return usageError("--duration: at most 1d in the activity world");

  std::vector<std::string> errors;
  std::optional<graph::Graph> parsed = compile::readGraphFile(input, &errors);
  std::string text, readError;
  compile::ModelBlobs models;
  if (parsed && !withoutModels && readFileText(input, &text, &readError)) {
    compile::modelsForGraphFile(input, text, modelOptions, &models, &errors);
    if (errors.empty()) errors = compile::checkModelUses(*parsed, models, input);
  }
  std::optional<compile::CompiledGraph> graph;
  if (parsed && errors.empty()) {
    compile::CompileResult compiled = compile::compileGraph(*parsed);
    for (const graph::Diagnostic& d : compiled.errors)
      errors.push_back(input + (d.location.known() ? ":" : ": ") + d.format());
    graph = std::move(compiled.graph);
  }
  if (!graph || !errors.empty()) {
    for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
    return 1;
  }
  if (generic) {
    WorldRunOptions options;
    options.world = worldName;
    options.dataPath = dataPath;
    options.durationMs = durationMs;
    options.durationGiven = durationMs != 0;
    options.sampleMs = sampleMs;
    options.seed = config.seed;
    options.tracePath = tracePath;
    return runWorld(input, *graph, std::move(models), options);
  }
  if (activity) {
    ActivityRunOptions options;
    options.durationMs = durationMs;
    options.sampleMs = sampleMs;
    options.seed = config.seed;
    options.tracePath = tracePath;
    options.featuresPath = featuresPath;
    options.adcPath = adcPath;
    return runActivityWorld(input, *graph, std::move(models), options);
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
  fridge.setModels(std::move(models));
  fridge.simulation().setSampleInterval(static_cast<TimeMs>(sampleMs));
  if (trace.is_open()) {
    fridge.simulation().writeHeader(trace);
    fridge.simulation().setTrace(&trace);
  }
  std::string error;
  if (!fridge.load(&error)) {
    std::fprintf(stderr, "%s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  const bool finished = fridge.simulation().runUntil(static_cast<TimeMs>(durationMs), &error);
  printSummary(fridge.summary(), stdout);
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
    "run FILE --world fridge|activity|replay|none --duration D [...]",
    "simulate a graph against a virtual world (headless) and summarise",
    "Compiles FILE and runs it against a virtual world (docs/world.md) on a virtual clock, as\n"
    "fast as the CPU allows.\n"
    "  fridge:   prints min/max compartment and contents temperature, the compressor's duty\n"
    "            cycle and cycles per hour, relay overlaps and errors.\n"
    "  activity: a cow-halter accelerometer on A0..A2 (ADXL335) following a random schedule of\n"
    "            the seed; prints, for the graph's Classify node, the predicted classes per\n"
    "            true activity and the accuracy over windows within one activity.\n"
    "  replay:   a recorded CSV (--data) drives the pins: time_ms or time_s, then A0..A5 (ADC\n"
    "            counts, held), D0..D19 (0/1, held), T<pin> (DS18B20 °C, interpolated), label\n"
    "            (true class, held); prints the classes the graph's Classify node sent.\n"
    "  none:     nothing behind the pins.\n"
    "  --world NAME             the world to simulate (default fridge)\n"
    "  --data FILE.csv          replay: the recording (docs/world.md); default duration: to\n"
    "                           its last row\n"
    "  --duration D             how long to simulate (fridge: default 24h, at most 49d;\n"
    "                           activity: default 1h, at most 1d); units ms s m h d, e.g. 1h30m\n"
    "  --seed N                 seed of the sensor noise and activity schedule (default 1); same\n"
    "                           seed, same trace\n"
    "  --model ID=FILE          the model blob for id ID (overrides `# @model ID PATH` lines of\n"
    "                           the .fbp, whose paths are relative to the .fbp); repeatable\n"
    "  --without-models         load no models (model nodes reject their input as not ready)\n"
    "  --features FILE.csv      activity: write each feature vector the Classify node receives\n"
    "                           (f0,f1,...,activity index 0..4; windows within one activity)\n"
    "  --adc FILE.csv           activity: write the ADC counts the world puts on A0..A2 over the\n"
    "                           run (time_ms,a0,a1,a2: each row holds until the next one), to\n"
    "                           drive a simulated board's ADC with the same recording\n"
    "  --trace FILE.csv         write every packet, pin write, error and a periodic sample as\n"
    "                           CSV: time_ms,kind,name,value,air_c,contents_c,ambient_c,\n"
    "                           compressor,door (fridge; docs/world.md) or\n"
    "                           time_ms,kind,name,value,activity,a0,a1,a2 (activity)\n"
    "  --sample D               interval of the trace's world samples (default 1m)\n"
    "fridge only:\n"
    "  --ambient C              room temperature in °C (default 22)\n"
    "  --initial C              starting compartment and contents temperature (default 5)\n"
    "  --load W                 extra heat into the contents in W (default 0)\n"
    "  --sensor air|contents    where the DS18B20 probe is (default air)\n"
    "  --door-schedule S        door openings: START+LENGTH items and `every PERIOD+LENGTH`,\n"
    "                           comma-separated, e.g. \"7h+1m,12h+30s,every 4h+20s\"\n"
    "Exit status 1 if the graph does not compile or load, a model is missing or does not fit\n"
    "its node, or the network never becomes idle.",
    runRun,
});

}  // namespace
}  // namespace emflow::cli
