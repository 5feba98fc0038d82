// The trainers end to end: data in, a blob out that the inference engine loads and that
// predicts what was learned; determinism; clear errors for bad data and parameters.
#include <gtest/gtest.h>

#include <cmath>

#include "host/train/evaluation.h"
#include "host/train/random.h"
#include "host/train/trainer.h"
#include "ml/model.h"

namespace {

using emflow::train::Algorithm;
using emflow::train::Dataset;
using emflow::train::Task;
using emflow::train::TrainParams;
using emflow::train::TrainResult;

// Three Gaussian blobs in 4 dimensions (class k centred at 3k on the first two features;
// the last two features are noise), generated with the trainers' own PRNG.
Dataset blobs(size_t perClass, uint64_t seed) {
  emflow::train::Random random(seed);
  Dataset data;
  data.nFeatures = 4;
  for (size_t k = 0; k < 3; ++k) {
    for (size_t i = 0; i < perClass; ++i) {
      for (size_t j = 0; j < 4; ++j) {
        const double noise = random.uniform() + random.uniform() - 1.0;
        data.x.push_back((j < 2 ? 3.0 * static_cast<double>(k) : 0.0) + noise);
      }
      data.y.push_back(static_cast<double>(k) * 10);  // labels 0, 10, 20
      ++data.nSamples;
    }
  }
  return data;
}

// y = 2 x0 - x1 on a grid (regression).
Dataset plane() {
  Dataset data;
  data.nFeatures = 2;
  for (int a = 0; a < 20; ++a) {
    for (int b = 0; b < 20; ++b) {
      data.x.push_back(a);
      data.x.push_back(b);
      data.y.push_back(2.0 * a - b);
      ++data.nSamples;
    }
  }
  return data;
}

double score(const TrainResult& result, const Dataset& data, bool classifier) {
  double value = -1;
  std::string error;
  EXPECT_TRUE(
      emflow::train::scoreModel(result.blob, data, classifier, result.classes, &value, &error))
      << error;
  return value;
}

TrainResult fit(Algorithm algorithm, Task task, const Dataset& data, size_t trees = 10,
                uint64_t seed = 0) {
  TrainParams params = emflow::train::defaultParams(algorithm, task);
  params.nEstimators = trees;
  params.randomState = seed;
  return emflow::train::trainModel(data, params);
}

TEST(Trainer, EveryClassifierLearnsSeparableBlobsAndTheEngineLoadsIt) {
  const Dataset train = blobs(40, 1), test = blobs(40, 2);
  for (Algorithm algorithm : {Algorithm::kDecisionTree, Algorithm::kRandomForest,
                              Algorithm::kExtraTrees, Algorithm::kGaussianNB}) {
    const TrainResult result = fit(algorithm, Task::kClassification, train);
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.classes, (std::vector<double>{0, 10, 20}));
    emflow::Model model;
    ASSERT_EQ(emflow::modelOpen(&model, result.blob.data(), result.blob.size(), emflow::kMemoryRam),
              emflow::kOk);
    EXPECT_EQ(model.blob.nOutputs, 3);
    EXPECT_EQ(model.blob.nFeatures, 4);
    EXPECT_GE(score(result, test, true), 0.95) << static_cast<int>(algorithm);
  }
}

TEST(Trainer, UnprunedTreeFitsItsTrainingDataExactly) {
  const Dataset train = blobs(30, 3);
  const TrainResult result = fit(Algorithm::kDecisionTree, Task::kClassification, train);
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(score(result, train, true), 1.0);
}

TEST(Trainer, RegressorsFitAPlane) {
  const Dataset data = plane();
  for (Algorithm algorithm :
       {Algorithm::kDecisionTree, Algorithm::kRandomForest, Algorithm::kExtraTrees}) {
    const TrainResult result = fit(algorithm, Task::kRegression, data);
    ASSERT_TRUE(result.ok) << result.error;
    emflow::Model model;
    ASSERT_EQ(emflow::modelOpen(&model, result.blob.data(), result.blob.size(), emflow::kMemoryRam),
              emflow::kOk);
    EXPECT_EQ(model.blob.kind, emflow::kModelTreeRegressor);
    EXPECT_GT(score(result, data, false), 0.98);
  }
  // A single unpruned tree reproduces every training target (all rows are distinct).
  const TrainResult tree = fit(Algorithm::kDecisionTree, Task::kRegression, data);
  EXPECT_DOUBLE_EQ(score(tree, data, false), 1.0);
}

TEST(Trainer, MaxDepthLimitsTheTree) {
  const Dataset data = plane();
  TrainParams params = emflow::train::defaultParams(Algorithm::kDecisionTree, Task::kRegression);
  params.tree.maxDepth = 1;  // a stump: one decision node, two leaves
  const TrainResult stump = emflow::train::trainModel(data, params);
  ASSERT_TRUE(stump.ok);
  emflow::Model model;
  ASSERT_EQ(emflow::modelOpen(&model, stump.blob.data(), stump.blob.size(), emflow::kMemoryRam),
            emflow::kOk);
  EXPECT_EQ(model.state.trees.nNodes, 1u);
  EXPECT_EQ(model.state.trees.nLeaves, 2u);
}

TEST(Trainer, ConstantTargetGivesASingleLeaf) {
  Dataset data = plane();
  for (double& y : data.y) y = 4.5;
  const TrainResult result = fit(Algorithm::kRandomForest, Task::kRegression, data, 3);
  ASSERT_TRUE(result.ok);
  emflow::Model model;
  ASSERT_EQ(emflow::modelOpen(&model, result.blob.data(), result.blob.size(), emflow::kMemoryRam),
            emflow::kOk);
  EXPECT_EQ(model.state.trees.nNodes, 0u);
  EXPECT_EQ(model.state.trees.nLeaves, 1u);  // shared by the three trees
}

TEST(Trainer, SameSeedSameBytesOtherSeedOtherBytes) {
  const Dataset data = blobs(30, 4);
  for (Algorithm algorithm : {Algorithm::kRandomForest, Algorithm::kExtraTrees}) {
    const TrainResult a = fit(algorithm, Task::kClassification, data, 8, 42);
    const TrainResult b = fit(algorithm, Task::kClassification, data, 8, 42);
    const TrainResult c = fit(algorithm, Task::kClassification, data, 8, 43);
    EXPECT_EQ(a.blob, b.blob);
    EXPECT_NE(a.blob, c.blob);
  }
}

TEST(Trainer, ProgressIsReportedPerTree) {
  TrainParams params =
      emflow::train::defaultParams(Algorithm::kRandomForest, Task::kClassification);
  params.nEstimators = 5;
  std::vector<size_t> seen;
  const TrainResult result =
      emflow::train::trainModel(blobs(10, 5), params, [&](size_t done, size_t total) {
        EXPECT_EQ(total, 5u);
        seen.push_back(done);
      });
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(seen, (std::vector<size_t>{1, 2, 3, 4, 5}));
}

std::string errorOf(const Dataset& data, Task task = Task::kClassification,
                    Algorithm algorithm = Algorithm::kDecisionTree) {
  const TrainResult result = fit(algorithm, task, data);
  EXPECT_FALSE(result.ok);
  return result.error;
}

TEST(TrainerErrors, BadDataIsRefusedWithItsLocation) {
  Dataset nan = blobs(5, 6);
  nan.x[2 * 4 + 3] = std::nan("");
  EXPECT_EQ(errorOf(nan), "row 2, column 3: feature is NaN (training needs finite numbers)");
  Dataset infTarget = plane();
  infTarget.y[7] = INFINITY;
  EXPECT_EQ(errorOf(infTarget, Task::kRegression), "row 7: target is +inf");
  Dataset shape = blobs(5, 6);
  shape.x.pop_back();
  EXPECT_NE(errorOf(shape).find("X holds 59 values, expected n_samples x n_features"),
            std::string::npos);
  Dataset shortY = blobs(5, 6);
  shortY.y.pop_back();
  EXPECT_EQ(errorOf(shortY), "y holds 14 values but X has 15 rows");
  Dataset oneClass = blobs(5, 6);
  for (double& y : oneClass.y) y = 1;
  EXPECT_NE(errorOf(oneClass).find("single class"), std::string::npos);
  EXPECT_EQ(errorOf(Dataset()), "the dataset is empty (0 rows)");
  Dataset constant = blobs(5, 6);
  for (double& x : constant.x) x = 1;
  EXPECT_NE(errorOf(constant, Task::kClassification, Algorithm::kGaussianNB).find("zero variance"),
            std::string::npos);
}

TEST(TrainerErrors, BadParametersAreRefused) {
  const Dataset data = blobs(5, 7);
  TrainParams params =
      emflow::train::defaultParams(Algorithm::kRandomForest, Task::kClassification);
  params.tree.maxFeatures = {emflow::train::MaxFeatures::kCount, 5};
  EXPECT_EQ(emflow::train::trainModel(data, params).error,
            "max_features=5 must be in 1..n_features (4)");
  params = emflow::train::defaultParams(Algorithm::kRandomForest, Task::kClassification);
  params.tree.criterion = emflow::train::Criterion::kSquaredError;
  EXPECT_NE(emflow::train::trainModel(data, params).error.find("criterion"), std::string::npos);
  params = emflow::train::defaultParams(Algorithm::kExtraTrees, Task::kClassification);
  params.hasMaxSamples = true;
  EXPECT_EQ(emflow::train::trainModel(data, params).error, "max_samples needs bootstrap=True");
  params = emflow::train::defaultParams(Algorithm::kDecisionTree, Task::kClassification);
  params.tree.minSamplesSplit = {1, false};
  EXPECT_NE(emflow::train::trainModel(data, params).error.find("min_samples_split"),
            std::string::npos);
}

}  // namespace

namespace {

TEST(TrainerErrors, ValuesBeyondFloat32AreRefusedNotWrittenAsABrokenBlob) {
  Dataset data = plane();
  for (double& y : data.y) y *= 1e300;  // leaf means overflow float32
  const TrainResult result = fit(Algorithm::kDecisionTree, Task::kRegression, data);
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("beyond float32"), std::string::npos) << result.error;
  EXPECT_TRUE(result.blob.empty());
}

}  // namespace
