// The engine's API as JavaScript sees it, in plain C++: JSON text in, JSON text out, so each
// call crosses the Embind boundary once. bindings.cpp only registers these; typed-array
// copies live in bindings.cpp too (they need emscripten::val).
//
// One error convention (docs/wasm.md): no call throws into JavaScript; every call that can
// fail answers {"ok": true, "error": "", ...its value} or {"ok": false, "error": "located
// message"} (JSON text here, the same fields on the objects bindings*.cpp build). Protocol
// traffic (handle, advance, runUntilOutput, restore) answers FBP messages: their `error`
// messages are protocol, not API errors. The constructor cannot answer: a bad world option
// shows as status().optionsError.
#ifndef EMFLOW_WASM_ENGINE_API_H
#define EMFLOW_WASM_ENGINE_API_H

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "host/protocol/runtime.h"
#include "ml/model.h"

namespace emflow::wasm {

// The FBP protocol runtime plus the simulation controls of its virtual world.
class EngineRuntime {
 public:
  // options: {"secret", "label", "id", "componentPrefix", "timeInEvents", "world" (a name of
  // sim/world_registry.h: fridge, activity, replay, none), "seed", "data" (the replay world's
  // CSV text)} (all optional). A bad world, seed or recording leaves the default (fridge,
  // seed 1) and is reported as status().optionsError (a recording's as "data:LINE:COLUMN: ...").
  explicit EngineRuntime(const std::string& optionsJson);
  // Takes its models out of the model store (their bytes die with it).
  ~EngineRuntime();

  // One protocol message (JSON text) → JSON array text of replies and events.
  std::string handle(const std::string& messageJson);
  // Whether the last message handle() got carried the secret (the Node server tracks which
  // sockets proved it, and broadcasts only to those).
  bool lastAuthorised() const { return runtime_->lastAuthorised(); }
  // Advances the virtual clock by `ms` → JSON array text of events.
  std::string advance(double ms);
  // The input-driven clock (ProtocolRuntime::runUntilOutput): graphs that got runtime:packet
  // inputs run as fast as possible until a packet leaves an exported out-port, nothing is
  // pending, or `limitMs` of virtual time passed → JSON array text of events.
  std::string runUntilOutput(double limitMs);
  // Samples recorded since the last call, columnar: {"timeMs": [...], "series": {name: [...]}}.
  std::string takeSamples();
  // Pin changes of the main graph since the last call, columnar: {"timeMs", "pin", "value",
  // "pwm" (1: a PWM duty 0..255, 0: a digital level 0/1), "dropped" (older ones discarded)}.
  std::string takePinEvents();
  void setSampleInterval(double ms);
  // {"world": name, "seed": n, "data": csv} → {"ok", "error", "events": [FBP messages]}.
  std::string reset(const std::string& optionsJson);
  // {"name": value} of the world's live inputs (fridge: "doorOpen", "ambientC", "loadW";
  // sim/world_registry.h lists each world's) → {"ok", "error"}.
  std::string setWorldInputs(const std::string& inputsJson);
  // {"timeMs", "started", "graph", "world", "sample": {name: value}, "optionsError"?}
  std::string status() const;
  std::string snapshot() const;
  // A snapshot (from network:persist) → JSON array text of the graph replies it caused.
  std::string restore(const std::string& snapshotJson);
  // Makes network:persist call `handler(snapshotText)`; used by the Node server and worker.
  void setPersistHandler(protocol::PersistHandler handler);

  // Validates a model blob (model_open) and puts a copy in the device model store under `id`
  // (0 .. EMFLOW_MAX_MODELS-1), replacing an earlier one; Classify / Regress / AnomalyScore
  // nodes with `id` on MODEL use it. "" or why it was refused. The store lives in the module,
  // not in a network: models survive network stop/start, world resets and restore(). A node
  // that already opened the old model keeps it until its network restarts. → {"ok", "error"}.
  std::string putModel(int id, std::vector<uint8_t> bytes);

 private:
  std::unique_ptr<protocol::ProtocolRuntime> runtime_;
  std::string optionsError_;  // what was wrong with the constructor's world options
  std::map<uint8_t, std::vector<uint8_t>> models_;  // the bytes the model store points into
  // Replaced blobs stay alive: a running node may still hold a Model pointing into them.
  std::list<std::vector<uint8_t>> replaced_;
};

// .fbp text → {"ok", "graph" (NoFlo JSON or null), "problems": [{message, line, column,
// severity}]}; validates against the component library when it parses.
std::string parseFbp(const std::string& text);
// NoFlo JSON graph text → the same shape as parseFbp (graph echoes the normalised graph).
std::string validateGraph(const std::string& graphJson);
// NoFlo JSON graph text → {"ok", "error", "fbp": text, "lost": [...]}.
std::string graphToFbp(const std::string& graphJson);

// Labelled cow-halter accelerometer recording (core/world/activity_world.h). Options:
// {"seed", "durationS", "sampleRateHz", "segments": [{"activity", "durationS"}]} →
// {"ok", "error", "sampleRateHz", "x": [...], "y": [...], "z": [...], "labels": [...], "csv"}.
std::string recordActivity(const std::string& optionsJson);

// Runs a graph headless against the fridge world exactly as `emflow run` does (same compiler,
// same SimulatedFridge), for native-vs-WebAssembly parity. Options: {"durationMs", "seed",
// "sampleMs"} and the fridge's own options of its registry entry (sim/world_registry.h, the
// same ranges as the CLI's --ambient...): "ambientC", "initialC", "loadW", "sensor",
// "doorSchedule". The trace stays plain text
// (bindings.cpp hands it to JavaScript as one string, not JSON-escaped: it is megabytes).
struct FridgeRun {
  std::string error;        // "" on success; line:column for graph problems
  std::string csv;          // the trace, as `emflow run --trace` writes it
  std::string summaryJson;  // {durationMs, minAirC, ..., firstError}
};
FridgeRun simulateFridge(const std::string& fbpText, const std::string& optionsJson);

// Runs a graph headless against any world of the registry (sim/world_registry.h) on the one
// runner, as `emflow run --world NAME` does. Options: {"world", "data" (the replay world's
// CSV text), "seed", "durationMs" (default: to a recording's last row, else 1 h),
// "sampleMs"} plus the world's own options by their keys (the fridge's "ambientC", ...) → the
// trace, and a summary {durationMs, packets, errorPackets, networkErrors,
// pinWrites, firstError, "predictions": {classifyNode: [[timeMs, class], ...]}}. A bad
// recording is an error "data:LINE:COLUMN: ...".
using WorldRun = FridgeRun;
WorldRun simulateWorld(const std::string& fbpText, const std::string& optionsJson);

// The world registry as JSON: [{"name", "description", "needsData", "inputs": [{"name",
// "description"}]}], so the app lists worlds from the one place that knows them.
std::string listWorlds();

// What a world puts on input pins over a run, as a CSV the replay world reads back
// (sim/pin_recorder.h). Options: {"world", "seed", "durationMs", "pins": ["A0", ...]} →
// {"ok", "error", "csv"}. durationMs (at most one day) and pins are required.
std::string recordWorldPins(const std::string& optionsJson);

// A model blob opened for batch prediction. Keeps its own copy of the bytes.
class ModelRunner {
 public:
  // {"ok", "error"}: why the blob was refused ("model blob refused: bad checksum").
  // (predict below is the bindings' pointer API: "" or the error; the binding answers
  // {ok, error, labels, outputs}.)
  std::string open(std::vector<uint8_t> bytes);
  // {"ok", "error", "kind", "kindName", "nFeatures", "nOutputs", "fixedPoint"}
  std::string info() const;
  int nFeatures() const { return opened_ ? model_.blob.nFeatures : 0; }
  int nOutputs() const { return opened_ ? model_.blob.nOutputs : 0; }
  // rows × nFeatures floats in; rows labels and rows × nOutputs outputs out. "" or an error.
  std::string predict(const float* features, size_t count, size_t rows, int32_t* labels,
                      float* outputs) const;

 private:
  std::vector<uint8_t> bytes_;
  Model model_{};
  bool opened_ = false;
};

}  // namespace emflow::wasm

#endif  // EMFLOW_WASM_ENGINE_API_H
