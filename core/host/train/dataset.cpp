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

bool checkDataset(const Dataset& data, Task task, std::string* error) {
  if (data.nSamples == 0) {
    *error = "the dataset is empty (0 rows)";
    return false;
  }
  if (data.nFeatures == 0) {
    *error = "the dataset has no feature columns";
    return false;
  }
  if (data.nFeatures > 0xFFFF) {
    *error = "too many features (" + std::to_string(data.nFeatures) + ", at most 65535)";
    return false;
  }
  if (data.x.size() != data.nSamples * data.nFeatures) {
    *error = "X holds " + std::to_string(data.x.size()) + " values, expected n_samples x " +
             "n_features = " + std::to_string(data.nSamples) + " x " +
             std::to_string(data.nFeatures);
    return false;
  }
  if (data.y.size() != data.nSamples) {
    *error = "y holds " + std::to_string(data.y.size()) + " values but X has " +
             std::to_string(data.nSamples) + " rows";
    return false;
  }
  for (size_t i = 0; i < data.nSamples; ++i) {
    for (size_t j = 0; j < data.nFeatures; ++j) {
      const double v = data.x[i * data.nFeatures + j];
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
    const size_t nClasses = encodeClasses(data.y).classes.size();
    if (nClasses < 2) {
      *error = "the target has a single class (" + std::to_string(data.y[0]) +
               "); a classifier needs at least 2";
      return false;
    }
    if (nClasses > kMaxClasses) {
      *error = "the target has " + std::to_string(nClasses) + " classes (at most " +
               std::to_string(kMaxClasses) + "); is this a regression target?";
      return false;
    }
  }
  return true;
}

EncodedClasses encodeClasses(const std::vector<double>& y) {
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

Dataset selectRows(const Dataset& data, const std::vector<size_t>& rows) {
  Dataset out;
  out.nSamples = rows.size();
  out.nFeatures = data.nFeatures;
  out.x.reserve(rows.size() * data.nFeatures);
  out.y.reserve(rows.size());
  for (size_t row : rows) {
    const double* begin = data.x.data() + row * data.nFeatures;
    out.x.insert(out.x.end(), begin, begin + data.nFeatures);
    out.y.push_back(data.y[row]);
  }
  return out;
}

}  // namespace emflow::train
