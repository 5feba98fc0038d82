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
  bool randomSplits = false;               // ExtraTrees' splitter="random"
  int maxDepth = -1;                       // -1: None (grow until pure)
  SampleCount minSamplesSplit = {2, false};
  SampleCount minSamplesLeaf = {1, false};
  double minWeightFractionLeaf = 0;
  MaxFeatures maxFeatures;
  double minImpurityDecrease = 0;
};

struct TrainParams {
  Algorithm algorithm = Algorithm::kDecisionTree;
  Task task = Task::kClassification;
  TreeParams tree;
  size_t nEstimators = 100;
  bool bootstrap = false;      // true for RandomForest by default
  bool hasMaxSamples = false;  // max_samples=None unless set
  SampleCount maxSamples = {1.0, true};
  uint64_t randomState = 0;
  // Threads fitting the trees of a forest (scikit-learn's n_jobs; -1: every core). Every tree
  // has its own random stream, so the model's bytes do not depend on it.
  int nJobs = 1;
  double varSmoothing = 1e-9;  // GaussianNB
};

// scikit-learn's defaults for an estimator (criterion, max_features, bootstrap, ...).
TrainParams defaultParams(Algorithm algorithm, Task task);

// Parses names as scikit-learn spells them; false (and an error message) for unknown names.
bool parseAlgorithm(const std::string& text, Algorithm* algorithm, Task* task, bool* taskGiven,
                    std::string* error);
bool parseCriterion(const std::string& text, Criterion* criterion, std::string* error);
bool parseMaxFeatures(const std::string& text, MaxFeatures* maxFeatures, std::string* error);
bool parseSampleCount(const std::string& name, const std::string& text, SampleCount* count,
                      std::string* error);

// The scikit-learn class name for an algorithm and task ("RandomForestClassifier").
std::string estimatorName(Algorithm algorithm, Task task);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_PARAMS_H
