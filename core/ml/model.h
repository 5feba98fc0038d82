// Generic model API: open (validate) a blob once, then predict from float features (or int16
// features for fixed-point models) into caller-owned outputs. Dispatches on the blob's kind.
//
// Outputs per kind (n_outputs values, as in the blob header):
//   classifiers        class probabilities (predict_proba); label = class index (argmax,
//                      first maximum wins, as numpy.argmax)
//   regressors         predicted values; label = 0
//   anomaly detectors  [score_samples, decision_function]; label = +1 inlier / -1 outlier
#ifndef EMFLOW_ML_MODEL_H
#define EMFLOW_ML_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "model_blob.h"
#include "trees.h"

namespace emflow {

#ifndef EMFLOW_MODEL_STATE_BYTES
#define EMFLOW_MODEL_STATE_BYTES 32
#endif

struct Model {
  ModelBlob blob;
  // Offsets and counts a family's loader parsed from its payload, so predict does not parse
  // again. Trees use `trees`; other families cache theirs in `other` (memcpy a struct of at
  // most EMFLOW_MODEL_STATE_BYTES bytes in and out).
  union {
    TreeEnsemble trees;
    uint8_t other[EMFLOW_MODEL_STATE_BYTES];
  } state;
};

// Validates the container and the kind's payload completely; on success `model` is usable.
// `data` must stay valid (and unchanged) while the model is used.
Status modelOpen(Model* model, const uint8_t* data, size_t size, MemorySpace space);

// Float features (float-mode models only; kErrModelType for int16 models).
Status modelPredict(const Model* model, const float* features, size_t nFeatures, float* outputs,
                    size_t nOutputs, int32_t* label);

// int16 fixed-point features (int16-mode models only; kErrModelType for float models).
Status modelPredictInt16(const Model* model, const int16_t* features, size_t nFeatures,
                         float* outputs, size_t nOutputs, int32_t* label);

inline bool modelIsInt16(const Model* model) {
  return (model->blob.flags & kModelFlagInt16) != 0;
}

// Role of a kind, for callers that print or route outputs.
enum ModelRole : uint8_t { kRoleClassifier, kRoleRegressor, kRoleAnomaly, kRoleUnknown };
ModelRole modelRole(ModelKind kind);

}  // namespace emflow

#endif  // EMFLOW_ML_MODEL_H
