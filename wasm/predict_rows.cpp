#include "predict_rows.h"

#include <math.h>

namespace emflow::wasm {

bool predictRows(const Model& model, const float* features, size_t rows, int32_t* labels,
                 float* outputs, int16_t* scratch, RowFailure* failure) noexcept {
  const size_t nf = model.blob.nFeatures, no = model.blob.nOutputs;
  const bool fixedPoint = modelIsInt16(&model);
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
      status = modelPredictInt16(&model, scratch, nf, outputs + r * no, no, labels + r);
    } else {
      status = modelPredict(&model, row, nf, outputs + r * no, no, labels + r);
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
