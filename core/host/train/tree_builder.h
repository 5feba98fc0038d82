// CART tree growing as scikit-learn 1.2 does it (sklearn/tree/_splitter.pyx, _criterion.pyx,
// _tree.pyx's depth-first builder): the same stopping rules, candidate thresholds (midpoints
// of adjacent distinct float32 values), criteria (gini, entropy, squared_error), constant-
// feature bookkeeping and feature sampling scheme (max_features), with the engine's own PRNG.
// With max_features = all and no ties between candidate splits, the tree is scikit-learn's.
#ifndef EMFLOW_HOST_TRAIN_TREE_BUILDER_H
#define EMFLOW_HOST_TRAIN_TREE_BUILDER_H

#include <cstddef>
#include <cstdint>
#include <vector>

#include "params.h"
#include "random.h"

namespace emflow::train {

struct TreeNode {
  int32_t feature;   // -1 for a leaf
  double threshold;  // go left when x[feature] <= threshold (float64, as scikit-learn)
  int32_t left;      // child node indices; -1 for a leaf
  int32_t right;
  uint32_t value;  // leaf: index of its first value in FittedTree::values
};

// One tree, nodes in pre-order (a node, its left subtree, its right subtree), root first.
struct FittedTree {
  std::vector<TreeNode> nodes;
  // Leaf values, valueWidth per leaf: weighted class counts (classification, as scikit-learn
  // 1.2's tree_.value) or the weighted mean target (regression).
  std::vector<double> values;
  size_t valueWidth = 0;
};

// The samples a tree is grown on. Features are float32, column-major (scikit-learn casts X to
// float32 for trees).
struct TreeData {
  const float* columns = nullptr;  // n_features columns of n_samples values
  size_t nSamples = 0;
  size_t nFeatures = 0;
  const int32_t* labels = nullptr;  // classification: class index per sample
  size_t nClasses = 0;
  const double* targets = nullptr;  // regression: target per sample
};

// Grows one tree. `sampleWeight` (n_samples values, or empty for all 1) is how forests pass
// bootstrap counts; samples of weight 0 are left out, as scikit-learn does. `params` must
// have been checked (see checkParams, trainer.h).
FittedTree buildTree(const TreeData& data, const TreeParams& params,
                     const std::vector<double>& sampleWeight, Random* random);

// max_features resolved to a count as scikit-learn does (at least 1, at most n_features).
size_t resolveMaxFeatures(const MaxFeatures& maxFeatures, size_t nFeatures);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_TREE_BUILDER_H
