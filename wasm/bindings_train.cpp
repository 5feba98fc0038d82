// Embind block of the engine's own trainers (core/host/train): typed arrays and a params
// object in, a model blob out. Kept apart from bindings.cpp (its own EMSCRIPTEN_BINDINGS block)
// so that the trainers can be left out of a build by leaving out this file.
//
//   const r = engine.trainModel(X /* Float32Array, rows x nFeatures */, nFeatures,
//                               y /* Float64Array | Float32Array | Int32Array */,
//                               { model: 'random_forest', task: 'classification',
//                                 n_estimators: 50, max_depth: null, random_state: 0 },
//                               (done, total) => {});   // progress, optional
//   // r = { error: string, blob: Uint8Array, classes: Float64Array }
//
// Parameter names and values are scikit-learn's (as `emflow train`, docs/train.md). In
// JavaScript 1 and 1.0 are the same number: an integral number is a count; pass a string such
// as "1.0" for the fraction forms of min_samples_split, min_samples_leaf, max_features and
// max_samples.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "host/train/param_options.h"
#include "host/train/trainer.h"

namespace emflow::wasm {
namespace {

using emscripten::val;
namespace train = emflow::train;

// A params value as text for apply_param: strings as they are, null as "none", numbers
// exactly (integers without a decimal point), booleans as true/false.
std::string param_text(const val& value) {
  if (value.isNull() || value.isUndefined()) return "none";
  if (value.isTrue()) return "true";
  if (value.isFalse()) return "false";
  if (value.isNumber()) {
    const double number = value.as<double>();
    char text[40];
    if (number == std::floor(number) && std::fabs(number) < 9.0e15)
      std::snprintf(text, sizeof text, "%.0f", number);
    else
      std::snprintf(text, sizeof text, "%.17g", number);
    return text;
  }
  return value.as<std::string>();
}

val failure(const std::string& error) {
  val result = val::object();
  result.set("ok", false);
  result.set("error", error);
  result.set("blob", val::global("Uint8Array").new_(0));
  result.set("classes", val::global("Float64Array").new_(0));
  return result;
}

bool read_params(const val& params, train::TrainParams* out, std::string* error) {
  std::string model = "random_forest", task;
  if (params.hasOwnProperty("model")) model = params["model"].as<std::string>();
  if (params.hasOwnProperty("task")) task = params["task"].as<std::string>();
  train::Algorithm algorithm;
  train::Task named = train::Task::kClassification;
  bool taskGiven = false;
  if (!train::parseAlgorithm(model, &algorithm, &named, &taskGiven, error)) return false;
  if (!task.empty()) {
    if (task != "classification" && task != "regression") {
      *error = "task must be 'classification' or 'regression'";
      return false;
    }
    named = task == "classification" ? train::Task::kClassification : train::Task::kRegression;
  } else if (!taskGiven) {
    *error = "params.task is needed for model '" + model + "' (classification or regression)";
    return false;
  }
  *out = train::defaultParams(algorithm, named);
  const val keys = val::global("Object").call<val>("keys", params);
  const unsigned n_keys = keys["length"].as<unsigned>();
  for (unsigned i = 0; i < n_keys; ++i) {
    const std::string key = keys[i].as<std::string>();
    if (key == "model" || key == "task") continue;
    if (!train::applyParam(key, param_text(params[key]), out, error)) return false;
  }
  return true;
}

val trainModel(const val& features, int nFeatures, const val& targets, const val& params,
               const val& progress) {
  if (nFeatures <= 0) return failure("nFeatures must be >= 1");
  train::Dataset data;
  data.x = emscripten::convertJSArrayToNumberVector<double>(features);
  data.y = emscripten::convertJSArrayToNumberVector<double>(targets);
  data.nFeatures = static_cast<size_t>(nFeatures);
  if (data.x.size() % data.nFeatures != 0)
    return failure("X holds " + std::to_string(data.x.size()) +
                   " values, not a multiple of nFeatures = " + std::to_string(nFeatures));
  data.nSamples = data.x.size() / data.nFeatures;
  train::TrainParams train_params;
  std::string error;
  if (!read_params(params.isUndefined() ? val::object() : params, &train_params, &error))
    return failure(error);
  train::Progress report;
  if (progress.typeOf().as<std::string>() == "function") {
    report = [&progress](size_t done, size_t total) {
      progress(static_cast<double>(done), static_cast<double>(total));
    };
  }
  const train::TrainResult trained = train::trainModel(data, train_params, report);
  if (!trained.ok) return failure(trained.error);
  val result = val::object();
  result.set("ok", true);
  result.set("error", std::string());
  // typed_memory_view points into WebAssembly memory: slice() copies before it goes away.
  result.set("blob", val(emscripten::typed_memory_view(trained.blob.size(), trained.blob.data()))
                         .call<val>("slice"));
  result.set("classes",
             val(emscripten::typed_memory_view(trained.classes.size(), trained.classes.data()))
                 .call<val>("slice"));
  return result;
}

// The same without a progress callback (Embind overloads by argument count).
val trainModelQuietly(const val& features, int nFeatures, const val& targets, const val& params) {
  return trainModel(features, nFeatures, targets, params, val::undefined());
}

}  // namespace
}  // namespace emflow::wasm

EMSCRIPTEN_BINDINGS(emflow_train) {
  emscripten::function("trainModel", &emflow::wasm::trainModel);
  emscripten::function("trainModel", &emflow::wasm::trainModelQuietly);
}
