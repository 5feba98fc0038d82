// Host builds walk a forest's trees several at a time (core/ml/trees.cpp, walkInStep) when its
// nodes have one-byte features and one- or two-byte references. The prediction must be the one the
// plain definition gives: every tree's leaf (treesLeafFloat / treesLeafInt16, one tree at a time),
// summed in tree order, divided by the number of trees. Checked bit for bit on random forests of 1
// to 41 trees, so that every grouping (one group, equal groups, uneven groups) and single-leaf
// roots are covered.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "ml/model.h"
#include "ml/trees.h"
#include "random_forest_builder.h"

namespace emflow::modelgen {
namespace {

uint32_t leafOf(const Model& m, uint16_t tree, const float* x) {
  return treesLeafFloat(&m.blob, &m.state.trees, tree, x);
}
uint32_t leafOf(const Model& m, uint16_t tree, const int16_t* x) {
  return treesLeafInt16(&m.blob, &m.state.trees, tree, x);
}
Status predictRow(Model* m, const float* x, uint16_t nf, float* out, int32_t* label) {
  return modelPredict(m, x, nf, out, 2, label);
}
Status predictRow(Model* m, const int16_t* x, uint16_t nf, float* out, int32_t* label) {
  return modelPredictInt16(m, x, nf, out, 2, label);
}

// Returns the number of rows compared.
template <typename Feature>
size_t expectPlainAverage(const TreeTables& t, const std::vector<Feature>& rows) {
  const std::vector<uint8_t> blob = writeTreeBlob(t);
  Model m{};
  EXPECT_EQ(modelOpen(&m, blob.data(), blob.size(), kMemoryRam), kOk);
  const uint16_t nf = t.nFeatures, nTrees = static_cast<uint16_t>(t.roots.size());
  size_t compared = 0;
  for (size_t r = 0; r + nf <= rows.size(); r += nf, ++compared) {
    const Feature* x = &rows[r];
    double sum[2] = {0, 0};
    for (uint16_t tree = 0; tree < nTrees; ++tree) {
      const uint32_t leaf = leafOf(m, tree, x);
      for (int k = 0; k < 2; ++k) sum[k] += t.leaves[leaf][k];
    }
    float expected[2];
    for (int k = 0; k < 2; ++k) expected[k] = static_cast<float>(sum[k] / nTrees);
    float got[2];
    int32_t label = -1;
    EXPECT_EQ(predictRow(&m, x, nf, got, &label), kOk);
    if (std::memcmp(got, expected, sizeof got) != 0 ||
        label != (sum[1] / nTrees > sum[0] / nTrees)) {
      ADD_FAILURE() << "row " << r / nf << ": predicted " << got[0] << ", " << got[1] << " (label "
                    << label << "), the trees one by one give " << expected[0] << ", "
                    << expected[1];
      return compared;
    }
  }
  return compared;
}

TEST(TreesInStep, ForestsOfEverySizeAverageLikeTheTreesOneByOne) {
  size_t compact = 0;
  for (uint16_t nTrees = 1; nTrees <= 41; ++nTrees) {
    const bool int16 = nTrees % 2 == 0;
    const uint16_t nFeatures = static_cast<uint16_t>(1 + nTrees * 5 % 20);
    // Shallow trees and few leaves: the compact layout (one-byte features and references).
    RandomForestBuilder builder(nTrees, int16, nFeatures, 1 + nTrees * 3 % 60);
    const TreeTables t = builder.build(nTrees, 6, 0.75);
    const std::vector<uint8_t> blob = writeTreeBlob(t);
    compact += blob[kModelHeaderSize + 2] == 1 && blob[kModelHeaderSize + 3] == 1;
    SCOPED_TRACE(std::to_string(nTrees) + " trees");
    const size_t compared = int16
                                ? expectPlainAverage(t, randomRows<int16_t>(nTrees, 200, nFeatures))
                                : expectPlainAverage(t, randomRows<float>(nTrees, 200, nFeatures));
    EXPECT_EQ(compared, 200u);
  }
  EXPECT_EQ(compact, 41u);  // every forest took the walk in step
}

TEST(TreesInStep, TwoByteReferencesWalkInStepToo) {
  // Deep, bushy trees: subtrees span more than 127 nodes, so references take two bytes.
  for (bool int16 : {true, false}) {
    RandomForestBuilder builder(99, int16, 8, 600);
    const TreeTables t = builder.build(12, 11, 0.9);
    EXPECT_EQ(writeTreeBlob(t)[kModelHeaderSize + 2], 2);  // reference width
    EXPECT_EQ(int16 ? expectPlainAverage(t, randomRows<int16_t>(5, 300, 8))
                    : expectPlainAverage(t, randomRows<float>(5, 300, 8)),
              300u);
  }
}

TEST(TreesInStep, TwoByteFeaturesStillWalkOneTreeAtATime) {
  // 300 features need two-byte feature indices: the general walk, same definition.
  RandomForestBuilder builder(5, false, 300, 50);
  const TreeTables t = builder.build(9, 6, 0.75);
  EXPECT_EQ(writeTreeBlob(t)[kModelHeaderSize + 3], 2);  // feature width
  EXPECT_EQ(expectPlainAverage(t, randomRows<float>(6, 100, 300)), 100u);
}

}  // namespace
}  // namespace emflow::modelgen
