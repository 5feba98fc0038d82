// Embind registration of the engine (see engine_api.h for what each call does, and
// wasm/emflow-engine.d.ts for the JavaScript types). Only registration and typed-array
// copies live here.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "engine_api.h"

namespace emflow::wasm {
namespace {

using emscripten::val;

std::string version() {
  return "emflow-engine 0.1.0";
}

std::string openModel(ModelRunner& runner, const val& bytes) {
  return runner.open(emscripten::convertJSArrayToNumberVector<uint8_t>(bytes));
}

// {ok, error, labels: Int32Array, outputs: Float32Array}
val predictModel(const ModelRunner& runner, const val& features, int rows) {
  std::vector<float> input = emscripten::convertJSArrayToNumberVector<float>(features);
  const size_t n = rows > 0 ? static_cast<size_t>(rows) : 0;
  std::vector<int32_t> labels(n);
  std::vector<float> outputs(n * static_cast<size_t>(runner.nOutputs()));
  std::string error = runner.predict(input.data(), input.size(), n, labels.data(), outputs.data());
  val result = val::object();
  result.set("ok", error.empty());
  result.set("error", error);
  // typed_memory_view points into WebAssembly memory: slice() copies before it goes away.
  result.set("labels",
             val(emscripten::typed_memory_view(labels.size(), labels.data())).call<val>("slice"));
  result.set("outputs",
             val(emscripten::typed_memory_view(outputs.size(), outputs.data())).call<val>("slice"));
  return result;
}

std::string putModel(EngineRuntime& runtime, int id, const val& bytes) {
  return runtime.putModel(id, emscripten::convertJSArrayToNumberVector<uint8_t>(bytes));
}

// {ok, error, csv, summary}: the trace crosses as one string, the summary as an object.
val runResult(const FridgeRun& run) {
  val result = val::object();
  result.set("ok", run.error.empty());
  result.set("error", run.error);
  if (!run.error.empty()) return result;
  result.set("csv", run.csv);
  result.set("summary", val::global("JSON").call<val>("parse", run.summaryJson));
  return result;
}

val simulateFridgeRun(const std::string& fbpText, const std::string& optionsJson) {
  return runResult(simulateFridge(fbpText, optionsJson));
}

val simulateWorldRun(const std::string& fbpText, const std::string& optionsJson) {
  return runResult(simulateWorld(fbpText, optionsJson));
}

void setPersistCallback(EngineRuntime& runtime, val callback) {
  runtime.setPersistHandler([callback](const std::string& snapshot) {
    val answer = callback(snapshot);
    return answer.isString() ? answer.as<std::string>() : std::string();
  });
}

}  // namespace
}  // namespace emflow::wasm

EMSCRIPTEN_BINDINGS(emflow_engine) {
  using namespace emflow::wasm;
  emscripten::function("version", &version);
  emscripten::function("parseFbp", &parseFbp);
  emscripten::function("validateGraph", &validateGraph);
  emscripten::function("graphToFbp", &graphToFbp);
  emscripten::function("recordActivity", &recordActivity);
  emscripten::function("simulateFridge", &simulateFridgeRun);
  emscripten::function("simulateWorld", &simulateWorldRun);
  emscripten::function("recordWorldPins", &recordWorldPins);
  emscripten::function("listWorlds", &listWorlds);

  emscripten::class_<EngineRuntime>("EngineRuntime")
      .constructor<std::string>()
      .function("handle", &EngineRuntime::handle)
      .function("lastAuthorised", &EngineRuntime::lastAuthorised)
      .function("advance", &EngineRuntime::advance)
      .function("runUntilOutput", &EngineRuntime::runUntilOutput)
      .function("takeSamples", &EngineRuntime::takeSamples)
      .function("takePinEvents", &EngineRuntime::takePinEvents)
      .function("setSampleInterval", &EngineRuntime::setSampleInterval)
      .function("reset", &EngineRuntime::reset)
      .function("setWorldInputs", &EngineRuntime::setWorldInputs)
      .function("status", &EngineRuntime::status)
      .function("snapshot", &EngineRuntime::snapshot)
      .function("restore", &EngineRuntime::restore)
      .function("setPersistCallback", &setPersistCallback)
      .function("putModel", &putModel);

  emscripten::class_<ModelRunner>("ModelRunner")
      .constructor<>()
      .function("open", &openModel)
      .function("info", &ModelRunner::info)
      .function("predict", &predictModel);
}
