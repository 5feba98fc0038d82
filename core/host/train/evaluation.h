// Held-out evaluation of a trained model through the inference engine itself (core/ml), so
// the score printed by `emflow train` is what the blob predicts on a device.
#ifndef EMFLOW_HOST_TRAIN_EVALUATION_H
#define EMFLOW_HOST_TRAIN_EVALUATION_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dataset.h"

namespace emflow::train {

struct HoldOut {
  std::vector<size_t> train;  // row indices, in file order
  std::vector<size_t> test;
};

// Shuffles the rows with the trainers' PRNG (seed) and keeps the last ceil(test_size * n) as
// the test set (as scikit-learn's train_test_split rounds: test up, train the rest).
HoldOut holdOutSplit(size_t nSamples, double testSize, uint64_t seed);

// Accuracy (classification: predicted label == y, labels mapped through `classes`) or the
// coefficient of determination R^2 (regression) of the model on `data`.
bool scoreModel(const std::vector<uint8_t>& blob, const Dataset& data, bool classifier,
                const std::vector<double>& classes, double* score, std::string* error);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_EVALUATION_H
