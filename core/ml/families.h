// Dispatch for the non-tree model families (kinds 32-63, model_kinds.h). model.cpp hands any
// kind in that range to these functions; they return kErrModelType for kinds they do not know.
#ifndef EMFLOW_ML_FAMILIES_H
#define EMFLOW_ML_FAMILIES_H

#include <stddef.h>
#include <stdint.h>

#include "model_kinds.h"
#include "model.h"

namespace emflow {

// True for the kinds implemented here.
bool familyKindKnown(uint8_t kind);

Status familyOpen(const ModelBlob* blob, uint8_t* state);
Status familyPredict(const Model* model, const float* features, float* outputs, int32_t* label);
Status familyPredictInt16(const Model* model, const int16_t* features, float* outputs,
                          int32_t* label);
ModelRole familyRole(uint8_t kind);

// Raw scores besides predict's outputs, for the kinds that have them (scikit-learn names):
//   GaussianNB           n_outputs values: joint log likelihood per class
//   linear models        decision_function / predicted values, one per weight row
//   GaussianMixture      1 value: score_samples
//   EllipticEnvelope     2 values: score_samples, decision_function (same as predict's outputs)
// Writes `*written` values into `scores` (room for `capacity`); kErrModelType for other kinds.
Status familyScores(const Model* model, const float* features, float* scores, size_t capacity,
                    size_t* written);
Status familyScoresInt16(const Model* model, const int16_t* features, float* scores,
                         size_t capacity, size_t* written);

// Every feature finite? Non-tree families refuse NaN/inf input with kErrOutOfRange, as
// scikit-learn refuses it with an error.
bool featuresFinite(const float* features, size_t n);

}  // namespace emflow

#endif  // EMFLOW_ML_FAMILIES_H
