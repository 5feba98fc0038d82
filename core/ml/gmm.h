// Gaussian mixture (scikit-learn GaussianMixture), kind kModelGaussianMixture, K = n_outputs
// components. Payload (docs/models.md):
//   u8 covariance type: 0 full, 1 tied, 2 diag, 3 spherical; u8[3] reserved (0)
//   f32 constant[K] = log weight_k + log det(precisions_cholesky_k) - F/2 log(2 pi)
//   f32 means[K][F]
//   f32 precisions_cholesky_: full K x F x F, tied F x F, diag K x F, spherical K
// weighted log prob_k = constant_k - 0.5 * |(x - mean_k) P_k|^2 (P_k the Cholesky factor of
// the precision; diagonal/scalar for diag/spherical). outputs = predict_proba (softmax of the
// weighted log probs), label = predict (argmax), gmm_score_samples = logsumexp.
#ifndef EMFLOW_ML_GMM_H
#define EMFLOW_ML_GMM_H

#include <stdint.h>

#include "model.h"

namespace emflow {

enum GmmCovariance : uint8_t { kGmmFull = 0, kGmmTied, kGmmDiag, kGmmSpherical };

Status gmmOpen(const ModelBlob* blob, uint8_t* state);
Status gmmPredict(const Model* model, const float* features, float* outputs, int32_t* label);
// Log density of the mixture at x (score_samples), one value.
Status gmmScoreSamples(const Model* model, const float* features, float* score);

}  // namespace emflow

#endif  // EMFLOW_ML_GMM_H
