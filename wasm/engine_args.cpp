// The engine calls' argument reader and the steps every headless run shares (engine_args.h).
#include "engine_args.h"

#include <cstdio>

#include "host/graph/fbp_parser.h"
#include "host/json/bounded_json.h"
#include "world/replay_csv.h"

namespace emflow::wasm {

namespace {

// The 32-bit millisecond clock of a run wraps after 49.7 days.
constexpr uint64_t kMaxRunMs = 49ull * 24 * 3600 * 1000;

// A value as the error quotes it: short, so a recording passed by mistake stays readable.
std::string quote(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

std::string show(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

Args::Args(const char* method, const std::string& json, bool mayCarryRecording)
    : method_(method), json_(Json::object()) {
  if (json.empty()) return;
  json::JsonLimits limits;
  // A recording is JSON-escaped (a newline is two bytes): admit the replay world's own cap
  // twice over, so an oversized recording gets the recording's located message.
  if (mayCarryRecording) limits.maxBytes = 2 * world::kMaxReplayBytes + 4096;
  json::JsonError problem;
  if (!json::parseBounded(json, limits, &json_, &problem)) {
    error_ = method_ + ": the options must be a JSON object (" +
             (problem.overLimit ? "over the limits: " : "not valid JSON: ") + problem.format() +
             ")";
  } else if (!json_.is_object()) {
    error_ = method_ + ": the options must be a JSON object, got " + quote(json_);
  }
}

bool Args::has(const char* name) const {
  return json_.is_object() && json_.contains(name);
}

void Args::fail(const std::string& argument, const std::string& what) {
  if (error_.empty()) error_ = method_ + ": " + argument + " " + what;
}

void Args::notOneOf(const char* name, const std::string& choices, const std::string& text) {
  wrongType(name, "one of " + choices, Json(text));
}

const Json* Args::field(const char* name, bool required) {
  if (!ok()) return nullptr;
  if (!has(name)) {
    if (required) fail(name, "is required");
    return nullptr;
  }
  return &json_[name];
}

void Args::wrongType(const char* name, const std::string& expected, const Json& got) {
  fail(name, "must be " + expected + ", got " + quote(got));
}

Args& Args::text(const char* name, std::string* out, bool required) {
  if (const Json* value = field(name, required)) {
    if (value->is_string())
      *out = value->get<std::string>();
    else
      wrongType(name, "a string", *value);
  }
  return *this;
}

Args& Args::whole(const char* name, uint64_t min, uint64_t max, uint64_t* out, bool required) {
  if (const Json* value = field(name, required)) {
    // 3.0 is a whole number in JavaScript: accept a float that is one exactly.
    const double number = value->is_number() ? value->get<double>() : -1;
    if (value->is_number_unsigned() && value->get<uint64_t>() >= min &&
        value->get<uint64_t>() <= max)
      *out = value->get<uint64_t>();
    else if (value->is_number_float() && number >= static_cast<double>(min) &&
             number <= static_cast<double>(max) &&
             number == static_cast<double>(static_cast<uint64_t>(number)))
      *out = static_cast<uint64_t>(number);
    else
      wrongType(name, "a whole number from " + std::to_string(min) + " to " + std::to_string(max),
                *value);
  }
  return *this;
}

Args& Args::real(const char* name, double min, double max, double* out, bool required) {
  if (const Json* value = field(name, required)) {
    const double number = value->is_number() ? value->get<double>() : min - 1;
    if (number >= min && number <= max)
      *out = number;
    else
      wrongType(name, "a number from " + show(min) + " to " + show(max), *value);
  }
  return *this;
}

Args& Args::flag(const char* name, bool* out) {
  if (const Json* value = field(name, false)) {
    if (value->is_boolean())
      *out = value->get<bool>();
    else
      wrongType(name, "true or false", *value);
  }
  return *this;
}

Args& Args::texts(const char* name, std::vector<std::string>* out, bool required) {
  if (const Json* value = field(name, required)) {
    bool strings = value->is_array();
    for (size_t i = 0; strings && i < value->size(); ++i) strings = (*value)[i].is_string();
    if (strings)
      *out = value->get<std::vector<std::string>>();
    else
      wrongType(name, "an array of strings", *value);
  }
  return *this;
}

const Json* Args::array(const char* name, bool required) {
  const Json* value = field(name, required);
  if (value && !value->is_array()) {
    wrongType(name, "an array", *value);
    return nullptr;
  }
  return value;
}

void readRunArgs(Args& args, RunArgs* run) {
  args.whole("durationMs", 0, kMaxRunMs, &run->durationMs);
  args.whole("sampleMs", 1, kMaxRunMs, &run->sampleMs);
}

void readWorldOptions(Args& args, const sim::WorldSpec& world, sim::WorldParams* params) {
  for (const sim::WorldOption& option : world.options) {
    const char* key = option.key.c_str();
    if (!args.ok() || !args.has(key)) continue;
    if (option.isNumber()) {
      double value = 0;
      args.real(key, option.min, option.max, &value);
      if (args.ok()) params->numbers[option.name] = value;
      continue;
    }
    std::string text;
    args.text(key, &text);
    const std::string why = args.ok() ? option.check(text) : std::string();
    if (!why.empty())
      args.fail(key, "is refused: " + why);
    else if (args.ok())
      params->texts[option.name] = text;
  }
}

std::optional<firmware::CompiledGraph> compileFbpText(const std::string& text,
                                                      const firmware::CompileLimits& limits,
                                                      std::vector<std::string>* errors) {
  graph::GraphResult parsed = graph::parseFbp(text);
  if (!parsed.ok()) {
    for (const graph::Diagnostic& d : parsed.errors) errors->push_back(d.format());
    if (parsed.errors.empty()) errors->push_back("not a graph");
    return std::nullopt;
  }
  firmware::CompileResult compiled = firmware::compileGraph(*parsed.graph, limits);
  for (const graph::Diagnostic& d : compiled.errors) errors->push_back(d.format());
  if (!compiled.ok() && compiled.errors.empty()) errors->push_back("cannot compile");
  return std::move(compiled.graph);
}

std::optional<firmware::CompiledGraph> compileFbpText(const std::string& text, std::string* error) {
  std::vector<std::string> errors;
  std::optional<firmware::CompiledGraph> graph = compileFbpText(text, {}, &errors);
  if (!graph) *error = errors.front();
  return graph;
}

}  // namespace emflow::wasm
