// `emflow run FILE --world fridge|activity --duration D`: simulates a graph against a virtual
// world on a virtual clock, headless, and prints a summary (optionally a CSV trace). The
// graph's models come from its `# @model ID PATH` lines and `--model ID=FILE` options
// (host/firmware/model_refs.h).
#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "command.h"
#include "graph_input.h"
#include "options.h"
#include "host/firmware/graph_file.h"
#include "host/firmware/model_refs.h"
#include "host/sim/simulated_fridge.h"
#include "run_activity.h"
#include "run_outputs.h"
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

// Everything the command line says, before any file is read.
struct RunOptions {
  std::string input, worldName = "fridge", tracePath, featuresPath, adcPath, dataPath;
  uint64_t durationMs = 0, sampleMs = 60 * 1000;
  bool durationGiven = false;
  bool withoutModels = false;
  std::vector<firmware::ModelSource> modelOptions;
  // --NAME VALUE of options no common option claims, in order: the chosen world's own options
  // (sim/world_registry.h), read once the world is known (--world may come last).
  std::vector<std::pair<std::string, std::string>> worldArgs;
  sim::WorldParams params;  // seed and the world's own options

  bool activity() const { return worldName == "activity"; }
  // Any world but fridge and activity runs through the registry alone (run_world.h).
  bool generic() const { return worldName != "fridge" && !activity(); }
};

// Options of every world; false with `why` when the value is refused.
bool readCommonOption(ArgCursor& cursor, const std::string& value, RunOptions* o,
                      std::string* why) {
  const std::string& arg = cursor.arg();
  if (arg == "--world") {
    o->worldName = value;
    if (sim::findWorld(value)) return true;
    *why = "unknown world '" + value + "' (known: " + sim::worldNames() + ")";
    return false;
  }
  if (arg == "--duration") {
    if (!world::parseDuration(value, &o->durationMs, why))
      return (*why = "--duration: " + *why), false;
    // 0 used to mean "the default" and silently simulated a whole day.
    if (o->durationMs == 0) return (*why = "--duration: must be positive, e.g. 1h"), false;
    if (o->durationMs > kMaxDurationMs)
      return (*why = "--duration: at most 49d (the 32-bit millisecond clock wraps)"), false;
    o->durationGiven = true;
    return true;
  }
  if (arg == "--sample") {
    if (world::parseDuration(value, &o->sampleMs, why) && o->sampleMs != 0) return true;
    *why = "--sample: " + (why->empty() ? "must be positive, e.g. 1m" : *why);
    return false;
  }
  if (arg == "--model") {
    firmware::ModelSource source;
    if (!firmware::parseModelOption(value, &source, why)) return false;
    o->modelOptions.push_back(source);
    return true;
  }
  if (arg == "--seed") return cursor.count(0, UINT64_MAX >> 1, &o->params.seed, why);
  if (arg == "--data") o->dataPath = value;
  if (arg == "--trace") o->tracePath = value;
  if (arg == "--features") o->featuresPath = value;
  if (arg == "--adc") o->adcPath = value;
  if (arg == "--without-models") o->withoutModels = true;
  return true;
}

// Whether some world of the registry has the option "--NAME" (all of them take a value).
const sim::WorldSpec* worldWithOption(const std::string& arg) {
  if (arg.rfind("--", 0) != 0) return nullptr;
  for (const sim::WorldSpec& spec : sim::worldSpecs())
    if (sim::findOption(spec, arg.substr(2))) return &spec;
  return nullptr;
}

bool readRunArgs(const std::vector<std::string>& args, RunOptions* o, std::string* why) {
  // Options whose value is a string; --seed reads its number through the cursor.
  static const std::vector<std::string> kStringValued = {
      "--world", "--data", "--duration", "--sample", "--trace", "--features", "--adc", "--model"};
  static const std::vector<std::string> kCommon = {
      "--world", "--data",     "--duration", "--sample", "--seed",
      "--trace", "--features", "--adc",      "--model",  "--without-models"};
  auto among = [](const std::vector<std::string>& names, const std::string& arg) {
    return std::find(names.begin(), names.end(), arg) != names.end();
  };
  ArgCursor cursor(args);
  while (cursor.next()) {
    const std::string& arg = cursor.arg();
    std::string value;
    if (among(kStringValued, arg) && !cursor.value(&value, why)) return false;
    if (among(kCommon, arg)) {
      if (!readCommonOption(cursor, value, o, why)) return false;
    } else if (worldWithOption(arg)) {
      if (!cursor.value(&value, why)) return false;
      o->worldArgs.emplace_back(arg, value);
    } else if (cursor.isOption()) {
      return (*why = "unknown option '" + arg + "'"), false;
    } else if (o->input.empty()) {
      o->input = arg;
    } else {
      return (*why = "one FILE only"), false;
    }
  }
  if (!cursor.error().empty()) return (*why = cursor.error()), false;
  if (o->input.empty()) return (*why = "missing FILE"), false;
  return true;
}

// The chosen world's own options, checked against its registry entry.
bool readWorldOptions(RunOptions* o, std::string* why) {
  const sim::WorldSpec& spec = *sim::findWorld(o->worldName);
  for (const auto& [arg, value] : o->worldArgs) {
    const sim::WorldOption* option = sim::findOption(spec, arg.substr(2));
    if (!option) {
      *why = arg + " is an option of the " + worldWithOption(arg)->name + " world, not of " +
             spec.name;
      return false;
    }
    if (!readWorldOption(*option, value, &o->params, why)) return false;
  }
  return true;
}

// Options that contradict each other or the chosen world; fills in the default duration.
bool checkRunOptions(RunOptions* o, std::string* why) {
  why->clear();
  const std::string& name = o->worldName;
  const bool activity = o->activity(), generic = o->generic();
  const bool needsData = sim::findWorld(name)->needsData;
  if (needsData && o->dataPath.empty())
    *why = "the " + name + " world needs --data FILE (a recorded CSV)";
  else if (!needsData && !o->dataPath.empty())
    *why = "--data is for a world that replays a recording, not " + name;
  else if (generic && !o->featuresPath.empty())
    *why = "--features: activity world only";
  else if (generic && !o->adcPath.empty())
    *why = "--adc: activity world only";
  else if (!readWorldOptions(o, why))
    return false;
  else if (!activity && !o->featuresPath.empty())
    *why = "--features records the model node's inputs in the activity world only";
  else if (!activity && !o->adcPath.empty())
    *why = "--adc writes the accelerometer's readings of the activity world only";
  else if (o->withoutModels && !o->modelOptions.empty())
    *why = "--without-models and --model contradict each other";
  if (!why->empty()) return false;
  // A replayed recording runs to its last row unless --duration says otherwise.
  if (!o->durationGiven && !generic)
    o->durationMs = activity ? 3600ull * 1000 : 24ull * 3600 * 1000;
  if (activity && o->durationMs > kMaxActivityDurationMs)
    return (*why = "--duration: at most 1d in the activity world"), false;
  return true;
}

// The graph compiled, with its models; errors printed and nothing returned otherwise.
std::optional<firmware::CompiledGraph> compileForRun(const RunOptions& o,
                                                     firmware::ModelBlobs* models) {
  std::vector<std::string> errors;
  std::optional<graph::Graph> parsed = firmware::readGraphFile(o.input, &errors);
  std::string text, readError;
  if (parsed && !o.withoutModels && readFileText(o.input, &text, &readError)) {
    firmware::modelsForGraphFile(o.input, text, o.modelOptions, models, &errors);
    if (errors.empty()) errors = firmware::checkModelUses(*parsed, *models, o.input);
  }
  std::optional<firmware::CompiledGraph> graph;
  if (parsed && errors.empty()) {
    firmware::CompileResult compiled = firmware::compileGraph(*parsed);
    for (const graph::Diagnostic& d : compiled.errors)
      errors.push_back(o.input + (d.location.known() ? ":" : ": ") + d.format());
    graph = std::move(compiled.graph);
  }
  if (graph && errors.empty()) return graph;
  for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
  return std::nullopt;
}

int runFridgeWorld(const RunOptions& o, const firmware::CompiledGraph& graph,
                   firmware::ModelBlobs models) {
  std::ofstream trace;
  if (!openRunOutput(o.tracePath, &trace)) return 1;
  sim::SimulatedFridge fridge(graph, sim::fridgeConfig(o.params));
  fridge.setModels(std::move(models));
  fridge.simulation().setSampleInterval(static_cast<TimeMs>(o.sampleMs));
  if (trace.is_open()) {
    fridge.simulation().writeHeader(trace);
    fridge.simulation().setTrace(&trace);
  }
  std::string error;
  if (!fridge.load(&error)) {
    std::fprintf(stderr, "%s: %s\n", o.input.c_str(), error.c_str());
    return 1;
  }
  const bool finished = fridge.simulation().runUntil(static_cast<TimeMs>(o.durationMs), &error);
  printSummary(fridge.summary(), stdout);
  return finishRun({{&trace, o.tracePath}}, finished, o.input, error);
}

int runRun(const std::vector<std::string>& args) {
  RunOptions o;
  std::string why;
  if (!readRunArgs(args, &o, &why) || !checkRunOptions(&o, &why)) return usageError(why);
  firmware::ModelBlobs models;
  std::optional<firmware::CompiledGraph> graph = compileForRun(o, &models);
  if (!graph) return 1;
  if (o.generic()) {
    WorldRunOptions options;
    options.world = o.worldName;
    options.dataPath = o.dataPath;
    options.durationMs = o.durationMs;
    options.durationGiven = o.durationMs != 0;
    options.sampleMs = o.sampleMs;
    options.params = o.params;
    options.tracePath = o.tracePath;
    return runWorld(o.input, *graph, std::move(models), options);
  }
  if (o.activity()) {
    ActivityRunOptions options;
    options.durationMs = o.durationMs;
    options.sampleMs = o.sampleMs;
    options.seed = o.params.seed;
    options.tracePath = o.tracePath;
    options.featuresPath = o.featuresPath;
    options.adcPath = o.adcPath;
    return runActivityWorld(o.input, *graph, std::move(models), options);
  }
  return runFridgeWorld(o, *graph, std::move(models));
}

// The help: the common options, then each world's own options from the world registry.
const std::string kRunHelp =
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
    "  --sample D               interval of the trace's world samples (default 1m)\n" +
    worldOptionsHelp() +
    "Exit status 1 if the graph does not compile or load, a model is missing or does not fit\n"
    "its node, or the network never becomes idle.";

const CommandRegistration kRegistration({
    "run",
    "run FILE --world fridge|activity|replay|none --duration D [...]",
    "simulate a graph against a virtual world (headless) and summarise",
    kRunHelp.c_str(),
    runRun,
});

}  // namespace
}  // namespace emflow::cli
