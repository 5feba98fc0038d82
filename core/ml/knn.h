// k-nearest neighbours classifier (scikit-learn KNeighborsClassifier), kind
// kModelKNeighborsClassifier. The training data lives in the blob. Payload (docs/models.md):
//   u16 n_samples S, u16 k (1..min(S, EMFLOW_KNN_MAX_K)),
//   u8 weights (0 uniform, 1 distance), u8 metric (0 euclidean, 1 manhattan, 2 minkowski p,
//   3 chebyshev), u16 reserved (0), f32 p (minkowski only, >= 1; else ignored but finite)
//   f32 X[S][F] (training samples), u16 y[S] (class index of each sample, < n_outputs)
// Neighbours with equal distance are taken in training order. outputs = predict_proba (weight
// of each class among the k neighbours, normalised); label = class with the largest weight,
// lowest class index on ties (sklearn's mode / weighted_mode). With distance weights, a
// neighbour at distance 0 gets weight 1 and all others 0, as in sklearn.
#ifndef EMFLOW_ML_KNN_H
#define EMFLOW_ML_KNN_H

#include <stdint.h>

#include "model.h"

#ifndef EMFLOW_KNN_MAX_K
#if defined(__AVR__)
#define EMFLOW_KNN_MAX_K 8
#else
#define EMFLOW_KNN_MAX_K 128
#endif
#endif

namespace emflow {

enum KnnWeights : uint8_t { kKnnUniform = 0, kKnnDistance = 1 };
enum KnnMetric : uint8_t { kKnnEuclidean = 0, kKnnManhattan, kKnnMinkowski, kKnnChebyshev };

Status knnOpen(const ModelBlob* blob, uint8_t* state);
Status knnPredict(const Model* model, const float* features, float* outputs, int32_t* label);

}  // namespace emflow

#endif  // EMFLOW_ML_KNN_H
