// Reading the JSON arguments of an engine call one way for every method: each field is read
// with its type and range, and the first one that is missing or wrong becomes the call's
// error, naming the method and the argument ("simulateWorld: durationMs must be a whole
// number of milliseconds from 0 to 4233600000, got \"1h\""). Also the two steps every headless
// run shares: the run's duration/sample arguments and .fbp text → compiled graph.
#ifndef EMFLOW_WASM_ENGINE_ARGS_H
#define EMFLOW_WASM_ENGINE_ARGS_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "host/firmware/graph_compiler.h"
#include "host/protocol/runtime.h"
#include "sim/world_registry.h"

namespace emflow::wasm {

using protocol::Json;

// The options of one call. A reader leaves its output alone when the field is absent (the
// default stays) unless it is `required`; after the first failure every reader does nothing,
// so a chain of reads ends with ok() and the first error.
class Args {
 public:
  // `json` must be a JSON object ("" counts as {}); a recording may be up to the replay
  // world's cap when `mayCarryRecording` (options with `data`).
  Args(const char* method, const std::string& json, bool mayCarryRecording = false);

  bool ok() const { return error_.empty(); }
  // "" or "METHOD: ARGUMENT must be ..., got VALUE".
  const std::string& error() const { return error_; }
  bool has(const char* name) const;

  Args& text(const char* name, std::string* out, bool required = false);
  Args& whole(const char* name, uint64_t min, uint64_t max, uint64_t* out, bool required = false);
  Args& real(const char* name, double min, double max, double* out, bool required = false);
  Args& flag(const char* name, bool* out);
  Args& texts(const char* name, std::vector<std::string>* out, bool required = false);
  // The field if it is an array (null when absent and not required, or after a failure).
  const Json* array(const char* name, bool required = false);

  // Records a failure found by the caller: "METHOD: ARGUMENT WHAT".
  void fail(const std::string& argument, const std::string& what);
  // "METHOD: ARGUMENT must be one of CHOICES, got \"TEXT\"" (the text quoted short).
  void notOneOf(const char* name, const std::string& choices, const std::string& text);

 private:
  const Json* field(const char* name, bool required);
  void wrongType(const char* name, const std::string& expected, const Json& got);

  std::string method_;
  Json json_;
  std::string error_;
};

// The arguments of a headless run: durationMs (at most 49 days, the 32-bit clock) and
// sampleMs (positive); defaults as given.
struct RunArgs {
  uint64_t durationMs = 0;
  uint64_t sampleMs = 60000;
};
void readRunArgs(Args& args, RunArgs* run);

// A world's own options (sim/world_registry.h) under their JSON keys ("ambientC"), checked
// against the same ranges and checks the CLI uses, into `params`.
void readWorldOptions(Args& args, const sim::WorldSpec& world, sim::WorldParams* params);

// .fbp text → the compiled graph, or nothing with the first problem ("LINE:COLUMN: ...").
std::optional<firmware::CompiledGraph> compileFbpText(const std::string& text, std::string* error);
// The same for a target's capacities, with every problem, each located, in `errors`.
std::optional<firmware::CompiledGraph> compileFbpText(const std::string& text,
                                                      const firmware::CompileLimits& limits,
                                                      std::vector<std::string>* errors);

}  // namespace emflow::wasm

#endif  // EMFLOW_WASM_ENGINE_ARGS_H
