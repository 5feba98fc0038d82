// GaussianNB fitting as scikit-learn 1.2 does it (a single fit call): per-class means and
// variances (float64, ddof 0), var_smoothing * the largest feature variance added to every
// variance, class priors from class frequencies.
#ifndef EMFLOW_HOST_TRAIN_NAIVE_BAYES_FIT_H
#define EMFLOW_HOST_TRAIN_NAIVE_BAYES_FIT_H

#include <cstddef>
#include <string>
#include <vector>

#include "dataset.h"

namespace emflow::train {

struct GaussianNBFit {
  size_t nClasses = 0;
  size_t nFeatures = 0;
  std::vector<double> prior;     // n_classes (class_prior_)
  std::vector<double> theta;     // n_classes x n_features (theta_)
  std::vector<double> variance;  // n_classes x n_features (var_, smoothing included)
};

// Fits on checked data with encoded classes. False with a message when no variance is left to
// divide by (every feature constant).
bool fitGaussianNb(const Dataset& data, const EncodedClasses& classes, double varSmoothing,
                   GaussianNBFit* fit, std::string* error);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_NAIVE_BAYES_FIT_H
