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

namespace emflow::codegen {
namespace {

const char* kReference = EMFLOW_SOURCE_DIR "/tests/avr/fixtures/reference.bin";

// The engine and the walker on one model.
struct Pair {
  std::vector<uint8_t> blob;
  Model model;
  CompactTreeTable table;
};

void open_pair(const TreeTables& t, Pair* pair) {
  pair->blob = write_tree_blob(t);
  ASSERT_EQ(model_open(&pair->model, pair->blob.data(), pair->blob.size(), kMemoryRam), kOk);
  std::string error;
  ASSERT_TRUE(build_compact_table(t, &pair->table, &error)) << error;
}

template <typename Feature>
uint16_t walk(const CompactTreeTable& table, uint16_t tree, const Feature* x) {
  return table.wide_refs
             ? tree_table_leaf<Feature, uint16_t>(table.nodes.data(), table.roots.data(), tree, x)
             : tree_table_leaf<Feature, uint8_t>(table.nodes.data(), table.roots.data(), tree, x);
}

uint32_t engine_leaf(const Pair& p, uint16_t tree, const int16_t* x) {
  return trees_leaf_int16(&p.model.blob, &p.model.state.trees, tree, x);
}
uint32_t engine_leaf(const Pair& p, uint16_t tree, const float* x) {
  return trees_leaf_float(&p.model.blob, &p.model.state.trees, tree, x);
}

// Compares every tree's leaf on `rows` rows; returns the number of comparisons.
template <typename Feature>
size_t expect_same_leaves(const Pair& p, const std::vector<Feature>& rows, uint16_t n_features) {
  size_t compared = 0;
  const uint16_t n_trees = p.model.state.trees.n_trees;
  for (size_t r = 0; r + n_features <= rows.size(); r += n_features) {
    for (uint16_t tree = 0; tree < n_trees; ++tree, ++compared) {
      const uint32_t expected = engine_leaf(p, tree, &rows[r]);
      const uint16_t got = walk(p.table, tree, &rows[r]);
      if (expected != got) {
        ADD_FAILURE() << "row " << r / n_features << " tree " << tree << ": engine leaf "
                      << expected << ", table leaf " << got;
        return compared;
      }
    }
  }
  return compared;
}

TEST(TreeTable, ReferenceModelReachesTheEnginesLeaves) {
  std::vector<uint8_t> blob;
  std::string error;
  ASSERT_TRUE(read_file(kReference, &blob, &error)) << error;
  TreeTables t;
  ASSERT_EQ(read_tree_tables(blob, &t), kOk);
  Pair p;
  open_pair(t, &p);
  EXPECT_FALSE(p.table.wide_refs);
  // Four bytes a decision node and one a leaf item: a tree of d decision nodes has d + 1 leaves.
  EXPECT_EQ(p.table.nodes.size(), 5 * t.nodes.size() + t.roots.size());

  // Rows in and beyond the training range (features about N(0, 1) x 1000), and the extremes.
  std::mt19937 random(7);
  std::uniform_int_distribution<int> value(-4000, 4000);
  std::vector<int16_t> rows;
  for (int i = 0; i < 2000 * 8; ++i) rows.push_back(static_cast<int16_t>(value(random)));
  for (int16_t extreme : {-32768, -1, 0, 1, 32767})
    for (int i = 0; i < 8; ++i) rows.push_back(extreme);
  EXPECT_EQ(expect_same_leaves(p, rows, 8), rows.size() / 8 * 10);
}

// A random tree in pre-order: decision nodes with relative references, leaves drawn from
// `n_leaves` shared ones. `grow` is the chance that a child at depth d is a decision node.
class RandomForestBuilder {
 public:
  RandomForestBuilder(uint32_t seed, bool int16, uint16_t n_features, uint32_t n_leaves)
      : random_(seed), int16_(int16), n_features_(n_features), n_leaves_(n_leaves) {}

  TreeTables build(uint16_t n_trees, int max_depth, double grow) {
    TreeTables t;
    t.kind = kModelTreeClassifier;
    t.int16 = int16_;
    t.n_features = n_features_;
    t.n_outputs = 2;
    for (uint32_t i = 0; i < n_leaves_; ++i) {
      const float p = static_cast<float>(i) / static_cast<float>(n_leaves_);
      t.leaves.push_back({1.0f - p, p});
    }
    for (uint16_t tree = 0; tree < n_trees; ++tree) {
      if (chance(0.1)) {  // a single-leaf tree
        t.roots.push_back(leaf_ref());
        continue;
      }
      t.roots.push_back(static_cast<int32_t>(t.nodes.size()));
      node(&t, 0, max_depth, grow);
    }
    return t;
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }
  int32_t leaf_ref() {
    return -1 -
           static_cast<int32_t>(std::uniform_int_distribution<uint32_t>(0, n_leaves_ - 1)(random_));
  }

  // Appends a decision node and its subtrees; returns its index.
  size_t node(TreeTables* t, int depth, int max_depth, double grow) {
    const size_t index = t->nodes.size();
    t->nodes.emplace_back();
    TreeNode n;
    n.feature =
        static_cast<uint16_t>(std::uniform_int_distribution<int>(0, n_features_ - 1)(random_));
    if (int16_)  // the full range, the extremes included
      n.threshold = std::uniform_int_distribution<int>(-32768, 32767)(random_) / (depth + 1);
    else
      n.threshold = std::uniform_real_distribution<float>(-2, 2)(random_);
    const bool deeper = depth + 1 < max_depth;
    n.left = deeper && chance(grow)
                 ? static_cast<int32_t>(node(t, depth + 1, max_depth, grow) - index)
                 : leaf_ref();
    n.right = deeper && chance(grow)
                  ? static_cast<int32_t>(node(t, depth + 1, max_depth, grow) - index)
                  : leaf_ref();
    t->nodes[index] = n;
    return index;
  }

  std::mt19937 random_;
  bool int16_;
  uint16_t n_features_;
  uint32_t n_leaves_;
};

template <typename Feature>
std::vector<Feature> random_rows(uint32_t seed, size_t n, uint16_t n_features) {
  std::mt19937 random(seed);
  std::vector<Feature> rows(n * n_features);
  for (Feature& v : rows) {
    if (sizeof(Feature) == 2)
      v = static_cast<Feature>(std::uniform_int_distribution<int>(-32768, 32767)(random));
    else
      v = static_cast<Feature>(std::uniform_real_distribution<float>(-2.5f, 2.5f)(random));
  }
  return rows;
}

TEST(TreeTable, RandomModelsReachTheEnginesLeaves) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    const bool int16 = seed % 2 == 0;
    const uint16_t n_features = static_cast<uint16_t>(1 + seed * 7 % 64);
    RandomForestBuilder builder(seed, int16, n_features, 1 + seed * 13 % 200);
    const TreeTables t = builder.build(static_cast<uint16_t>(1 + seed % 12), 12, 0.7);
    Pair p;
    open_pair(t, &p);
    SCOPED_TRACE("seed " + std::to_string(seed));
    const size_t compared =
        int16 ? expect_same_leaves(p, random_rows<int16_t>(seed, 300, n_features), n_features)
              : expect_same_leaves(p, random_rows<float>(seed, 300, n_features), n_features);
    EXPECT_EQ(compared, 300u * t.roots.size());
  }
}

TEST(TreeTable, BigSubtreesAndManyLeavesUseTwoByteReferences) {
  // Deep, bushy trees: left subtrees span more than 255 bytes; 600 leaves need two bytes.
  RandomForestBuilder builder(99, true, 8, 600);
  const TreeTables t = builder.build(3, 11, 0.9);
  Pair p;
  open_pair(t, &p);
  EXPECT_TRUE(p.table.wide_refs);
  EXPECT_EQ(expect_same_leaves(p, random_rows<int16_t>(5, 500, 8), 8), 500u * t.roots.size());
}

TEST(TreeTable, Int16ThresholdsCompareBothBytes) {
  // One split on feature 2 of 3; thresholds and values around byte boundaries, where the high
  // bytes are equal and the low bytes (unsigned) decide, or differ by one.
  TreeTables t;
  t.kind = kModelTreeClassifier;
  t.int16 = true;
  t.n_features = 3;
  t.n_outputs = 2;
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
    ASSERT_TRUE(build_compact_table(t, &table, &error)) << error;
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
  EXPECT_FALSE(build_compact_table(wide.build(2, 4, 0.5), &table, &error));
  EXPECT_NE(error.find("at most 64 features"), std::string::npos) << error;

  RandomForestBuilder huge(4, true, 8, 4);  // about 2^15 nodes: more than 32767 bytes
  error.clear();
  EXPECT_FALSE(build_compact_table(huge.build(1, 16, 1.0), &table, &error));
  EXPECT_NE(error.find("32767 bytes"), std::string::npos) << error;
}

// The numbers of a generated array, e.g. kNodes, as written in the header.
std::vector<long> array_values(const std::string& text, const std::string& name) {
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
  ASSERT_TRUE(read_file(kReference, &blob, &error)) << error;
  TreeTables t;
  ASSERT_EQ(read_tree_tables(blob, &t), kOk);
  CompactTreeTable table;
  ASSERT_TRUE(build_compact_table(t, &table, &error)) << error;
  CodegenOptions options;
  options.name = "reference_tables";
  options.tables = true;
  std::string text;
  ASSERT_TRUE(generate_tree_code(t, options, &text, &error)) << error;
  EXPECT_NE(text.find("#include \"ml/tree_table.h\""), std::string::npos);
  EXPECT_NE(text.find("tree_table_leaf<Feature, uint8_t>(kNodes, kRoots, tree, x)"),
            std::string::npos);
  EXPECT_EQ(text.find("static uint8_t tree_0("), std::string::npos);  // no inline trees
  const std::vector<long> nodes = array_values(text, "kNodes");
  ASSERT_EQ(nodes.size(), table.nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) ASSERT_EQ(nodes[i], table.nodes[i]) << "byte " << i;
}

}  // namespace
}  // namespace emflow::codegen
