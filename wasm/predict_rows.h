// The per-row prediction loop of ModelRunner, in its own file so that it can be compiled
// without exception support (wasm/CMakeLists.txt): a call from code built with -fexceptions
// to a function that might throw goes through a JavaScript `invoke_*` trampoline in
// Emscripten 3.1.6, which cost more than predicting a row of a small forest.
#ifndef EMFLOW_WASM_PREDICT_ROWS_H
#define EMFLOW_WASM_PREDICT_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "ml/model.h"

namespace emflow::wasm {

// What went wrong in predictRows: the row, and either a status or a feature outside int16.
struct RowFailure {
  size_t row = 0;
  size_t feature = 0;
  bool outsideInt16 = false;  // for int16 models: features[row][feature] cannot be rounded
  Status status = kOk;
};

// rows × n_features floats in; rows labels and rows × n_outputs outputs out. int16 models get
// each feature rounded to nearest (`scratch` holds n_features values). False on the first
// failing row, described in `failure`.
bool predictRows(const Model& model, const float* features, size_t rows, int32_t* labels,
                 float* outputs, int16_t* scratch, RowFailure* failure) noexcept;

}  // namespace emflow::wasm

#endif  // EMFLOW_WASM_PREDICT_ROWS_H
