#include "naive_bayes_fit.h"

#include <algorithm>

namespace emflow::train {

bool fit_gaussian_nb(const Dataset& data, const EncodedClasses& classes, double var_smoothing,
                     GaussianNBFit* fit, std::string* error) {
  const size_t n = data.n_samples, d = data.n_features, k_count = classes.classes.size();
  fit->n_classes = k_count;
  fit->n_features = d;
  fit->prior.assign(k_count, 0.0);
  fit->theta.assign(k_count * d, 0.0);
  fit->variance.assign(k_count * d, 0.0);

  // epsilon_ = var_smoothing * max over features of the variance of the whole column.
  double largest_variance = 0;
  for (size_t j = 0; j < d; ++j) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) sum += data.X[i * d + j];
    const double mean = sum / static_cast<double>(n);
    double squares = 0;
    for (size_t i = 0; i < n; ++i) {
      const double diff = data.X[i * d + j] - mean;
      squares += diff * diff;
    }
    largest_variance = std::max(largest_variance, squares / static_cast<double>(n));
  }
  const double epsilon = var_smoothing * largest_variance;

  std::vector<double> counts(k_count, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const size_t k = static_cast<size_t>(classes.index[i]);
    counts[k] += 1;
    for (size_t j = 0; j < d; ++j) fit->theta[k * d + j] += data.X[i * d + j];
  }
  for (size_t k = 0; k < k_count; ++k)
    for (size_t j = 0; j < d; ++j) fit->theta[k * d + j] /= counts[k];
  for (size_t i = 0; i < n; ++i) {  // two passes, as numpy.var
    const size_t k = static_cast<size_t>(classes.index[i]);
    for (size_t j = 0; j < d; ++j) {
      const double diff = data.X[i * d + j] - fit->theta[k * d + j];
      fit->variance[k * d + j] += diff * diff;
    }
  }
  for (size_t k = 0; k < k_count; ++k) {
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
