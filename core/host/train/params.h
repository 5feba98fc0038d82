// Hyperparameters of the trainers, named and defaulted as in scikit-learn 1.2
// (DecisionTree*, RandomForest*, ExtraTrees*, GaussianNB). docs/train.md lists the differences.
#ifndef EMFLOW_HOST_TRAIN_PARAMS_H
#define EMFLOW_HOST_TRAIN_PARAMS_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace emflow::train {

enum class Task { kClassification, kRegression };
enum class Algorithm { kDecisionTree, kRandomForest, kExtraTrees, kGaussianNB };
enum class Criterion { kGini, kEntropy, kSquaredError };

// An integer count, or (fraction = true) a fraction of the samples as scikit-learn accepts
// for min_samples_split / min_samples_leaf / max_samples.
struct SampleCount {
  double value;
  bool fraction;
};

// max_features: None (all), "sqrt", "log2", an int, or a float fraction of n_features.
struct MaxFeatures {
  enum Mode { kAll, kSqrt, kLog2, kCount, kFraction } mode = kAll;
  double value = 0;
};

struct TreeParams {
  Criterion criterion = Criterion::kGini;  // squared_error for regressors
  bool random_splits = false;              // ExtraTrees' splitter="random"
  int max_depth = -1;                      // -1: None (grow until pure)
  SampleCount min_samples_split = {2, false};
  SampleCount min_samples_leaf = {1, false};
  double min_weight_fraction_leaf = 0;
  MaxFeatures max_features;
  double min_impurity_decrease = 0;
};

struct TrainParams {
  Algorithm algorithm = Algorithm::kDecisionTree;
  Task task = Task::kClassification;
  TreeParams tree;
  size_t n_estimators = 100;
  bool bootstrap = false;        // true for RandomForest by default
  bool has_max_samples = false;  // max_samples=None unless set
  SampleCount max_samples = {1.0, true};
  uint64_t random_state = 0;
  double var_smoothing = 1e-9;  // GaussianNB
};

// scikit-learn's defaults for an estimator (criterion, max_features, bootstrap, ...).
TrainParams default_params(Algorithm algorithm, Task task);

// Parses names as scikit-learn spells them; false (and an error message) for unknown names.
bool parse_algorithm(const std::string& text, Algorithm* algorithm, Task* task, bool* task_given,
                     std::string* error);
bool parse_criterion(const std::string& text, Criterion* criterion, std::string* error);
bool parse_max_features(const std::string& text, MaxFeatures* max_features, std::string* error);
bool parse_sample_count(const std::string& name, const std::string& text, SampleCount* count,
                        std::string* error);

// The scikit-learn class name for an algorithm and task ("RandomForestClassifier").
std::string estimator_name(Algorithm algorithm, Task task);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_PARAMS_H
