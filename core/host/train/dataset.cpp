#include "dataset.h"

#include <algorithm>
#include <cmath>

namespace emflow::train {

namespace {

std::string describe(double value) {
  if (std::isnan(value)) return "NaN";
  return value > 0 ? "+inf" : "-inf";
}

}  // namespace

bool check_dataset(const Dataset& data, Task task, std::string* error) {
  if (data.n_samples == 0) {
    *error = "the dataset is empty (0 rows)";
    return false;
  }
  if (data.n_features == 0) {
    *error = "the dataset has no feature columns";
    return false;
  }
  if (data.n_features > 0xFFFF) {
    *error = "too many features (" + std::to_string(data.n_features) + ", at most 65535)";
    return false;
  }
  if (data.X.size() != data.n_samples * data.n_features) {
    *error = "X holds " + std::to_string(data.X.size()) + " values, expected n_samples x " +
             "n_features = " + std::to_string(data.n_samples) + " x " +
             std::to_string(data.n_features);
    return false;
  }
  if (data.y.size() != data.n_samples) {
    *error = "y holds " + std::to_string(data.y.size()) + " values but X has " +
             std::to_string(data.n_samples) + " rows";
    return false;
  }
  for (size_t i = 0; i < data.n_samples; ++i) {
    for (size_t j = 0; j < data.n_features; ++j) {
      const double v = data.X[i * data.n_features + j];
      if (!std::isfinite(v)) {
        *error = "row " + std::to_string(i) + ", column " + std::to_string(j) + ": feature is " +
                 describe(v) + " (training needs finite numbers)";
        return false;
      }
    }
    if (!std::isfinite(data.y[i])) {
      *error = "row " + std::to_string(i) + ": target is " + describe(data.y[i]);
      return false;
    }
  }
  if (task == Task::kClassification) {
    const size_t n_classes = encode_classes(data.y).classes.size();
    if (n_classes < 2) {
      *error = "the target has a single class (" + std::to_string(data.y[0]) +
               "); a classifier needs at least 2";
      return false;
    }
    if (n_classes > kMaxClasses) {
      *error = "the target has " + std::to_string(n_classes) + " classes (at most " +
               std::to_string(kMaxClasses) + "); is this a regression target?";
      return false;
    }
  }
  return true;
}

EncodedClasses encode_classes(const std::vector<double>& y) {
  EncodedClasses encoded;
  encoded.classes = y;
  std::sort(encoded.classes.begin(), encoded.classes.end());
  encoded.classes.erase(std::unique(encoded.classes.begin(), encoded.classes.end()),
                        encoded.classes.end());
  encoded.index.reserve(y.size());
  for (double label : y) {
    const auto at = std::lower_bound(encoded.classes.begin(), encoded.classes.end(), label);
    encoded.index.push_back(static_cast<int32_t>(at - encoded.classes.begin()));
  }
  return encoded;
}

Dataset select_rows(const Dataset& data, const std::vector<size_t>& rows) {
  Dataset out;
  out.n_samples = rows.size();
  out.n_features = data.n_features;
  out.X.reserve(rows.size() * data.n_features);
  out.y.reserve(rows.size());
  for (size_t row : rows) {
    const double* begin = data.X.data() + row * data.n_features;
    out.X.insert(out.X.end(), begin, begin + data.n_features);
    out.y.push_back(data.y[row]);
  }
  return out;
}

}  // namespace emflow::train
