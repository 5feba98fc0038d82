// A training set as the trainers take it: a dense matrix of features and one target per row,
// checked before any fitting so that bad data gets a clear error with its location.
#ifndef EMFLOW_HOST_TRAIN_DATASET_H
#define EMFLOW_HOST_TRAIN_DATASET_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "params.h"

namespace emflow::train {

struct Dataset {
  size_t nSamples = 0;
  size_t nFeatures = 0;
  std::vector<double> x;  // row-major, n_samples x n_features
  std::vector<double> y;  // n_samples targets (class labels for classification)
};

// Class labels encoded as indices 0..n_classes-1 in sorted label order (numpy.unique order,
// as scikit-learn's classes_).
struct EncodedClasses {
  std::vector<double> classes;  // label of each index
  std::vector<int32_t> index;   // per sample
};

// Largest number of classes a model may have (the engine's EMFLOW_TREES_MAX_OUTPUTS).
static const size_t kMaxClasses = 256;

// Checks shapes, emptiness and that every value is finite; for classification also that
// there are 2..kMaxClasses classes. On failure returns false with a message naming the row
// and column ("row 3, column 2: NaN"; rows and columns counted from 0).
bool checkDataset(const Dataset& data, Task task, std::string* error);

EncodedClasses encodeClasses(const std::vector<double>& y);

// A copy of rows `rows` of `data` (for held-out splits and cross-validation).
Dataset selectRows(const Dataset& data, const std::vector<size_t>& rows);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_DATASET_H
