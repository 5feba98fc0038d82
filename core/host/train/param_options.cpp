#include "param_options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace emflow::train {

namespace {

bool parse_double(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtod(text.c_str(), &end);
  return *end == '\0' && errno != ERANGE && std::isfinite(*value);
}

bool parse_unsigned(const std::string& text, uint64_t* value) {
  if (text.empty() || text[0] == '-') return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtoull(text.c_str(), &end, 10);
  return *end == '\0' && errno != ERANGE;
}

bool is_none(const std::string& text) {
  return text == "none" || text == "None" || text == "null";
}

}  // namespace

const char* param_names() {
  return "n_estimators, criterion, max_depth, min_samples_split, min_samples_leaf, "
         "min_weight_fraction_leaf, max_features, min_impurity_decrease, bootstrap, "
         "max_samples, random_state (seed), var_smoothing";
}

bool apply_param(const std::string& name, const std::string& value, TrainParams* params,
                 std::string* error) {
  TreeParams& tree = params->tree;
  uint64_t count = 0;
  bool ok = true;
  if (name == "n_estimators") {
    ok = parse_unsigned(value, &count) && count >= 1 && count <= 0xFFFF;
    params->n_estimators = static_cast<size_t>(count);
  } else if (name == "criterion") {
    return parse_criterion(value, &tree.criterion, error);
  } else if (name == "max_depth") {
    if (is_none(value)) {
      tree.max_depth = -1;
    } else {
      ok = parse_unsigned(value, &count) && count >= 1 && count < 0x7FFFFFFF;
      tree.max_depth = static_cast<int>(count);
    }
  } else if (name == "min_samples_split") {
    return parse_sample_count(name, value, &tree.min_samples_split, error);
  } else if (name == "min_samples_leaf") {
    return parse_sample_count(name, value, &tree.min_samples_leaf, error);
  } else if (name == "min_weight_fraction_leaf") {
    ok = parse_double(value, &tree.min_weight_fraction_leaf);
  } else if (name == "max_features") {
    return parse_max_features(value, &tree.max_features, error);
  } else if (name == "min_impurity_decrease") {
    ok = parse_double(value, &tree.min_impurity_decrease);
  } else if (name == "bootstrap") {
    ok = value == "true" || value == "True" || value == "1" || value == "false" ||
         value == "False" || value == "0";
    params->bootstrap = value == "true" || value == "True" || value == "1";
  } else if (name == "max_samples") {
    params->has_max_samples = !is_none(value);
    if (params->has_max_samples)
      return parse_sample_count(name, value, &params->max_samples, error);
  } else if (name == "random_state" || name == "seed") {
    ok = parse_unsigned(value, &count);
    params->random_state = count;
  } else if (name == "var_smoothing") {
    ok = parse_double(value, &params->var_smoothing) && params->var_smoothing >= 0;
  } else {
    *error = "unknown parameter '" + name + "' (known: " + param_names() + ")";
    return false;
  }
  if (!ok) *error = "bad value '" + value + "' for " + name;
  return ok;
}

}  // namespace emflow::train
