#include "evaluation.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "ml/model.h"
#include "random.h"

namespace emflow::train {

HoldOut holdOutSplit(size_t nSamples, double testSize, uint64_t seed) {
  std::vector<size_t> order(nSamples);
  for (size_t i = 0; i < nSamples; ++i) order[i] = i;
  Random random(seed, 0);                // stream 0: trees use streams 1..n_estimators
  for (size_t i = nSamples; i > 1; --i)  // Fisher-Yates
    std::swap(order[i - 1], order[random.below(static_cast<uint32_t>(i))]);
  size_t nTest = static_cast<size_t>(std::ceil(testSize * static_cast<double>(nSamples)));
  if (nTest > nSamples) nTest = nSamples;
  HoldOut split;
  split.train.assign(order.begin(), order.end() - static_cast<ptrdiff_t>(nTest));
  split.test.assign(order.end() - static_cast<ptrdiff_t>(nTest), order.end());
  // Back in file order: a fit on all rows (test_size 0) then sees the rows exactly as the
  // Python and WebAssembly APIs pass them, so the same seed gives the same model.
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.test.begin(), split.test.end());
  return split;
}

bool scoreModel(const std::vector<uint8_t>& blob, const Dataset& data, bool classifier,
                const std::vector<double>& classes, double* score, std::string* error) {
  Model model;
  Status status = modelOpen(&model, blob.data(), blob.size(), kMemoryRam);
  if (status != kOk) {
    *error = std::string("the trained model does not load: ") + emflow_status_name(status);
    return false;
  }
  const size_t d = data.nFeatures;
  std::vector<float> x(d);
  std::vector<float> outputs(model.blob.nOutputs);
  double correct = 0, residual = 0, mean = 0;
  for (double y : data.y) mean += y;
  mean /= static_cast<double>(data.nSamples);
  double total = 0;
  for (size_t i = 0; i < data.nSamples; ++i) {
    for (size_t j = 0; j < d; ++j) x[j] = static_cast<float>(data.x[i * d + j]);
    int32_t label = 0;
    status = modelPredict(&model, x.data(), d, outputs.data(), outputs.size(), &label);
    if (status != kOk) {
      *error = "row " + std::to_string(i) + ": " + emflow_status_name(status);
      return false;
    }
    const double y = data.y[i];
    if (classifier) {
      correct += classes[static_cast<size_t>(label)] == y ? 1 : 0;
    } else {
      residual += (y - outputs[0]) * (y - outputs[0]);
      total += (y - mean) * (y - mean);
    }
  }
  if (classifier)
    *score = correct / static_cast<double>(data.nSamples);
  else
    *score = total > 0 ? 1.0 - residual / total : (residual == 0 ? 1.0 : 0.0);
  return true;
}

}  // namespace emflow::train
