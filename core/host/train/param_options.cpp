#include "param_options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace emflow::train {

namespace {

bool parseDouble(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtod(text.c_str(), &end);
  return *end == '\0' && errno != ERANGE && std::isfinite(*value);
}

bool parseUnsigned(const std::string& text, uint64_t* value) {
  if (text.empty() || text[0] == '-') return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtoull(text.c_str(), &end, 10);
  return *end == '\0' && errno != ERANGE;
}

bool isNone(const std::string& text) {
  return text == "none" || text == "None" || text == "null";
}

}  // namespace

const char* paramNames() {
  return "n_estimators, criterion, max_depth, min_samples_split, min_samples_leaf, "
         "min_weight_fraction_leaf, max_features, min_impurity_decrease, bootstrap, "
         "max_samples, random_state (seed), n_jobs, var_smoothing";
}

bool applyParam(const std::string& name, const std::string& value, TrainParams* params,
                std::string* error) {
  TreeParams& tree = params->tree;
  uint64_t count = 0;
  bool ok = true;
  if (name == "n_estimators") {
    ok = parseUnsigned(value, &count) && count >= 1 && count <= 0xFFFF;
    params->nEstimators = static_cast<size_t>(count);
  } else if (name == "criterion") {
    return parseCriterion(value, &tree.criterion, error);
  } else if (name == "max_depth") {
    if (isNone(value)) {
      tree.maxDepth = -1;
    } else {
      ok = parseUnsigned(value, &count) && count >= 1 && count < 0x7FFFFFFF;
      tree.maxDepth = static_cast<int>(count);
    }
  } else if (name == "min_samples_split") {
    return parseSampleCount(name, value, &tree.minSamplesSplit, error);
  } else if (name == "min_samples_leaf") {
    return parseSampleCount(name, value, &tree.minSamplesLeaf, error);
  } else if (name == "min_weight_fraction_leaf") {
    ok = parseDouble(value, &tree.minWeightFractionLeaf);
  } else if (name == "max_features") {
    return parseMaxFeatures(value, &tree.maxFeatures, error);
  } else if (name == "min_impurity_decrease") {
    ok = parseDouble(value, &tree.minImpurityDecrease);
  } else if (name == "bootstrap") {
    ok = value == "true" || value == "True" || value == "1" || value == "false" ||
         value == "False" || value == "0";
    params->bootstrap = value == "true" || value == "True" || value == "1";
  } else if (name == "max_samples") {
    params->hasMaxSamples = !isNone(value);
    if (params->hasMaxSamples) return parseSampleCount(name, value, &params->maxSamples, error);
  } else if (name == "random_state" || name == "seed") {
    ok = parseUnsigned(value, &count);
    params->randomState = count;
  } else if (name == "n_jobs") {
    if (!value.empty() && value[0] == '-') {
      ok = value == "-1";
      params->nJobs = -1;
    } else {
      ok = parseUnsigned(value, &count) && count >= 1 && count <= 256;
      params->nJobs = static_cast<int>(count);
    }
  } else if (name == "var_smoothing") {
    ok = parseDouble(value, &params->varSmoothing) && params->varSmoothing >= 0;
  } else {
    *error = "unknown parameter '" + name + "' (known: " + paramNames() + ")";
    return false;
  }
  if (!ok) *error = "bad value '" + value + "' for " + name;
  return ok;
}

}  // namespace emflow::train
