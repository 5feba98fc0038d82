#include "model_writer.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <map>

#include "byte_writer.h"
#include "ml/model_kinds.h"
#include "ml/model_blob.h"

namespace emflow::train {

namespace {

const double kPi = 3.14159265358979323846;

// Decision nodes of all trees and their distinct leaves, as python/emflow/trees.py builds them.
class TreeTables {
 public:
  void addTree(const FittedTree& tree, bool classifier) {
    const std::vector<TreeNode>& nodes = tree.nodes;
    // Decision nodes keep the builder's pre-order; their index in the table:
    std::vector<int32_t> index(nodes.size(), -1);
    const int32_t base = static_cast<int32_t>(nodes_.size());
    int32_t next = base;
    for (size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i].feature >= 0) index[i] = next++;
    if (nodes[0].feature < 0) {
      roots_.push_back(-leaf(tree, nodes[0], classifier) - 1);
      return;
    }
    roots_.push_back(base);
    for (size_t i = 0; i < nodes.size(); ++i) {
      const TreeNode& node = nodes[i];
      if (node.feature < 0) continue;
      auto ref = [&](int32_t child) {
        const TreeNode& target = nodes[static_cast<size_t>(child)];
        if (target.feature < 0) return -leaf(tree, target, classifier) - 1;
        return index[static_cast<size_t>(child)] - index[i];
      };
      const int32_t left = ref(node.left);  // left first: leaves are numbered in this order
      const int32_t right = ref(node.right);
      nodes_.push_back({node.feature, floatFloor(node.threshold), left, right});
    }
  }

  std::vector<uint8_t> payload(size_t nFeatures, size_t leafWidth) const {
    int32_t low = 0, high = 0;
    for (const Node& n : nodes_) {
      low = std::min({low, n.left, n.right});
      high = std::max({high, n.left, n.right});
    }
    unsigned refWidth = 4;
    if (low >= -128 && high < 128)
      refWidth = 1;
    else if (low >= -32768 && high < 32768)
      refWidth = 2;
    const unsigned featureWidth = nFeatures <= 256 ? 1 : 2;
    ByteWriter out;
    out.u16(static_cast<uint32_t>(roots_.size()));
    out.u8(refWidth);
    out.u8(featureWidth);
    out.u32(static_cast<uint32_t>(nodes_.size()));
    out.u32(static_cast<uint32_t>(leaves_.size()));
    out.u16(static_cast<uint32_t>(leafWidth));
    out.u16(0);  // no extra parameters for kinds 1 and 2
    for (int32_t root : roots_) out.i32(root);
    for (const Node& n : nodes_) {
      if (featureWidth == 1)
        out.u8(static_cast<uint32_t>(n.feature));
      else
        out.u16(static_cast<uint32_t>(n.feature));
      out.f32(n.threshold);
      out.signedInt(n.left, refWidth);
      out.signedInt(n.right, refWidth);
    }
    for (const std::vector<float>& values : leaves_)
      for (float v : values) out.f32(v);
    return std::move(out.bytes());
  }

  size_t nTrees() const { return roots_.size(); }

 private:
  struct Node {
    int32_t feature;
    float threshold;
    int32_t left, right;
  };

  // Index of a leaf's float32 values, shared with every equal leaf seen before.
  int32_t leaf(const FittedTree& tree, const TreeNode& node, bool classifier) {
    const double* v = tree.values.data() + node.value;
    std::vector<float> values(tree.valueWidth);
    double total = 0;
    if (classifier)
      for (size_t k = 0; k < tree.valueWidth; ++k) total += v[k];
    for (size_t k = 0; k < tree.valueWidth; ++k)
      values[k] = static_cast<float>(classifier && total != 0 ? v[k] / total : v[k]);
    const auto found = leaf_index_.find(values);
    if (found != leaf_index_.end()) return found->second;
    const int32_t index = static_cast<int32_t>(leaves_.size());
    leaf_index_.emplace(values, index);
    leaves_.push_back(std::move(values));
    return index;
  }

  std::vector<int32_t> roots_;
  std::vector<Node> nodes_;
  std::vector<std::vector<float>> leaves_;
  std::map<std::vector<float>, int32_t> leaf_index_;
};

}  // namespace

float floatFloor(double value) {
  if (value >= FLT_MAX) return FLT_MAX;
  if (value <= -FLT_MAX) return -FLT_MAX;
  const float rounded = static_cast<float>(value);
  if (static_cast<double>(rounded) <= value) return rounded;
  return std::nextafter(rounded, -INFINITY);
}

std::vector<uint8_t> packContainer(uint8_t kind, size_t nFeatures, size_t nOutputs,
                                   const std::vector<uint8_t>& payload) {
  ByteWriter out;
  out.u8('E');
  out.u8('M');
  out.u8('F');
  out.u8('M');
  out.u8(kModelFormatVersion);
  out.u8(kind);
  out.u8(0);  // flags: float features
  out.u8(0);  // reserved
  out.u16(static_cast<uint32_t>(nFeatures));
  out.u16(static_cast<uint32_t>(nOutputs));
  out.u32(static_cast<uint32_t>(payload.size()));
  out.append(payload);
  std::vector<uint8_t>& bytes = out.bytes();
  out.u32(blobCrc32(bytes.data(), kMemoryRam, bytes.size()));
  return std::move(out.bytes());
}

std::vector<uint8_t> treeEnsembleBlob(const std::vector<FittedTree>& trees, size_t nFeatures,
                                      bool classifier) {
  TreeTables tables;
  for (const FittedTree& tree : trees) tables.addTree(tree, classifier);
  const size_t width = trees.front().valueWidth;
  return packContainer(classifier ? kModelTreeClassifier : kModelTreeRegressor, nFeatures, width,
                       tables.payload(nFeatures, width));
}

std::vector<uint8_t> gaussianNbBlob(const GaussianNBFit& fit) {
  const size_t cCount = fit.nClasses, d = fit.nFeatures;
  ByteWriter out;
  for (size_t k = 0; k < cCount; ++k) {  // log prior - 0.5 * sum log(2 pi var)
    double logTerms = 0;
    for (size_t j = 0; j < d; ++j) logTerms += std::log(2.0 * kPi * fit.variance[k * d + j]);
    out.f32(static_cast<float>(std::log(fit.prior[k]) - 0.5 * logTerms));
  }
  for (double v : fit.theta) out.f32(static_cast<float>(v));
  for (double v : fit.variance) out.f32(static_cast<float>(v));
  return packContainer(kModelGaussianNB, d, cCount, out.bytes());
}

}  // namespace emflow::train
