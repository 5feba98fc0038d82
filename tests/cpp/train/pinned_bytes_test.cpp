// Pins the bytes the trainers write for fixed data and seeds (FNV-1a hashes of the blobs), so
// that speed work on the tree builder (sorting, sample bookkeeping, threads) cannot change a
// fitted model: same data, same seed, same bytes as before, for every tree algorithm, with
// ties in the features (a grid) and without, for one thread and several.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "host/train/random.h"
#include "host/train/trainer.h"

namespace {

using emflow::train::Algorithm;
using emflow::train::Dataset;
using emflow::train::Task;
using emflow::train::TrainParams;

uint64_t fnv1a(const std::vector<uint8_t>& bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (uint8_t b : bytes) hash = (hash ^ b) * 1099511628211ull;
  return hash;
}

// 600 rows, 6 features: continuous values, or (grid) values on a coarse grid with many ties.
// Three classes from a noisy linear rule; the regression target is a noisy plane.
Dataset data(bool grid, bool regression) {
  emflow::train::Random random(7);
  Dataset d;
  d.nFeatures = 6;
  for (size_t i = 0; i < 600; ++i) {
    double s = 0;
    for (size_t j = 0; j < 6; ++j) {
      double v = random.uniform() * 4 - 2;
      if (grid) v = static_cast<double>(static_cast<int>(v * 3)) / 3;
      d.x.push_back(v);
      s += (j < 3 ? 1.0 : 0.25) * v * (j % 2 ? -1 : 1);
    }
    const double noise = random.uniform() - 0.5;
    d.y.push_back(regression ? 3 * s + noise : (s + noise < -0.5 ? 0 : s + noise < 0.5 ? 1 : 2));
    ++d.nSamples;
  }
  return d;
}

uint64_t fitHash(Algorithm algorithm, Task task, bool grid, size_t jobs) {
  TrainParams params = emflow::train::defaultParams(algorithm, task);
  params.nEstimators = 12;
  params.randomState = 5;
  params.nJobs = jobs;
  const auto result = emflow::train::trainModel(data(grid, task == Task::kRegression), params);
  EXPECT_TRUE(result.ok) << result.error;
  return fnv1a(result.blob);
}

struct Pinned {
  Algorithm algorithm;
  Task task;
  bool grid;
  uint64_t hash;
};

TEST(TrainerBytes, FittedModelsKeepTheirPinnedBytesOnOneThreadAndSeveral) {
  // Hashes of the bytes written before the builder's speed work (commit ab7ff64's builder).
  const Pinned cases[] = {
      {Algorithm::kDecisionTree, Task::kClassification, false, 0xe4f270e8cd89d0a1ull},
      {Algorithm::kDecisionTree, Task::kClassification, true, 0xa8c0ecba7a13e349ull},
      {Algorithm::kRandomForest, Task::kClassification, false, 0x1a4a78b52e5be057ull},
      {Algorithm::kRandomForest, Task::kClassification, true, 0x229e4be87e788d54ull},
      {Algorithm::kExtraTrees, Task::kClassification, true, 0xa925658b83510abaull},
      {Algorithm::kDecisionTree, Task::kRegression, true, 0x68e2472dbe7a3317ull},
      {Algorithm::kRandomForest, Task::kRegression, false, 0x7f47fb25aedb35f4ull},
      {Algorithm::kRandomForest, Task::kRegression, true, 0xaec3b94260922fe7ull},
      {Algorithm::kExtraTrees, Task::kRegression, true, 0x73b6651c17748495ull},
  };
  for (const Pinned& c : cases) {
    for (size_t jobs : {1, 2, 3}) {
      const uint64_t hash = fitHash(c.algorithm, c.task, c.grid, jobs);
      EXPECT_EQ(hash, c.hash) << "algorithm " << static_cast<int>(c.algorithm) << ", task "
                              << static_cast<int>(c.task) << ", grid " << c.grid << ", jobs "
                              << jobs << ": 0x" << std::hex << hash;
    }
  }
}

}  // namespace
