// The compact table form (emflow codegen --tables): the walker in core/ml/tree_table.h, run on
// tables packed in memory by the generator, reaches the same leaf as the engine on the binary
// model for every tree — on the AVR reference model and on random models (int16 and float
// features, root leaves, trees big enough to need two-byte references). The generated header
// holds exactly the packed bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "host/modelgen/tree_codegen.h"
#include "host/modelgen/tree_table_codegen.h"
#include "ml/model.h"
#include "ml/tree_table.h"
#include "ml/trees.h"
#include "random_forest_builder.h"

namespace emflow::modelgen {
namespace {

const char* kReference = EMFLOW_SOURCE_DIR "/tests/avr/fixtures/reference.bin";

// The engine and the walker on one model.
struct Pair {
  std::vector<uint8_t> blob;
  Model model;
  CompactTreeTable table;
};

void openPair(const TreeTables& t, Pair* pair) {
  pair->blob = writeTreeBlob(t);
  ASSERT_EQ(modelOpen(&pair->model, pair->blob.data(), pair->blob.size(), kMemoryRam), kOk);
  std::string error;
  ASSERT_TRUE(buildCompactTable(t, &pair->table, &error)) << error;
}

template <typename Feature>
uint16_t walk(const CompactTreeTable& table, uint16_t tree, const Feature* x) {
  return table.wideRefs
             ? treeTableLeaf<Feature, uint16_t>(table.nodes.data(), table.roots.data(), tree, x)
             : treeTableLeaf<Feature, uint8_t>(table.nodes.data(), table.roots.data(), tree, x);
}

uint32_t engineLeaf(const Pair& p, uint16_t tree, const int16_t* x) {
  return treesLeafInt16(&p.model.blob, &p.model.state.trees, tree, x);
}
uint32_t engineLeaf(const Pair& p, uint16_t tree, const float* x) {
  return treesLeafFloat(&p.model.blob, &p.model.state.trees, tree, x);
}

// Compares every tree's leaf on `rows` rows; returns the number of comparisons.
template <typename Feature>
size_t expectSameLeaves(const Pair& p, const std::vector<Feature>& rows, uint16_t nFeatures) {
  size_t compared = 0;
  const uint16_t nTrees = p.model.state.trees.nTrees;
  for (size_t r = 0; r + nFeatures <= rows.size(); r += nFeatures) {
    for (uint16_t tree = 0; tree < nTrees; ++tree, ++compared) {
      const uint32_t expected = engineLeaf(p, tree, &rows[r]);
      const uint16_t got = walk(p.table, tree, &rows[r]);
      if (expected != got) {
        ADD_FAILURE() << "row " << r / nFeatures << " tree " << tree << ": engine leaf " << expected
                      << ", table leaf " << got;
        return compared;
      }
    }
  }
  return compared;
}

TEST(TreeTable, ReferenceModelReachesTheEnginesLeaves) {
  std::vector<uint8_t> blob;
  std::string error;
  ASSERT_TRUE(readFile(kReference, &blob, &error)) << error;
  TreeTables t;
  ASSERT_EQ(readTreeTables(blob, &t), kOk);
  Pair p;
  openPair(t, &p);
  EXPECT_FALSE(p.table.wideRefs);
  // Four bytes a decision node and one a leaf item: a tree of d decision nodes has d + 1 leaves.
  EXPECT_EQ(p.table.nodes.size(), 5 * t.nodes.size() + t.roots.size());

  // Rows in and beyond the training range (features about N(0, 1) x 1000), and the extremes.
  std::mt19937 random(7);
  std::uniform_int_distribution<int> value(-4000, 4000);
  std::vector<int16_t> rows;
  for (int i = 0; i < 2000 * 8; ++i) rows.push_back(static_cast<int16_t>(value(random)));
  for (int16_t extreme : {-32768, -1, 0, 1, 32767})
    for (int i = 0; i < 8; ++i) rows.push_back(extreme);
  EXPECT_EQ(expectSameLeaves(p, rows, 8), rows.size() / 8 * 10);
}

TEST(TreeTable, RandomModelsReachTheEnginesLeaves) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    const bool int16 = seed % 2 == 0;
    const uint16_t nFeatures = static_cast<uint16_t>(1 + seed * 7 % 64);
    RandomForestBuilder builder(seed, int16, nFeatures, 1 + seed * 13 % 200);
    const TreeTables t = builder.build(static_cast<uint16_t>(1 + seed % 12), 12, 0.7);
    Pair p;
    openPair(t, &p);
    SCOPED_TRACE("seed " + std::to_string(seed));
    const size_t compared =
        int16 ? expectSameLeaves(p, randomRows<int16_t>(seed, 300, nFeatures), nFeatures)
              : expectSameLeaves(p, randomRows<float>(seed, 300, nFeatures), nFeatures);
    EXPECT_EQ(compared, 300u * t.roots.size());
  }
}

TEST(TreeTable, BigSubtreesAndManyLeavesUseTwoByteReferences) {
  // Deep, bushy trees: left subtrees span more than 255 bytes; 600 leaves need two bytes.
  RandomForestBuilder builder(99, true, 8, 600);
  const TreeTables t = builder.build(3, 11, 0.9);
  Pair p;
  openPair(t, &p);
  EXPECT_TRUE(p.table.wideRefs);
  EXPECT_EQ(expectSameLeaves(p, randomRows<int16_t>(5, 500, 8), 8), 500u * t.roots.size());
}

TEST(TreeTable, Int16ThresholdsCompareBothBytes) {
  // One split on feature 2 of 3; thresholds and values around byte boundaries, where the high
  // bytes are equal and the low bytes (unsigned) decide, or differ by one.
  TreeTables t;
  t.kind = kModelTreeClassifier;
  t.int16 = true;
  t.nFeatures = 3;
  t.nOutputs = 2;
  t.leaves = {{1, 0}, {0, 1}};
  TreeNode split;
  split.feature = 2;
  split.left = -1;
  split.right = -2;
  t.nodes = {split};
  t.roots = {0};
  for (int threshold :
       {-32768, -257, -256, -255, -129, -128, -1, 0, 127, 128, 255, 256, 384, 32767}) {
    t.nodes[0].threshold = threshold;
    CompactTreeTable table;
    std::string error;
    ASSERT_TRUE(buildCompactTable(t, &table, &error)) << error;
    for (int delta : {-257, -256, -255, -1, 0, 1, 255, 256, 257}) {
      const int value = threshold + delta;
      if (value < -32768 || value > 32767) continue;
      const int16_t x[3] = {32767, -32768, static_cast<int16_t>(value)};
      EXPECT_EQ(walk(table, 0, x), value <= threshold ? 0 : 1)
          << "threshold " << threshold << ", value " << value;
    }
  }
}

TEST(TreeTable, ModelsThatDoNotFitAreRefusedWithAReason) {
  RandomForestBuilder wide(3, true, 65, 4);
  CompactTreeTable table;
  std::string error;
  EXPECT_FALSE(buildCompactTable(wide.build(2, 4, 0.5), &table, &error));
  EXPECT_NE(error.find("at most 64 features"), std::string::npos) << error;

  RandomForestBuilder huge(4, true, 8, 4);  // about 2^15 nodes: more than 65535 bytes
  error.clear();
  EXPECT_FALSE(buildCompactTable(huge.build(1, 16, 1.0), &table, &error));
  EXPECT_NE(error.find("65535 bytes"), std::string::npos) << error;
}

// The numbers of a generated array, e.g. kNodes, as written in the header.
std::vector<long> arrayValues(const std::string& text, const std::string& name) {
  const size_t start = text.find("= {", text.find("static const uint8_t " + name));
  const size_t end = text.find("};", start);
  std::vector<long> values;
  std::istringstream in(text.substr(start + 3, end - start - 3));
  std::string item;
  while (std::getline(in, item, ','))
    if (item.find_first_of("0123456789") != std::string::npos)
      values.push_back(std::strtol(item.c_str(), nullptr, 10));
  return values;
}

TEST(TreeTable, GeneratedHeaderHoldsThePackedTables) {
  std::vector<uint8_t> blob;
  std::string error;
  ASSERT_TRUE(readFile(kReference, &blob, &error)) << error;
  TreeTables t;
  ASSERT_EQ(readTreeTables(blob, &t), kOk);
  CompactTreeTable table;
  ASSERT_TRUE(buildCompactTable(t, &table, &error)) << error;
  CodegenOptions options;
  options.name = "reference_tables";
  options.tables = true;
  std::string text;
  ASSERT_TRUE(generateTreeCode(t, options, &text, &error)) << error;
  EXPECT_NE(text.find("#include \"ml/tree_table.h\""), std::string::npos);
  EXPECT_NE(text.find("treeTableLeaf<Feature, uint8_t>(kNodes, kRoots, tree, x)"),
            std::string::npos);
  EXPECT_EQ(text.find("static uint8_t tree_0("), std::string::npos);  // no inline trees
  const std::vector<long> nodes = arrayValues(text, "kNodes");
  ASSERT_EQ(nodes.size(), table.nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) ASSERT_EQ(nodes[i], table.nodes[i]) << "byte " << i;
}

}  // namespace
}  // namespace emflow::modelgen
