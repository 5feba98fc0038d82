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

#include "engine_args.h"
#include "host/modelgen/tree_codegen.h"
#include "runtime/status.h"

namespace emflow::wasm {
namespace {

using emscripten::val;

val codegenResult(const std::string& error, const std::string& code) {
  val result = val::object();
  result.set("ok", error.empty());
  result.set("error", error);
  result.set("code", code);
  return result;
}

// Reads {"source", "maxNodes", "maxDepth"} (all optional) over `options`; "" or the problem,
// named as every engine call names it ("generateModelCode: maxNodes must be ...").
std::string readOptions(const std::string& optionsJson, modelgen::CodegenOptions* options) {
  Args args("generateModelCode", optionsJson);
  uint64_t maxNodes = options->maxNodesPerFunction, maxDepth = options->maxDepthPerFunction;
  args.text("source", &options->source)
      .whole("maxNodes", 1, 100000, &maxNodes)
      .whole("maxDepth", 1, 100000, &maxDepth);
  options->maxNodesPerFunction = static_cast<size_t>(maxNodes);
  options->maxDepthPerFunction = static_cast<size_t>(maxDepth);
  return args.error();
}

val generateModelCode(const val& bytes, const std::string& name, const std::string& optionsJson) {
  modelgen::CodegenOptions options;
  options.name = name;
  std::string error = readOptions(optionsJson, &options);
  if (!error.empty()) return codegenResult(error, "");  // already names the call
  const std::vector<uint8_t> blob = emscripten::convertJSArrayToNumberVector<uint8_t>(bytes);
  modelgen::TreeTables tables;
  const Status status = modelgen::readTreeTables(blob, &tables);
  if (status != kOk) {
    return codegenResult(
        std::string("generateModelCode: code generation supports tree models only (") +
            emflow_status_name(status) + ")",
        "");
  }
  std::string code;
  if (!modelgen::generateTreeCode(tables, options, &code, &error)) {
    return codegenResult("generateModelCode: " + error, "");
  }
  return codegenResult("", code);
}

}  // namespace
}  // namespace emflow::wasm

EMSCRIPTEN_BINDINGS(emflow_codegen) {
  emscripten::function("generateModelCode", &emflow::wasm::generateModelCode);
}
