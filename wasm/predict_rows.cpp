#include "predict_rows.h"

#include <math.h>

namespace emflow::wasm {

bool predictRows(const Model& model, const float* features, size_t rows, int32_t* labels,
                 float* outputs, int16_t* scratch, RowFailure* failure) noexcept {
  const size_t nf = model.blob.n_features, no = model.blob.n_outputs;
  const bool fixedPoint = model_is_int16(&model);
  for (size_t r = 0; r < rows; ++r) {
    const float* row = features + r * nf;
    Status status;
    if (fixedPoint) {
      for (size_t f = 0; f < nf; ++f) {
        const float v = nearbyintf(row[f]);
        if (!(v >= -32768.0f && v <= 32767.0f)) {
          failure->row = r;
          failure->feature = f;
          failure->outsideInt16 = true;
          return false;
        }
        scratch[f] = static_cast<int16_t>(v);
      }
      status = model_predict_int16(&model, scratch, nf, outputs + r * no, no, labels + r);
    } else {
      status = model_predict(&model, row, nf, outputs + r * no, no, labels + r);
    }
    if (status != kOk) {
      failure->row = r;
      failure->status = status;
      return false;
    }
  }
  return true;
}

}  // namespace emflow::wasm
