// The trainers' entry point: checked data and parameters in, a binary model blob out. Used by
// `emflow train`, the WebAssembly binding (wasm/bindings_train.cpp) and the tests.
//
//   emflow::train::Dataset data = ...;
//   auto params = emflow::train::defaultParams(Algorithm::kRandomForest, Task::kClassification);
//   params.n_estimators = 50; params.random_state = 1;
//   emflow::train::TrainResult r = emflow::train::trainModel(data, params);
//   if (!r.ok) report(r.error); else save(r.blob);
#ifndef EMFLOW_HOST_TRAIN_TRAINER_H
#define EMFLOW_HOST_TRAIN_TRAINER_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dataset.h"
#include "params.h"

namespace emflow::train {

// Called after each tree of a forest (done of total); GaussianNB and single trees report
// (1, 1) at the end.
using Progress = std::function<void(size_t done, size_t total)>;

struct TrainResult {
  bool ok = false;
  std::string error;            // set when !ok
  std::vector<uint8_t> blob;    // the model (docs/model-format.md)
  std::vector<double> classes;  // classification: the label of each class index
};

// Checks hyperparameters against scikit-learn's accepted ranges for this data shape.
bool checkParams(const TrainParams& params, size_t nSamples, size_t nFeatures, std::string* error);

TrainResult trainModel(const Dataset& data, const TrainParams& params,
                       const Progress& progress = Progress());

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_TRAINER_H
