// Linear models: kModelLinearClassifier (LogisticRegression, LinearSVC, SGDClassifier,
// RidgeClassifier, Perceptron) and kModelLinearRegressor (LinearRegression, Ridge, Lasso,
// ElasticNet, SGDRegressor). R rows of weights: a regressor has one per output; a classifier
// one per class, or a single row for two classes (sklearn's coef_ shape).
//
// Payload, float mode (docs/models.md):
//   u8 mode: 0 scores only, 1 one-vs-rest logistic, 2 softmax (multinomial), 3 modified Huber
//            (a regressor must use 0)
//   u8 weight_shift (0 in float mode), u16 reserved (0)
//   f32 W[R][F], f32 b[R]
// Payload, int16 mode (flags bit 0): features arrive as int16 x_q = round(x * input_scale)
//   u8 mode, i8 weight_shift s, u16 reserved (0), f32 input_scale (> 0)
//   i16 W_q[R][F] with W_q = round(W * 2^s), zero padding to 4 bytes, f32 b[R]
//   decision = (sum_j W_q x_q) / (2^s * input_scale) + b, the sum exact in 64-bit integers.
//
// decision_function d: one value per row. Classifier label: d > 0 for one row (class 1), else
// argmax(d) — sklearn's predict. Classifier outputs: predict_proba for modes 1-3 (exactly
// sklearn's formulas, including [1 - p, p] for binary); for mode 0 (no predict_proba in
// sklearn, e.g. LinearSVC) the decision values themselves, [-d, d] for two classes.
#ifndef EMFLOW_ML_LINEAR_H
#define EMFLOW_ML_LINEAR_H

#include <stdint.h>

#include "model_kinds.h"
#include "model.h"

namespace emflow {

enum LinearMode : uint8_t {
  kLinearScores = 0,
  kLinearOvrLogistic = 1,
  kLinearSoftmax = 2,
  kLinearModifiedHuber = 3,
};

Status linearOpen(const ModelBlob* blob, uint8_t* state);
Status linearPredict(const Model* model, const float* features, float* outputs, int32_t* label);
Status linearPredictInt16(const Model* model, const int16_t* features, float* outputs,
                          int32_t* label);
// decision_function (classifier) or predicted values (regressor): R values.
Status linearScores(const Model* model, const float* features, float* scores);
Status linearScoresInt16(const Model* model, const int16_t* features, float* scores);
// Number of rows R (values written by linearScores).
uint16_t linearRows(const ModelBlob* blob);

}  // namespace emflow

#endif  // EMFLOW_ML_LINEAR_H
