#include "params.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace emflow::train {

namespace {

bool parseNumber(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtod(text.c_str(), &end);
  return *end == '\0' && errno != ERANGE && std::isfinite(*value);
}

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

}  // namespace

TrainParams defaultParams(Algorithm algorithm, Task task) {
  TrainParams params;
  params.algorithm = algorithm;
  params.task = task;
  const bool classifier = task == Task::kClassification;
  params.tree.criterion = classifier ? Criterion::kGini : Criterion::kSquaredError;
  switch (algorithm) {
    case Algorithm::kDecisionTree:
      params.nEstimators = 1;
      params.tree.maxFeatures.mode = MaxFeatures::kAll;
      break;
    case Algorithm::kRandomForest:
    case Algorithm::kExtraTrees:
      // scikit-learn 1.2: "sqrt" for classifiers, 1.0 (all features) for regressors.
      params.tree.maxFeatures.mode = classifier ? MaxFeatures::kSqrt : MaxFeatures::kAll;
      params.bootstrap = algorithm == Algorithm::kRandomForest;
      params.tree.randomSplits = algorithm == Algorithm::kExtraTrees;
      break;
    case Algorithm::kGaussianNB:
      params.nEstimators = 0;
      break;
  }
  return params;
}

bool parseAlgorithm(const std::string& text, Algorithm* algorithm, Task* task, bool* taskGiven,
                    std::string* error) {
  std::string name = lower(text);
  for (char& c : name)
    if (c == '-') c = '_';
  *taskGiven = false;
  struct Entry {
    const char* name;
    Algorithm algorithm;
    int task;  // -1: not implied by the name
  };
  static const Entry kEntries[] = {
      {"decision_tree", Algorithm::kDecisionTree, -1},
      {"decisiontreeclassifier", Algorithm::kDecisionTree, 0},
      {"decisiontreeregressor", Algorithm::kDecisionTree, 1},
      {"random_forest", Algorithm::kRandomForest, -1},
      {"randomforestclassifier", Algorithm::kRandomForest, 0},
      {"randomforestregressor", Algorithm::kRandomForest, 1},
      {"extra_trees", Algorithm::kExtraTrees, -1},
      {"extratreesclassifier", Algorithm::kExtraTrees, 0},
      {"extratreesregressor", Algorithm::kExtraTrees, 1},
      {"gaussian_nb", Algorithm::kGaussianNB, 0},
      {"gaussiannb", Algorithm::kGaussianNB, 0},
  };
  for (const Entry& entry : kEntries) {
    if (name != entry.name) continue;
    *algorithm = entry.algorithm;
    if (entry.task >= 0) {
      *task = entry.task == 0 ? Task::kClassification : Task::kRegression;
      *taskGiven = true;
    }
    return true;
  }
  *error = "unknown model '" + text +
           "' (decision_tree, random_forest, extra_trees, gaussian_nb, or a scikit-learn class "
           "name such as RandomForestRegressor)";
  return false;
}

bool parseCriterion(const std::string& text, Criterion* criterion, std::string* error) {
  const std::string name = lower(text);
  if (name == "gini") {
    *criterion = Criterion::kGini;
  } else if (name == "entropy" || name == "log_loss") {
    *criterion = Criterion::kEntropy;  // scikit-learn treats log_loss as entropy for trees
  } else if (name == "squared_error") {
    *criterion = Criterion::kSquaredError;
  } else {
    *error = "unknown criterion '" + text + "' (gini, entropy, log_loss, squared_error)";
    return false;
  }
  return true;
}

bool parseMaxFeatures(const std::string& text, MaxFeatures* maxFeatures, std::string* error) {
  const std::string name = lower(text);
  double value = 0;
  if (name == "none" || name == "all") {
    maxFeatures->mode = MaxFeatures::kAll;
  } else if (name == "sqrt" || name == "auto") {
    maxFeatures->mode = MaxFeatures::kSqrt;
  } else if (name == "log2") {
    maxFeatures->mode = MaxFeatures::kLog2;
  } else if (parseNumber(text, &value) && value > 0) {
    // As scikit-learn: an integral number without a decimal point is a count, otherwise a
    // fraction in (0, 1].
    const bool integral = text.find_first_of(".eE") == std::string::npos;
    if (integral) {
      maxFeatures->mode = MaxFeatures::kCount;
    } else if (value <= 1.0) {
      maxFeatures->mode = MaxFeatures::kFraction;
    } else {
      *error = "max_features=" + text + ": a float must be in (0, 1]";
      return false;
    }
    maxFeatures->value = value;
  } else {
    *error = "max_features=" + text + ": expected sqrt, log2, none, an int >= 1 or a float";
    return false;
  }
  return true;
}

bool parseSampleCount(const std::string& name, const std::string& text, SampleCount* count,
                      std::string* error) {
  double value = 0;
  if (!parseNumber(text, &value) || value <= 0) {
    *error = name + "=" + text + ": expected an int >= 1 or a float in (0, 1]";
    return false;
  }
  const bool integral = text.find_first_of(".eE") == std::string::npos;
  if (integral) {
    *count = {value, false};
  } else if (value <= 1.0) {
    *count = {value, true};
  } else {
    *error = name + "=" + text + ": a float must be in (0, 1]";
    return false;
  }
  return true;
}

std::string estimatorName(Algorithm algorithm, Task task) {
  const char* suffix = task == Task::kClassification ? "Classifier" : "Regressor";
  switch (algorithm) {
    case Algorithm::kDecisionTree:
      return std::string("DecisionTree") + suffix;
    case Algorithm::kRandomForest:
      return std::string("RandomForest") + suffix;
    case Algorithm::kExtraTrees:
      return std::string("ExtraTrees") + suffix;
    case Algorithm::kGaussianNB:
      return "GaussianNB";
  }
  return "?";
}

}  // namespace emflow::train
