#include "naive_bayes_fit.h"

#include <algorithm>

namespace emflow::train {

bool fitGaussianNb(const Dataset& data, const EncodedClasses& classes, double varSmoothing,
                   GaussianNBFit* fit, std::string* error) {
  const size_t n = data.nSamples, d = data.nFeatures, kCount = classes.classes.size();
  fit->nClasses = kCount;
  fit->nFeatures = d;
  fit->prior.assign(kCount, 0.0);
  fit->theta.assign(kCount * d, 0.0);
  fit->variance.assign(kCount * d, 0.0);

  // epsilon_ = var_smoothing * max over features of the variance of the whole column.
  double largestVariance = 0;
  for (size_t j = 0; j < d; ++j) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += data.x[i * d + j];
    const double mean = sum / static_cast<double>(n);
    double squares = 0;
    for (size_t i = 0; i < n; ++i) {
      const double diff = data.x[i * d + j] - mean;
      squares += diff * diff;
    }
    largestVariance = std::max(largestVariance, squares / static_cast<double>(n));
  }
  const double epsilon = varSmoothing * largestVariance;

  std::vector<double> counts(kCount, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const size_t k = static_cast<size_t>(classes.index[i]);
    counts[k] += 1;
    for (size_t j = 0; j < d; ++j) fit->theta[k * d + j] += data.x[i * d + j];
  }
  for (size_t k = 0; k < kCount; ++k)
    for (size_t j = 0; j < d; ++j) fit->theta[k * d + j] /= counts[k];
  for (size_t i = 0; i < n; ++i) {  // two passes, as numpy.var
    const size_t k = static_cast<size_t>(classes.index[i]);
    for (size_t j = 0; j < d; ++j) {
      const double diff = data.x[i * d + j] - fit->theta[k * d + j];
      fit->variance[k * d + j] += diff * diff;
    }
  }
  for (size_t k = 0; k < kCount; ++k) {
    fit->prior[k] = counts[k] / static_cast<double>(n);
    for (size_t j = 0; j < d; ++j) {
      double& var = fit->variance[k * d + j];
      var = var / counts[k] + epsilon;
      if (!(var > 0)) {
        *error = "feature " + std::to_string(j) + " has zero variance in class " +
                 std::to_string(classes.classes[k]) +
                 " and var_smoothing adds nothing (every feature is constant or "
                 "var_smoothing is 0)";
        return false;
      }
    }
  }
  return true;
}

}  // namespace emflow::train
