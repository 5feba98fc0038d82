// Random tree ensembles (pre-order, shared leaves, single-leaf trees) and random feature rows,
// for tests that compare two ways of walking the same trees.
#ifndef EMFLOW_TESTS_CPP_ML_RANDOM_FOREST_BUILDER_H
#define EMFLOW_TESTS_CPP_ML_RANDOM_FOREST_BUILDER_H

#include <cstdint>
#include <random>
#include <vector>

#include "host/modelgen/tree_tables.h"

namespace emflow::modelgen {

// A random tree in pre-order: decision nodes with relative references, leaves drawn from
// `n_leaves` shared ones. `grow` is the chance that a child at depth d is a decision node.
class RandomForestBuilder {
 public:
  RandomForestBuilder(uint32_t seed, bool int16, uint16_t nFeatures, uint32_t nLeaves)
      : random_(seed), int16_(int16), n_features_(nFeatures), n_leaves_(nLeaves) {}

  TreeTables build(uint16_t nTrees, int maxDepth, double grow) {
    TreeTables t;
    t.kind = kModelTreeClassifier;
    t.int16 = int16_;
    t.nFeatures = n_features_;
    t.nOutputs = 2;
    for (uint32_t i = 0; i < n_leaves_; ++i) {
      const float p = static_cast<float>(i) / static_cast<float>(n_leaves_);
      t.leaves.push_back({1.0f - p, p});
    }
    for (uint16_t tree = 0; tree < nTrees; ++tree) {
      if (chance(0.1)) {  // a single-leaf tree
        t.roots.push_back(leafRef());
        continue;
      }
      t.roots.push_back(static_cast<int32_t>(t.nodes.size()));
      node(&t, 0, maxDepth, grow);
    }
    return t;
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }
  int32_t leafRef() {
    return -1 -
           static_cast<int32_t>(std::uniform_int_distribution<uint32_t>(0, n_leaves_ - 1)(random_));
  }

  // Appends a decision node and its subtrees; returns its index.
  size_t node(TreeTables* t, int depth, int maxDepth, double grow) {
    const size_t index = t->nodes.size();
    t->nodes.emplace_back();
    TreeNode n;
    n.feature =
        static_cast<uint16_t>(std::uniform_int_distribution<int>(0, n_features_ - 1)(random_));
    if (int16_)  // the full range, the extremes included
      n.threshold = std::uniform_int_distribution<int>(-32768, 32767)(random_) / (depth + 1);
    else
      n.threshold = std::uniform_real_distribution<float>(-2, 2)(random_);
    const bool deeper = depth + 1 < maxDepth;
    n.left = deeper && chance(grow)
                 ? static_cast<int32_t>(node(t, depth + 1, maxDepth, grow) - index)
                 : leafRef();
    n.right = deeper && chance(grow)
                  ? static_cast<int32_t>(node(t, depth + 1, maxDepth, grow) - index)
                  : leafRef();
    t->nodes[index] = n;
    return index;
  }

  std::mt19937 random_;
  bool int16_;
  uint16_t n_features_;
  uint32_t n_leaves_;
};

template <typename Feature>
std::vector<Feature> randomRows(uint32_t seed, size_t n, uint16_t nFeatures) {
  std::mt19937 random(seed);
  std::vector<Feature> rows(n * nFeatures);
  for (Feature& v : rows) {
    if (sizeof(Feature) == 2)
      v = static_cast<Feature>(std::uniform_int_distribution<int>(-32768, 32767)(random));
    else
      v = static_cast<Feature>(std::uniform_real_distribution<float>(-2.5f, 2.5f)(random));
  }
  return rows;
}

}  // namespace emflow::modelgen

#endif  // EMFLOW_TESTS_CPP_ML_RANDOM_FOREST_BUILDER_H
