// Gaussian naive Bayes (scikit-learn GaussianNB), kind kModelGaussianNB. Payload (f32, C classes
// = n_outputs, F features; docs/models.md):
//   C      log prior_k - 0.5 * sum_j log(2 pi var_kj)    (the per-class constant)
//   C x F  theta (class means)
//   C x F  var   (variances; var_smoothing is already added, as in sklearn's var_)
// joint log likelihood jll_k = constant_k - 0.5 * sum_j (x_j - theta_kj)^2 / var_kj;
// outputs = softmax(jll) (predict_proba, via logsumexp); label = argmax(jll).
#ifndef EMFLOW_ML_NAIVE_BAYES_H
#define EMFLOW_ML_NAIVE_BAYES_H

#include <stdint.h>

#include "model.h"

namespace emflow {

Status naiveBayesOpen(const ModelBlob* blob, uint8_t* state);
Status naiveBayesPredict(const Model* model, const float* features, float* outputs, int32_t* label);
// Joint log likelihood per class (sklearn's _joint_log_likelihood), n_outputs values.
Status naiveBayesScores(const Model* model, const float* features, float* scores);

}  // namespace emflow

#endif  // EMFLOW_ML_NAIVE_BAYES_H
