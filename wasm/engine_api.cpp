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
#include "predict_rows.h"
#include "sim/pin_recorder.h"
#include "sim/world_registry.h"
#include "world/replay_csv.h"
#include "world/replay_world.h"
#include "world/activity_world.h"

namespace emflow::wasm {

namespace {

using protocol::Json;

// Options and inputs from JavaScript; a discarded value when not JSON or over the limits.
// Options that may carry a recording (`data`) admit the replay world's own cap, JSON-escaped
// (a newline is two bytes), so an oversized recording gets the recording's located message.
Json parseOrNull(const std::string& text, bool mayCarryRecording = false) {
  Json value;
  json::JsonError error;
  json::JsonLimits limits;
  if (mayCarryRecording) limits.maxBytes = 2 * world::kMaxReplayBytes + 4096;
  if (!json::parseBounded(text, limits, &value, &error)) {
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

// Reads "world" and "seed" over `world`; "" or what is wrong with them.
std::string worldFrom(const Json& options, protocol::WorldOptions* world) {
  if (!options.is_object()) return "";
  if (options.contains("world")) {
    const Json& name = options["world"];
    if (!name.is_string() || !sim::findWorld(name.get<std::string>())) {
      return "world must be one of " + sim::worldNames() + ", got " + name.dump();
    }
    world->name = name.get<std::string>();
  }
  if (options.contains("data")) {
    if (!options["data"].is_string()) return "data must be the recording's CSV text";
    world->data = options["data"].get<std::string>();
  } else if (options.contains("world")) {
    world->data.clear();  // a new world does not inherit the old one's recording
  }
  if (options.contains("seed")) {
    if (!options["seed"].is_number_unsigned()) {
      return "seed must be a non-negative integer, got " + options["seed"].dump();
    }
    world->seed = options["seed"].get<uint64_t>();
  }
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
  Json options = parseOrNull(optionsJson, true);
  protocol::RuntimeOptions runtime;
  runtime.timeInEvents = true;  // the app plots against virtual time
  if (options.is_object()) {
    runtime.secret = options.value("secret", std::string());
    runtime.label = options.value("label", runtime.label);
    runtime.id = options.value("id", std::string());
    runtime.componentPrefix = options.value("componentPrefix", std::string());
    runtime.timeInEvents = options.value("timeInEvents", true);
    protocol::WorldOptions world;
    optionsError_ = worldFrom(options, &world);
    if (optionsError_.empty()) runtime.world = world;
  }
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

void EngineRuntime::setSampleInterval(double ms) {
  runtime_->setSampleInterval(ms >= 1 && ms < 4e9 ? static_cast<uint32_t>(ms) : 0);
}

std::string EngineRuntime::reset(const std::string& optionsJson) {
  protocol::WorldOptions world = runtime_->worldOptions();
  std::string problem = worldFrom(parseOrNull(optionsJson, true), &world);
  if (!problem.empty()) return errorJson("reset: " + problem);
  Json events = Json::array();
  for (const Json& m : runtime_->resetWorld(world)) events.push_back(m);
  return okJson({{"events", events}});
}

std::string EngineRuntime::setWorldInputs(const std::string& inputsJson) {
  Json inputs = parseOrNull(inputsJson);
  if (inputs.is_discarded()) return errorJson("setWorldInputs: world inputs are not valid JSON");
  std::string error;
  return runtime_->setWorldInputs(inputs, &error) ? okJson() : errorJson(error);
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
  Json options = parseOrNull(optionsJson);
  if (!options.is_object()) return errorJson("activity options must be a JSON object");
  world::ActivityConfig config;
  try {
    config.seed = options.value("seed", static_cast<uint64_t>(1));
    config.sampleRateHz = options.value("sampleRateHz", 25.0);
    std::vector<world::ActivitySegment> schedule;
    if (options.contains("segments")) {
      if (!options["segments"].is_array()) return errorJson("segments must be an array");
      for (const Json& segment : options["segments"]) {
        world::Activity activity;
        std::string name = segment.value("activity", std::string());
        if (!world::parseActivity(name, &activity)) {
          return errorJson("unknown activity '" + name +
                           "' (lying, standing, walking, grazing, ruminating)");
        }
        schedule.push_back({activity, segment.value("durationS", 0.0)});
      }
    } else {
      schedule =
          world::ActivityGenerator::randomSchedule(config.seed, options.value("durationS", 600.0));
    }
    std::vector<world::AccelSample> samples;
    std::string error;
    if (!world::ActivityGenerator(config).generate(schedule, &samples, &error)) {
      return errorJson(error);
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
  } catch (const std::exception& e) {  // a field of the wrong type
    return errorJson(std::string("bad activity options: ") + e.what());
  }
}

FridgeRun simulateFridge(const std::string& fbpText, const std::string& optionsJson) {
  auto failed = [](const std::string& why) { return FridgeRun{why, "", ""}; };
  Json options = parseOrNull(optionsJson);
  if (!options.is_object()) return failed("simulation options must be a JSON object");
  world::FridgeConfig config;
  uint64_t durationMs = 0, sampleMs = 60000;
  try {
    durationMs = options.value("durationMs", static_cast<uint64_t>(3600000));
    sampleMs = options.value("sampleMs", sampleMs);
    config.seed = options.value("seed", config.seed);
    config.ambientC = options.value("ambientC", config.ambientC);
    config.thermalLoadW = options.value("loadW", config.thermalLoadW);
    if (options.contains("initialC")) {
      config.initialAirC = config.initialContentsC = options["initialC"].get<double>();
    }
    std::string why;
    if (options.contains("doorSchedule") &&
        !world::DoorSchedule::parse(options["doorSchedule"].get<std::string>(), &config.doors,
                                    &why)) {
      return failed("doorSchedule: " + why);
    }
  } catch (const std::exception& e) {
    return failed(std::string("bad simulation options: ") + e.what());
  }
  if (durationMs > 49ull * 24 * 3600 * 1000) return failed("durationMs: at most 49 days");
  if (sampleMs == 0) return failed("sampleMs must be positive");
  graph::GraphResult parsed = graph::parseFbp(fbpText);
  if (!parsed.ok()) {
    return failed(parsed.errors.empty() ? "not a graph" : parsed.errors.front().format());
  }
  compile::CompileResult compiled = compile::compileGraph(*parsed.graph);
  if (!compiled.ok()) {
    return failed(compiled.errors.empty() ? "cannot compile" : compiled.errors.front().format());
  }
  auto fridge = std::make_unique<compile::SimulatedFridge>(*compiled.graph, config);
  std::ostringstream csv;
  fridge->simulation().writeHeader(csv);
  fridge->simulation().setTrace(&csv);
  fridge->simulation().setSampleInterval(static_cast<TimeMs>(sampleMs));
  std::string error;
  if (!fridge->load(&error)) return failed(error);
  if (!fridge->simulation().runUntil(static_cast<TimeMs>(durationMs), &error)) {
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
  Json options = parseOrNull(optionsJson, true);
  if (!options.is_object()) return failed("simulation options must be a JSON object");
  std::string name = "fridge";
  sim::WorldParams params;
  uint64_t durationMs = 0, sampleMs = 60000;
  try {
    name = options.value("world", name);
    params.data = options.value("data", std::string());
    params.seed = options.value("seed", params.seed);
    durationMs = options.value("durationMs", durationMs);
    sampleMs = options.value("sampleMs", sampleMs);
  } catch (const std::exception& e) {
    return failed(std::string("bad simulation options: ") + e.what());
  }
  const sim::WorldSpec* spec = sim::findWorld(name);
  if (!spec) return failed("unknown world '" + name + "' (known: " + sim::worldNames() + ")");
  if (spec->needsData && params.data.empty()) return failed("the " + name + " world needs data");
  if (durationMs > 49ull * 24 * 3600 * 1000) return failed("durationMs: at most 49 days");
  if (sampleMs == 0) return failed("sampleMs must be positive");
  graph::GraphResult parsed = graph::parseFbp(fbpText);
  if (!parsed.ok()) {
    return failed(parsed.errors.empty() ? "not a graph" : parsed.errors.front().format());
  }
  compile::CompileResult compiled = compile::compileGraph(*parsed.graph);
  if (!compiled.ok()) {
    return failed(compiled.errors.empty() ? "cannot compile" : compiled.errors.front().format());
  }
  params.durationMs = static_cast<TimeMs>(durationMs ? durationMs : 3600000);
  auto board = std::make_unique<compile::SimulatedWorld>(*compiled.graph, name, params);
  if (!board->error().empty()) return failed("data:" + board->error());
  if (durationMs == 0) {
    auto* replay = dynamic_cast<world::ReplayWorld*>(&board->world());
    durationMs = replay ? replay->endMs() : 3600000;
  }
  Json predictions = Json::object();
  const compile::CompiledGraph& graph = *compiled.graph;
  for (const compile::CompiledNode& node : graph.nodes)
    if (node.componentName == "Classify") predictions[node.name] = Json::array();
  board->runner().addPacketObserver([&](const TraceEvent& event) {
    const compile::CompiledNode* node = graph.node(event.src);
    if (node && node->componentName == "Classify" && event.srcPort == 0 && event.packet.isData())
      predictions[node->name].push_back({event.time, event.packet.asInt()});
  });
  std::ostringstream csv;
  board->runner().writeHeader(csv);
  board->runner().setTrace(&csv);
  board->runner().setSampleInterval(static_cast<TimeMs>(sampleMs));
  std::string error;
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
  Json options = parseOrNull(optionsJson, true);
  if (!options.is_object()) return errorJson("options must be a JSON object");
  std::string name, csv, error;
  sim::WorldParams params;
  std::vector<std::string> pins;
  uint64_t durationMs = 0;
  try {
    name = options.value("world", std::string("activity"));
    params.seed = options.value("seed", params.seed);
    params.data = options.value("data", std::string());
    durationMs = options.at("durationMs").get<uint64_t>();
    pins = options.at("pins").get<std::vector<std::string>>();
  } catch (const std::exception& e) {
    return errorJson(std::string("bad options (durationMs and pins are required): ") + e.what());
  }
  if (durationMs > 24ull * 3600 * 1000) return errorJson("durationMs: at most one day");
  if (!sim::recordPins(name, params, pins, static_cast<TimeMs>(durationMs), &csv, &error))
    return errorJson(error);
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
