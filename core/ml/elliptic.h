// Robust-covariance anomaly detector (scikit-learn EllipticEnvelope), kind
// kModelEllipticEnvelope, n_outputs = 2. Payload (f32, docs/models.md):
//   location[F], precision[F][F] (the robust precision_, row-major), offset
// outputs = [score_samples, decision_function] with
//   score_samples = -mahalanobis = -(x - location)^T precision (x - location)   (squared, as
//   sklearn) decision_function = score_samples - offset_
// label = +1 (inlier) when decision_function >= 0, else -1.
#ifndef EMFLOW_ML_ELLIPTIC_H
#define EMFLOW_ML_ELLIPTIC_H

#include <stdint.h>

#include "model.h"

namespace emflow {

Status ellipticOpen(const ModelBlob* blob, uint8_t* state);
Status ellipticPredict(const Model* model, const float* features, float* outputs, int32_t* label);

}  // namespace emflow

#endif  // EMFLOW_ML_ELLIPTIC_H
