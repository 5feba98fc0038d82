#include "engine_api.h"

#include <cmath>
#include <map>
#include <sstream>

#include "host/graph/catalog.h"
#include "host/graph/fbp_parser.h"
#include "host/graph/fbp_writer.h"
#include "host/graph/graph_json.h"
#include "host/graph/validator.h"
#include "host/firmware/graph_compiler.h"
#include "host/sim/simulated_fridge.h"
#include "host/sim/simulated_world.h"
#include "host/json/bounded_json.h"
#include "host/protocol/limits.h"
#include "ml/model_store.h"
#include "engine_args.h"
#include "predict_rows.h"
#include "sim/pin_recorder.h"
#include "sim/world_registry.h"
#include "world/replay_csv.h"
#include "world/replay_world.h"
#include "world/activity_world.h"

namespace emflow::wasm {

namespace {

// Seeds as the CLI takes them (--seed); JavaScript numbers are exact to 2^53 anyway.
constexpr uint64_t kMaxSeed = UINT64_MAX >> 1;
// A day of virtual time is the most a pin recording or an activity recording covers.
constexpr uint64_t kMaxRecordingMs = 24ull * 3600 * 1000;

// World inputs from JavaScript ({"name": value}); a discarded value when not JSON or over the
// limits (the world itself checks the names and values).
Json parseOrNull(const std::string& text) {
  Json value;
  json::JsonError error;
  if (!json::parseBounded(text, json::JsonLimits{}, &value, &error)) {
    return Json(Json::value_t::discarded);
  }
  return value;
}

// The one error convention of the engine's calls (engine_api.h): {"ok": true, "error": "",
// ...the value} or {"ok": false, "error": "located message"}. Replace, never throw, on text
// that is not UTF-8: the message may quote the caller's bytes.
std::string okJson(Json value = Json::object()) {
  value["ok"] = true;
  value["error"] = "";
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string errorJson(const std::string& message) {
  return Json({{"ok", false}, {"error", message}})
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string arrayText(const std::vector<Json>& messages) {
  Json array = Json::array();
  for (const Json& m : messages) array.push_back(m);
  // Replace, never throw: a reply quoting bytes that are not UTF-8 must not abort the engine.
  return array.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Reads "world", "data" and "seed" over `world`; the first problem goes to `args` (a wrong
// type, named by the method) or is returned (the world refuses the choice or the recording:
// "data:LINE:COLUMN: ..."). "" when both are fine.
std::string worldFrom(Args& args, protocol::WorldOptions* world) {
  args.text("world", &world->name);
  if (args.ok() && args.has("world") && !sim::findWorld(world->name)) {
    args.notOneOf("world", sim::worldNames(), world->name);
  }
  if (args.has("data"))
    args.text("data", &world->data);
  else if (args.has("world"))
    world->data.clear();  // a new world does not inherit the old one's recording
  args.whole("seed", 0, kMaxSeed, &world->seed);
  if (!args.ok()) return "";
  return protocol::checkWorldOptions(*world);
}

Json problemsJson(const std::vector<graph::Diagnostic>& diagnostics) {
  Json out = Json::array();
  for (const graph::Diagnostic& d : diagnostics) {
    Json problem = {{"message", d.message},
                    {"line", d.location.line},
                    {"column", d.location.column},
                    {"severity", d.severity == graph::Severity::kWarning ? "warning" : "error"}};
    if (!d.node.empty()) problem["node"] = d.node;
    out.push_back(std::move(problem));
  }
  return out;
}

std::string graphResultJson(const graph::GraphResult& parsed) {
  Json result = Json::object();
  if (!parsed.ok()) {
    result["ok"] = false;
    result["graph"] = nullptr;
    result["problems"] = problemsJson(parsed.errors);
    return result.dump();
  }
  const std::vector<graph::Diagnostic> found =
      graph::validateGraph(*parsed.graph, graph::libraryCatalog());
  Json problems = problemsJson(found);
  result["ok"] = !graph::hasErrors(found);  // warnings do not stop a run
  result["graph"] = graph::toNoFloJson(*parsed.graph);
  result["problems"] = problems;
  return result.dump();
}

}  // namespace

EngineRuntime::EngineRuntime(const std::string& optionsJson) {
  Args args("EngineRuntime", optionsJson, true);
  protocol::RuntimeOptions runtime;
  runtime.timeInEvents = true;  // the app plots against virtual time
  args.text("secret", &runtime.secret)
      .text("label", &runtime.label)
      .text("id", &runtime.id)
      .text("componentPrefix", &runtime.componentPrefix)
      .flag("timeInEvents", &runtime.timeInEvents);
  protocol::WorldOptions world;
  optionsError_ = worldFrom(args, &world);
  if (!args.ok()) optionsError_ = args.error();
  if (optionsError_.empty()) runtime.world = world;
  runtime_ = std::make_unique<protocol::ProtocolRuntime>(runtime);
}

EngineRuntime::~EngineRuntime() {
  for (const auto& model : models_) modelStoreRemove(model.first);
}

std::string EngineRuntime::putModel(int id, std::vector<uint8_t> bytes) {
  if (id < 0 || id >= EMFLOW_MAX_MODELS) {
    return errorJson("putModel: id " + std::to_string(id) + " out of range 0.." +
                     std::to_string(EMFLOW_MAX_MODELS - 1));
  }
  const uint8_t key = static_cast<uint8_t>(id);
  Status status = modelStorePut(key, bytes.data(), bytes.size(), kMemoryRam);
  if (status != kOk) {
    return errorJson("putModel: model " + std::to_string(id) +
                     " refused: " + emflow_status_name(status));
  }
  auto found = models_.find(key);
  if (found != models_.end()) replaced_.push_back(std::move(found->second));
  models_[key] = std::move(bytes);  // moving keeps the buffer the store now points into
  return okJson();
}

std::string EngineRuntime::handle(const std::string& messageJson) {
  return arrayText(runtime_->handle(messageJson));
}

std::string EngineRuntime::advance(double ms) {
  if (!(ms >= 0) || ms > 86400000.0 * 365) {
    Json error = protocol::makeMessage("network", "error",
                                       {{"message", "advance: ms must be between 0 and one year"}});
    return Json::array({error}).dump();
  }
  return arrayText(runtime_->advance(static_cast<uint32_t>(ms)));
}

std::string EngineRuntime::runUntilOutput(double limitMs) {
  if (!(limitMs >= 0) || limitMs > 86400000.0 * 365) {
    Json error = protocol::makeMessage(
        "network", "error",
        {{"message", "runUntilOutput: limitMs must be between 0 and one year"}});
    return Json::array({error}).dump();
  }
  return arrayText(runtime_->runUntilOutput(static_cast<uint32_t>(limitMs)));
}

std::string EngineRuntime::takeSamples() {
  std::vector<protocol::WorldSample> samples = runtime_->takeSamples();
  // Columnar; a series that appears mid-batch (a pin first written) reads 0 before.
  std::map<std::string, size_t> index;
  std::vector<std::string> names;
  for (const auto& s : samples) {
    for (const auto& v : s.values) {
      if (index.emplace(v.first, names.size()).second) names.push_back(v.first);
    }
  }
  std::vector<std::vector<double>> columns(names.size(), std::vector<double>(samples.size(), 0.0));
  Json times = Json::array();
  for (size_t row = 0; row < samples.size(); ++row) {
    times.push_back(samples[row].timeMs);
    for (const auto& v : samples[row].values) columns[index[v.first]][row] = v.second;
  }
  Json series = Json::object();
  for (size_t i = 0; i < names.size(); ++i) series[names[i]] = columns[i];
  return Json({{"timeMs", times}, {"series", series}}).dump();
}

std::string EngineRuntime::takePinEvents() {
  uint64_t dropped = 0;
  Json times = Json::array(), pins = Json::array(), values = Json::array(), pwm = Json::array();
  for (const protocol::PinEvent& e : runtime_->takePinEvents(&dropped)) {
    times.push_back(e.timeMs);
    pins.push_back(e.pin);
    values.push_back(e.value);
    pwm.push_back(e.pwm ? 1 : 0);
  }
  return Json({{"timeMs", times},
               {"pin", pins},
               {"value", values},
               {"pwm", pwm},
               {"dropped", dropped}})
      .dump();
}

void EngineRuntime::setSampleInterval(double ms) {
  runtime_->setSampleInterval(ms >= 1 && ms < 4e9 ? static_cast<uint32_t>(ms) : 0);
}

std::string EngineRuntime::reset(const std::string& optionsJson) {
  protocol::WorldOptions world = runtime_->worldOptions();
  Args args("reset", optionsJson, true);
  std::string problem = worldFrom(args, &world);
  if (!args.ok()) return errorJson(args.error());
  if (!problem.empty()) return errorJson("reset: " + problem);
  Json events = Json::array();
  for (const Json& m : runtime_->resetWorld(world)) events.push_back(m);
  return okJson({{"events", events}});
}

std::string EngineRuntime::setWorldInputs(const std::string& inputsJson) {
  Json inputs = parseOrNull(inputsJson);
  if (!inputs.is_object())
    return errorJson("setWorldInputs: the inputs must be a JSON object {name: value}");
  std::string error;
  return runtime_->setWorldInputs(inputs, &error) ? okJson()
                                                  : errorJson("setWorldInputs: " + error);
}

std::string EngineRuntime::status() const {
  Json sample = Json::object();
  for (const auto& v : runtime_->worldSample().values) sample[v.first] = v.second;
  Json status = {{"timeMs", runtime_->nowMs()},
                 {"started", runtime_->mainStarted()},
                 {"graph", runtime_->mainGraph()},
                 {"world", runtime_->worldName()},
                 {"sample", sample}};
  if (!optionsError_.empty()) status["optionsError"] = optionsError_;
  return status.dump();
}

std::string EngineRuntime::snapshot() const {
  return runtime_->snapshot().dump();
}

std::string EngineRuntime::restore(const std::string& snapshotJson) {
  Json snapshot;
  json::JsonError problem;
  json::JsonLimits limits;
  limits.maxBytes = protocol::kMaxSnapshotBytes;
  limits.maxDepth = protocol::kMaxSnapshotDepth;
  if (!json::parseBounded(snapshotJson, limits, &snapshot, &problem)) {
    Json error = protocol::makeMessage(
        "runtime", "error",
        {{"message", std::string(problem.overLimit ? "persisted state refused: "
                                                   : "persisted state is not valid JSON: ") +
                         problem.format()}});
    return Json::array({error}).dump();
  }
  return arrayText(runtime_->restore(snapshot));
}

void EngineRuntime::setPersistHandler(protocol::PersistHandler handler) {
  runtime_->setPersistHandler(std::move(handler));
}

std::string parseFbp(const std::string& text) {
  return graphResultJson(graph::parseFbp(text));
}

std::string validateGraph(const std::string& graphJson) {
  return graphResultJson(graph::readJsonGraph(graphJson));
}

std::string graphToFbp(const std::string& graphJson) {
  graph::GraphResult parsed = graph::readJsonGraph(graphJson);
  if (!parsed.ok()) {
    return errorJson(parsed.errors.empty() ? "not a graph" : parsed.errors.front().format());
  }
  graph::FbpText fbp = graph::writeFbp(*parsed.graph);
  return okJson({{"fbp", fbp.text}, {"lost", fbp.lost}});
}

std::string recordActivity(const std::string& optionsJson) {
  Args args("recordActivity", optionsJson);
  world::ActivityConfig config;
  double durationS = 600;
  args.whole("seed", 0, kMaxSeed, &config.seed)
      .real("sampleRateHz", 0, 1e6, &config.sampleRateHz)  // the generator states its range
      .real("durationS", 0, kMaxRecordingMs / 1000.0, &durationS);
  std::vector<world::ActivitySegment> schedule;
  if (const Json* segments = args.array("segments")) {
    for (size_t i = 0; i < segments->size() && args.ok(); ++i) {
      const std::string where = "segments[" + std::to_string(i) + "]";
      const Json& segment = (*segments)[i];
      const Json activity = segment.is_object() ? segment.value("activity", Json()) : Json();
      const Json length = segment.is_object() ? segment.value("durationS", Json()) : Json();
      world::Activity kind;
      if (!activity.is_string() || !world::parseActivity(activity.get<std::string>(), &kind)) {
        args.fail(where + ".activity",
                  "must be an activity (lying, standing, walking, grazing, ruminating), got " +
                      activity.dump());
      } else if (!length.is_number()) {
        args.fail(where + ".durationS", "must be a number of seconds, got " + length.dump());
      } else {
        schedule.push_back({kind, length.get<double>()});
      }
    }
  } else if (args.ok()) {
    schedule = world::ActivityGenerator::randomSchedule(config.seed, durationS);
  }
  if (!args.ok()) return errorJson(args.error());
  std::vector<world::AccelSample> samples;
  std::string error;
  if (!world::ActivityGenerator(config).generate(schedule, &samples, &error)) {
    return errorJson("recordActivity: " + error);
  }
  Json x = Json::array(), y = Json::array(), z = Json::array(), labels = Json::array();
  for (const world::AccelSample& s : samples) {
    x.push_back(s.x);
    y.push_back(s.y);
    z.push_back(s.z);
    labels.push_back(world::activityName(s.activity));
  }
  return okJson({{"sampleRateHz", config.sampleRateHz},
                 {"x", x},
                 {"y", y},
                 {"z", z},
                 {"labels", labels},
                 {"csv", world::ActivityGenerator::toCsv(samples)}});
}

FridgeRun simulateFridge(const std::string& fbpText, const std::string& optionsJson) {
  auto failed = [](const std::string& why) { return FridgeRun{why, "", ""}; };
  Args args("simulateFridge", optionsJson);
  RunArgs run;
  run.durationMs = 3600000;
  readRunArgs(args, &run);
  // The fridge's own options come from its registry entry (the CLI's --ambient etc.).
  sim::WorldParams params;
  args.whole("seed", 0, kMaxSeed, &params.seed);
  readWorldOptions(args, *sim::findWorld("fridge"), &params);
  if (!args.ok()) return failed(args.error());
  const world::FridgeConfig config = sim::fridgeConfig(params);
  std::string error;
  std::optional<firmware::CompiledGraph> graph = compileFbpText(fbpText, &error);
  if (!graph) return failed(error);
  auto fridge = std::make_unique<sim::SimulatedFridge>(*graph, config);
  std::ostringstream csv;
  fridge->simulation().writeHeader(csv);
  fridge->simulation().setTrace(&csv);
  fridge->simulation().setSampleInterval(static_cast<TimeMs>(run.sampleMs));
  if (!fridge->load(&error)) return failed(error);
  if (!fridge->simulation().runUntil(static_cast<TimeMs>(run.durationMs), &error)) {
    return failed(error);
  }
  const world::FridgeSummary s = fridge->summary();
  Json summary = {{"durationMs", s.durationMs},
                  {"minAirC", s.minAirC},
                  {"maxAirC", s.maxAirC},
                  {"minContentsC", s.minContentsC},
                  {"maxContentsC", s.maxContentsC},
                  {"compressorDuty", s.compressorDuty},
                  {"compressorStarts", s.compressorStarts},
                  {"cyclesPerHour", s.cyclesPerHour},
                  {"relayOverlaps", s.relayOverlaps},
                  {"networkErrors", s.networkErrors},
                  {"errorPackets", s.errorPackets},
                  {"packets", s.packets},
                  {"pinWrites", s.pinWrites},
                  {"firstError", s.firstError}};
  return FridgeRun{"", csv.str(), summary.dump()};
}

WorldRun simulateWorld(const std::string& fbpText, const std::string& optionsJson) {
  auto failed = [](const std::string& why) { return WorldRun{why, "", ""}; };
  Args args("simulateWorld", optionsJson, true);
  RunArgs run;
  readRunArgs(args, &run);
  std::string name = "fridge";
  sim::WorldParams params;
  args.text("world", &name).text("data", &params.data).whole("seed", 0, kMaxSeed, &params.seed);
  const sim::WorldSpec* spec = sim::findWorld(name);
  if (args.ok() && !spec) args.notOneOf("world", sim::worldNames(), name);
  if (args.ok()) readWorldOptions(args, *spec, &params);
  if (args.ok() && spec->needsData && params.data.empty())
    args.fail("data", "is required: the " + name + " world replays a recording");
  if (!args.ok()) return failed(args.error());
  std::string error;
  std::optional<firmware::CompiledGraph> compiled = compileFbpText(fbpText, &error);
  if (!compiled) return failed(error);
  params.durationMs = static_cast<TimeMs>(run.durationMs ? run.durationMs : 3600000);
  auto board = std::make_unique<sim::SimulatedWorld>(*compiled, name, params);
  if (!board->error().empty()) return failed("data:" + board->error());
  uint64_t durationMs = run.durationMs;
  if (durationMs == 0) {
    auto* replay = dynamic_cast<world::ReplayWorld*>(&board->world());
    durationMs = replay ? replay->endMs() : 3600000;
  }
  Json predictions = Json::object();
  const firmware::CompiledGraph& graph = *compiled;
  for (const firmware::CompiledNode& node : graph.nodes)
    if (node.componentName == "Classify") predictions[node.name] = Json::array();
  board->runner().addPacketObserver([&](const TraceEvent& event) {
    const firmware::CompiledNode* node = graph.node(event.src);
    if (node && node->componentName == "Classify" && event.srcPort == 0 && event.packet.isData())
      predictions[node->name].push_back({event.time, event.packet.asInt()});
  });
  std::ostringstream csv;
  board->runner().writeHeader(csv);
  board->runner().setTrace(&csv);
  board->runner().setSampleInterval(static_cast<TimeMs>(run.sampleMs));
  if (!board->load(&error)) return failed(error);
  if (!board->runner().runUntil(static_cast<TimeMs>(durationMs), &error)) return failed(error);
  const sim::RunSummary s = board->runner().summary();
  Json summary = {{"durationMs", s.durationMs},     {"packets", s.packets},
                  {"errorPackets", s.errorPackets}, {"networkErrors", s.networkErrors},
                  {"pinWrites", s.pinWrites},       {"firstError", s.firstError},
                  {"predictions", predictions}};
  return WorldRun{"", csv.str(), summary.dump()};
}

std::string listWorlds() {
  Json worlds = Json::array();
  for (const sim::WorldSpec& spec : sim::worldSpecs()) {
    Json inputs = Json::array();
    for (const sim::WorldInput& input : spec.inputs)
      inputs.push_back({{"name", input.name}, {"description", input.description}});
    worlds.push_back({{"name", spec.name},
                      {"description", spec.description},
                      {"needsData", spec.needsData},
                      {"inputs", inputs}});
  }
  return worlds.dump();
}

std::string recordWorldPins(const std::string& optionsJson) {
  Args args("recordWorldPins", optionsJson, true);
  std::string name = "activity", csv, error;
  sim::WorldParams params;
  std::vector<std::string> pins;
  uint64_t durationMs = 0;
  args.text("world", &name)
      .whole("seed", 0, kMaxSeed, &params.seed)
      .text("data", &params.data)
      .whole("durationMs", 0, kMaxRecordingMs, &durationMs, true)
      .texts("pins", &pins, true);
  if (!args.ok()) return errorJson(args.error());
  if (!sim::recordPins(name, params, pins, static_cast<TimeMs>(durationMs), &csv, &error))
    return errorJson("recordWorldPins: " + error);
  return okJson({{"csv", csv}});
}

std::string ModelRunner::open(std::vector<uint8_t> bytes) {
  bytes_ = std::move(bytes);
  opened_ = false;
  Status status = modelOpen(&model_, bytes_.data(), bytes_.size(), kMemoryRam);
  if (status != kOk)
    return errorJson(std::string("model blob refused: ") + emflow_status_name(status));
  opened_ = true;
  return okJson();
}

std::string ModelRunner::info() const {
  if (!opened_) return errorJson("no model open");
  const ModelRole role = modelRole(model_.blob.kind);
  const char* roleName = role == kRoleClassifier  ? "classifier"
                         : role == kRoleRegressor ? "regressor"
                         : role == kRoleAnomaly   ? "anomaly"
                                                  : "unknown";
  return okJson({{"kind", model_.blob.kind},
                 {"kindName", roleName},
                 {"nFeatures", model_.blob.nFeatures},
                 {"nOutputs", model_.blob.nOutputs},
                 {"fixedPoint", modelIsInt16(&model_)}});
}

std::string ModelRunner::predict(const float* features, size_t count, size_t rows, int32_t* labels,
                                 float* outputs) const {
  if (!opened_) return "no model open";
  const size_t nf = model_.blob.nFeatures;
  if (count != rows * nf) {
    return "expected rows x nFeatures = " + std::to_string(rows) + " x " + std::to_string(nf) +
           " features, got " + std::to_string(count);
  }
  std::vector<int16_t> scratch(nf);
  RowFailure failure;
  if (predictRows(model_, features, rows, labels, outputs, scratch.data(), &failure)) return "";
  if (failure.outsideInt16) {
    return "row " + std::to_string(failure.row) + " feature " + std::to_string(failure.feature) +
           ": value outside int16 for a fixed-point model";
  }
  return "row " + std::to_string(failure.row) + ": " + emflow_status_name(failure.status);
}

}  // namespace emflow::wasm
