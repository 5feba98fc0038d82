// Pieces of the trainers: the PRNG, threshold rounding, max_features, CSV reading.
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <fstream>

#include "host/train/csv_dataset.h"
#include "host/train/evaluation.h"
#include "host/train/model_writer.h"
#include "host/train/random.h"
#include "host/train/tree_builder.h"

namespace {

namespace train = emflow::train;

TEST(Random, PinnedStreamSoEveryPlatformDrawsTheSame) {
  // PCG32 reference values for seed 42, stream 54 (the PCG paper's demo: 0xa15c02b7 ...).
  train::Random random(42, 54);
  EXPECT_EQ(random.nextU32(), 0xa15c02b7u);
  EXPECT_EQ(random.nextU32(), 0x7b47f409u);
  EXPECT_EQ(random.nextU32(), 0xba1d3330u);
}

TEST(Random, BoundedDrawsStayInRangeAndCoverIt) {
  train::Random random(7);
  std::vector<int> seen(10, 0);
  for (int i = 0; i < 10000; ++i) {
    const uint32_t v = random.between(5, 15);
    ASSERT_GE(v, 5u);
    ASSERT_LT(v, 15u);
    ++seen[v - 5];
  }
  for (int count : seen) EXPECT_GT(count, 800);
  for (int i = 0; i < 1000; ++i) {
    const double u = random.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

TEST(ModelWriter, FloatFloorKeepsEveryFloat32DecisionExact) {
  const double thresholds[] = {0.1, -0.1, 2.45, 1e-300, -1e-300, 755.0, 3.4e38};
  for (double t : thresholds) {
    const float f = train::floatFloor(t);
    EXPECT_LE(static_cast<double>(f), t);
    const float above = std::nextafter(f, INFINITY);
    if (t < FLT_MAX && t > -FLT_MAX) {
      EXPECT_GT(static_cast<double>(above), t) << t;
    }
  }
  EXPECT_EQ(train::floatFloor(1e40), FLT_MAX);  // clamped as blob.f32_floor in Python
  EXPECT_EQ(train::floatFloor(-1e40), -FLT_MAX);
}

TEST(TreeBuilder, MaxFeaturesResolvesAsScikitLearn) {
  using MF = train::MaxFeatures;
  EXPECT_EQ(train::resolveMaxFeatures({MF::kAll, 0}, 20), 20u);
  EXPECT_EQ(train::resolveMaxFeatures({MF::kSqrt, 0}, 20), 4u);
  EXPECT_EQ(train::resolveMaxFeatures({MF::kLog2, 0}, 20), 4u);
  EXPECT_EQ(train::resolveMaxFeatures({MF::kSqrt, 0}, 1), 1u);
  EXPECT_EQ(train::resolveMaxFeatures({MF::kFraction, 0.3}, 20), 6u);
  EXPECT_EQ(train::resolveMaxFeatures({MF::kFraction, 0.01}, 20), 1u);
  EXPECT_EQ(train::resolveMaxFeatures({MF::kCount, 7}, 20), 7u);
}

TEST(TreeBuilder, ThresholdIsTheMidpointOfAdjacentValues) {
  const float columns[] = {1.0f, 2.0f, 4.0f, 8.0f};
  const int32_t labels[] = {0, 0, 1, 1};
  train::TreeData data;
  data.columns = columns;
  data.nSamples = 4;
  data.nFeatures = 1;
  data.labels = labels;
  data.nClasses = 2;
  train::Random random(0);
  const train::FittedTree tree = train::buildTree(data, train::TreeParams(), {}, &random);
  ASSERT_EQ(tree.nodes.size(), 3u);
  EXPECT_EQ(tree.nodes[0].feature, 0);
  EXPECT_EQ(tree.nodes[0].threshold, 3.0);
  EXPECT_EQ(tree.nodes[0].left, 1);
  EXPECT_EQ(tree.nodes[0].right, 2);
  EXPECT_EQ(tree.values, (std::vector<double>{2, 0, 0, 2}));  // class counts per leaf
}

TEST(HoldOut, SplitIsAShuffledPartitionWithTheTestPartRoundedUp) {
  const train::HoldOut split = train::holdOutSplit(11, 0.2, 3);
  EXPECT_EQ(split.test.size(), 3u);
  EXPECT_EQ(split.train.size(), 8u);
  std::vector<size_t> all = split.train;
  all.insert(all.end(), split.test.begin(), split.test.end());
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], i);
}

std::string writeTemp(const std::string& name, const std::string& text) {
  const std::string path = std::string(EMFLOW_BINARY_DIR) + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(CsvDataset, HeaderTextLabelsAndTargetByName) {
  const std::string path =
      writeTemp("train_labels.csv", "kind,a,b\ncat,1,2\ndog,3,4\r\n\ncat,5,6.5\n");
  train::CsvDataset csv;
  std::string error;
  ASSERT_TRUE(train::readCsvDataset(path, "kind", &csv, &error)) << error;
  EXPECT_EQ(csv.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(csv.targetIsText);
  EXPECT_EQ(csv.labelNames, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(csv.data.y, (std::vector<double>{0, 1, 0}));
  EXPECT_EQ(csv.data.x, (std::vector<double>{1, 2, 3, 4, 5, 6.5}));
}

TEST(CsvDataset, ErrorsNameFileLineAndColumn) {
  train::CsvDataset csv;
  std::string error;
  const std::string bad = writeTemp("train_bad.csv", "1,2,0\n3,x,1\n");
  EXPECT_FALSE(train::readCsvDataset(bad, "last", &csv, &error));
  EXPECT_EQ(error, bad + ":2:2: 'x' (column x1) is not a number");
  const std::string ragged = writeTemp("train_ragged.csv", "1,2,0\n3,1\n");
  EXPECT_FALSE(train::readCsvDataset(ragged, "last", &csv, &error));
  EXPECT_EQ(error, ragged + ":2: 2 columns, expected 3");
  const std::string nan = writeTemp("train_nan.csv", "1,nan,0\n");
  EXPECT_FALSE(train::readCsvDataset(nan, "last", &csv, &error));
  EXPECT_EQ(error, nan + ":1:2: 'nan' (column x1) is not a finite number");
  const std::string empty = writeTemp("train_empty.csv", "a,b\n");
  EXPECT_FALSE(train::readCsvDataset(empty, "last", &csv, &error));
  EXPECT_EQ(error, empty + ": no data rows");
  EXPECT_FALSE(train::readCsvDataset(bad, "nope", &csv, &error));
  EXPECT_NE(error.find("target column 'nope'"), std::string::npos);
  EXPECT_FALSE(train::readCsvDataset("/nonexistent.csv", "last", &csv, &error));
  EXPECT_EQ(error, "/nonexistent.csv: cannot open (No such file or directory)");
}

}  // namespace
