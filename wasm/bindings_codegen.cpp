// Embind block of the model code generator (core/host/modelgen, the same code `emflow codegen`
// runs): a model blob in, the generated C++ header out. Thin on purpose: what the header
// contains is the generator's business; this file only moves bytes and options across.
//
//   const r = engine.generateModelCode(blob /* Uint8Array */, 'activity_model',
//                                      '{"source": "activity.bin"}');
//   // r = { error: string, code: string }: code is byte-identical to
//   //     `emflow codegen activity.bin --name activity_model -o activity_model.h`
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "host/modelgen/tree_codegen.h"
#include "host/json/bounded_json.h"
#include "runtime/status.h"

namespace emflow::wasm {
namespace {

using emscripten::val;
using Json = json::Json;

val codegenResult(const std::string& error, const std::string& code) {
  val result = val::object();
  result.set("ok", error.empty());
  result.set("error", error);
  result.set("code", code);
  return result;
}

// Reads {"source", "maxNodes", "maxDepth"} (all optional) over `options`; "" or the problem.
std::string readOptions(const std::string& optionsJson, codegen::CodegenOptions* options) {
  if (optionsJson.empty()) return "";
  Json json;
  json::JsonError error;
  if (!json::parseBounded(optionsJson, json::JsonLimits{}, &json, &error)) {
    return "codegen options are not valid JSON: " + error.format();
  }
  if (!json.is_object()) return "codegen options must be a JSON object";
  if (json.contains("source")) {
    if (!json["source"].is_string()) return "source must be a string (the model's file name)";
    options->source = json["source"].get<std::string>();
  }
  for (const char* key : {"maxNodes", "maxDepth"}) {
    if (!json.contains(key)) continue;
    const Json& value = json[key];
    if (!value.is_number_unsigned() || value.get<uint64_t>() < 1 || value.get<uint64_t>() > 100000)
      return std::string(key) + " must be a count from 1 to 100000";
    (std::string(key) == "maxNodes" ? options->maxNodesPerFunction : options->maxDepthPerFunction) =
        value.get<size_t>();
  }
  return "";
}

val generateModelCode(const val& bytes, const std::string& name, const std::string& optionsJson) {
  codegen::CodegenOptions options;
  options.name = name;
  std::string error = readOptions(optionsJson, &options);
  if (!error.empty()) return codegenResult("generateModelCode: " + error, "");
  const std::vector<uint8_t> blob = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
  codegen::TreeTables tables;
  const Status status = codegen::readTreeTables(blob, &tables);
  if (status != kOk) {
    return codegenResult(
        std::string("generateModelCode: code generation supports tree models only (") +
            emflow_status_name(status) + ")",
        "");
  }
  std::string code;
  if (!codegen::generateTreeCode(tables, options, &code, &error)) {
    return codegenResult("generateModelCode: " + error, "");
  }
  return codegenResult("", code);
}

}  // namespace
}  // namespace emflow::wasm

EMSCRIPTEN_BINDINGS(emflow_codegen) {
  emscripten::function("generateModelCode", &emflow::wasm::generateModelCode);
}
