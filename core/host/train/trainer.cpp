#include "trainer.h"

#include <cmath>

#include "ml/model.h"
#include "model_writer.h"
#include "naive_bayes_fit.h"
#include "random.h"
#include "tree_builder.h"

namespace emflow::train {

namespace {

bool check_count(const char* name, const SampleCount& count, double minimum_int,
                 std::string* error) {
  if (count.fraction ? !(count.value > 0 && count.value <= 1) : count.value < minimum_int) {
    *error = std::string(name) + " must be an int >= " + std::to_string(int(minimum_int)) +
             " or a float in (0, 1]";
    return false;
  }
  return true;
}

// Bootstrap sample counts for one tree: `draws` indices drawn with replacement.
std::vector<double> bootstrap_weights(size_t n_samples, size_t draws, Random* random) {
  std::vector<double> counts(n_samples, 0.0);
  for (size_t i = 0; i < draws; ++i) counts[random->below(static_cast<uint32_t>(n_samples))] += 1;
  return counts;
}

size_t bootstrap_draws(const TrainParams& params, size_t n_samples) {
  if (!params.has_max_samples) return n_samples;
  if (!params.max_samples.fraction) return static_cast<size_t>(params.max_samples.value);
  // scikit-learn: max(round(n_samples * max_samples), 1), Python's round (half to even).
  const double scaled = std::nearbyint(static_cast<double>(n_samples) * params.max_samples.value);
  return std::max<size_t>(1, static_cast<size_t>(scaled));
}

TrainResult fit_trees(const Dataset& data, const TrainParams& params, const Progress& progress) {
  TrainResult result;
  const bool classifier = params.task == Task::kClassification;
  const size_t n = data.n_samples, d = data.n_features;
  std::vector<float> columns(n * d);  // float32, column-major, as scikit-learn's trees see X
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) columns[j * n + i] = static_cast<float>(data.X[i * d + j]);
  EncodedClasses classes;
  TreeData tree_data;
  tree_data.columns = columns.data();
  tree_data.n_samples = n;
  tree_data.n_features = d;
  if (classifier) {
    classes = encode_classes(data.y);
    tree_data.labels = classes.index.data();
    tree_data.n_classes = classes.classes.size();
    result.classes = classes.classes;
  } else {
    tree_data.targets = data.y.data();
  }
  const bool single = params.algorithm == Algorithm::kDecisionTree;
  const size_t n_trees = single ? 1 : params.n_estimators;
  const bool bootstrap = !single && params.bootstrap;
  const size_t draws = bootstrap_draws(params, n);
  std::vector<FittedTree> trees;
  trees.reserve(n_trees);
  for (size_t t = 0; t < n_trees; ++t) {
    // One independent stream per tree: tree t is the same whatever n_estimators is.
    Random random(params.random_state, t + 1);
    std::vector<double> weights;
    if (bootstrap) weights = bootstrap_weights(n, draws, &random);
    trees.push_back(build_tree(tree_data, params.tree, weights, &random));
    if (progress) progress(t + 1, n_trees);
  }
  result.blob = tree_ensemble_blob(trees, d, classifier);
  result.ok = true;
  return result;
}

TrainResult fit_naive_bayes(const Dataset& data, const TrainParams& params,
                            const Progress& progress) {
  TrainResult result;
  const EncodedClasses classes = encode_classes(data.y);
  GaussianNBFit fit;
  if (!fit_gaussian_nb(data, classes, params.var_smoothing, &fit, &result.error)) return result;
  result.blob = gaussian_nb_blob(fit);
  result.classes = classes.classes;
  result.ok = true;
  if (progress) progress(1, 1);
  return result;
}

}  // namespace

bool check_params(const TrainParams& params, size_t n_samples, size_t n_features,
                  std::string* error) {
  const bool forest =
      params.algorithm == Algorithm::kRandomForest || params.algorithm == Algorithm::kExtraTrees;
  if (params.algorithm == Algorithm::kGaussianNB) {
    if (params.task != Task::kClassification) {
      *error = "GaussianNB is a classifier (no regression)";
      return false;
    }
    if (!(params.var_smoothing >= 0) || !std::isfinite(params.var_smoothing)) {
      *error = "var_smoothing must be a finite number >= 0";
      return false;
    }
    return true;
  }
  const TreeParams& tree = params.tree;
  const bool regression_criterion = tree.criterion == Criterion::kSquaredError;
  if (regression_criterion != (params.task == Task::kRegression)) {
    *error = params.task == Task::kRegression
                 ? "criterion must be squared_error for a regressor"
                 : "criterion must be gini, entropy or log_loss for a classifier";
    return false;
  }
  if (forest && (params.n_estimators < 1 || params.n_estimators > 0xFFFF)) {
    *error = "n_estimators must be in 1..65535 (the model format holds at most 65535 trees)";
    return false;
  }
  if (tree.max_depth == 0 || tree.max_depth < -1) {
    *error = "max_depth must be an int >= 1 or None";
    return false;
  }
  if (!check_count("min_samples_split", tree.min_samples_split, 2, error) ||
      !check_count("min_samples_leaf", tree.min_samples_leaf, 1, error))
    return false;
  if (!(tree.min_weight_fraction_leaf >= 0 && tree.min_weight_fraction_leaf <= 0.5)) {
    *error = "min_weight_fraction_leaf must be in [0, 0.5]";
    return false;
  }
  if (!(tree.min_impurity_decrease >= 0) || !std::isfinite(tree.min_impurity_decrease)) {
    *error = "min_impurity_decrease must be a finite number >= 0";
    return false;
  }
  if (tree.max_features.mode == MaxFeatures::kCount &&
      (tree.max_features.value < 1 || tree.max_features.value > static_cast<double>(n_features))) {
    *error = "max_features=" + std::to_string(static_cast<long>(tree.max_features.value)) +
             " must be in 1..n_features (" + std::to_string(n_features) + ")";
    return false;
  }
  if (params.has_max_samples) {
    if (!params.bootstrap) {
      *error = "max_samples needs bootstrap=True";
      return false;
    }
    if (!check_count("max_samples", params.max_samples, 1, error)) return false;
    if (!params.max_samples.fraction && params.max_samples.value > static_cast<double>(n_samples)) {
      *error = "max_samples=" + std::to_string(static_cast<long>(params.max_samples.value)) +
               " is larger than the number of samples (" + std::to_string(n_samples) + ")";
      return false;
    }
  }
  if (n_samples > 0xFFFFFFFFu) {
    *error = "too many samples";
    return false;
  }
  return true;
}

TrainResult train_model(const Dataset& data, const TrainParams& params, const Progress& progress) {
  TrainResult result;
  if (!check_dataset(data, params.task, &result.error)) return result;
  if (!check_params(params, data.n_samples, data.n_features, &result.error)) return result;
  result = params.algorithm == Algorithm::kGaussianNB ? fit_naive_bayes(data, params, progress)
                                                      : fit_trees(data, params, progress);
  if (!result.ok) return result;
  // The engine must load what we hand out: values beyond float32 (huge targets, variances
  // that round to 0) would make an invalid blob.
  Model model;
  const Status status = model_open(&model, result.blob.data(), result.blob.size(), kMemoryRam);
  if (status != kOk) {
    result.ok = false;
    result.blob.clear();
    result.error = std::string("the fitted model does not fit the model format (") +
                   emflow_status_name(status) + "): are values beyond float32's range?";
  }
  return result;
}

}  // namespace emflow::train
