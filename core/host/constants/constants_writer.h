// Writes the engine's constants (model kinds, their roles, limits) as TypeScript and Python
// source, from the C++ declarations themselves (core/ml/model_kinds.h, model_store.h, ...).
// The generated files are checked in; a test fails when they drift from the headers, and
// `emflow-constants --write` regenerates them.
#ifndef EMFLOW_HOST_CONSTANTS_CONSTANTS_WRITER_H
#define EMFLOW_HOST_CONSTANTS_CONSTANTS_WRITER_H

#include <string>

namespace emflow::constants {

// Paths of the generated files, relative to the repository root.
inline constexpr const char* kTypeScriptPath = "web/src/engine/engineConstants.generated.ts";
inline constexpr const char* kPythonPath = "python/emflow/engine_constants.py";

std::string typeScriptConstants();
std::string pythonConstants();

}  // namespace emflow::constants

#endif  // EMFLOW_HOST_CONSTANTS_CONSTANTS_WRITER_H
