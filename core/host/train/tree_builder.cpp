#include "tree_builder.h"

#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>

#include "impurity.h"

namespace emflow::train {

namespace {

// scikit-learn treats feature values closer than this as equal (no split between them).
const double kFeatureThreshold = 1e-7;
// A node whose impurity is at most this is pure (numpy.finfo(float64).eps).
const double kEpsilon = DBL_EPSILON;

struct Split {
  int32_t feature = -1;
  double threshold = 0;
  size_t pos = 0;  // first sample of the right child (== end: no split found)
  double proxy = -std::numeric_limits<double>::infinity();
};

struct PendingNode {
  size_t start, end;
  int depth;
  int32_t parent;
  bool isLeft;
  double impurity;
  bool impurityKnown;
  size_t nConstantFeatures;
};

class TreeBuilder {
 public:
  TreeBuilder(const TreeData& data, const TreeParams& params,
              const std::vector<double>& sampleWeight, Random* random)
      : data_(data),
        params_(params),
        random_(random),
        impurity_(params.criterion, data.nClasses),
        node_stats_(impurity_.emptyStats()),
        left_stats_(impurity_.emptyStats()),
        right_stats_(impurity_.emptyStats()) {
    weights_.assign(data.nSamples, 1.0);
    if (!sampleWeight.empty()) weights_ = sampleWeight;
    double totalWeight = 0;
    for (size_t i = 0; i < data.nSamples; ++i) {
      if (weights_[i] != 0.0) samples_.push_back(static_cast<uint32_t>(i));
      totalWeight += weights_[i];
    }
    root_weight_ = totalWeight;
    features_.resize(data.nFeatures);
    for (size_t f = 0; f < data.nFeatures; ++f) features_[f] = static_cast<uint32_t>(f);
    constant_features_.assign(data.nFeatures, 0);
    if (isClassifier()) {  // weight and class side by side: one memory access per sample
      class_samples_.resize(data.nSamples);
      for (size_t i = 0; i < data.nSamples; ++i)
        class_samples_[i] = {weights_[i], static_cast<uint32_t>(data.labels[i])};
    }
    sorted_.resize(samples_.size());
    resolveLimits(totalWeight);
  }

  FittedTree build() {
    FittedTree tree;
    tree.valueWidth = isClassifier() ? data_.nClasses : 1;
    std::vector<PendingNode> stack;
    stack.push_back({0, samples_.size(), 0, -1, false, 0.0, false, 0});
    while (!stack.empty()) {
      PendingNode pending = stack.back();
      stack.pop_back();
      const int32_t id = static_cast<int32_t>(tree.nodes.size());
      if (pending.parent >= 0) {
        TreeNode& parent = tree.nodes[static_cast<size_t>(pending.parent)];
        (pending.isLeft ? parent.left : parent.right) = id;
      }
      const size_t start = pending.start, end = pending.end;
      const size_t nNode = end - start;
      accumulate(start, end, &node_stats_);
      const double impurity =
          pending.impurityKnown ? pending.impurity : impurity_.node(node_stats_);
      bool isLeaf = pending.depth >= max_depth_ || nNode < min_samples_split_ ||
                    nNode < 2 * min_samples_leaf_ || node_stats_.weight < 2 * min_weight_leaf_;
      isLeaf = isLeaf || impurity <= kEpsilon;

      Split split;
      size_t nConstant = pending.nConstantFeatures;
      double impurityLeft = 0, impurityRight = 0;
      if (!isLeaf) {
        split = findSplit(start, end, &nConstant);
        isLeaf = split.pos >= end;
        if (!isLeaf) {
          accumulate(start, split.pos, &left_stats_);
          accumulate(split.pos, end, &right_stats_);
          impurityLeft = impurity_.node(left_stats_);
          impurityRight = impurity_.node(right_stats_);
          const double w = node_stats_.weight;
          const double improvement =
              (w / root_weight_) * (impurity - right_stats_.weight / w * impurityRight -
                                    left_stats_.weight / w * impurityLeft);
          isLeaf = improvement + kEpsilon < params_.minImpurityDecrease;
        }
      }

      TreeNode node = {-1, 0.0, -1, -1, 0};
      if (isLeaf) {
        node.value = static_cast<uint32_t>(tree.values.size());
        if (isClassifier()) {
          tree.values.insert(tree.values.end(), node_stats_.sums.begin(), node_stats_.sums.end());
        } else {
          tree.values.push_back(node_stats_.sums[0] / node_stats_.weight);
        }
      } else {
        node.feature = split.feature;
        node.threshold = split.threshold;
        // Right first so that the left subtree is built (and numbered) first: pre-order.
        stack.push_back(
            {split.pos, end, pending.depth + 1, id, false, impurityRight, true, nConstant});
        stack.push_back(
            {start, split.pos, pending.depth + 1, id, true, impurityLeft, true, nConstant});
      }
      tree.nodes.push_back(node);
    }
    return tree;
  }

 private:
  bool isClassifier() const { return data_.labels != nullptr; }

  void resolveLimits(double totalWeight) {
    const double n = static_cast<double>(data_.nSamples);
    const SampleCount leaf = params_.minSamplesLeaf;
    min_samples_leaf_ = leaf.fraction ? static_cast<size_t>(std::ceil(leaf.value * n))
                                      : static_cast<size_t>(leaf.value);
    const SampleCount split = params_.minSamplesSplit;
    min_samples_split_ = split.fraction
                             ? std::max<size_t>(2, static_cast<size_t>(std::ceil(split.value * n)))
                             : static_cast<size_t>(split.value);
    min_samples_split_ = std::max(min_samples_split_, 2 * min_samples_leaf_);
    min_weight_leaf_ = params_.minWeightFractionLeaf * totalWeight;
    max_depth_ = params_.maxDepth < 0 ? INT_MAX : params_.maxDepth;
    max_features_ = resolveMaxFeatures(params_.maxFeatures, data_.nFeatures);
  }

  void addSample(uint32_t sample, NodeStats* stats) const {
    const double w = weights_[sample];
    stats->weight += w;
    if (isClassifier()) {
      stats->sums[static_cast<size_t>(data_.labels[sample])] += w;
    } else {
      const double y = data_.targets[sample];
      stats->sums[0] += w * y;
      stats->sums[1] += w * y * y;
    }
  }

  void accumulate(size_t start, size_t end, NodeStats* stats) const {
    stats->clear();
    for (size_t p = start; p < end; ++p) addSample(samples_[p], stats);
  }

  const float* column(uint32_t feature) const {
    return data_.columns + static_cast<size_t>(feature) * data_.nSamples;
  }

  // scikit-learn's feature sampling (BestSplitter/RandomSplitter.node_split): draw features
  // without replacement until max_features were visited and at least one was not constant;
  // features known to be constant in an ancestor are skipped and stay at the front.
  Split findSplit(size_t start, size_t end, size_t* nConstantFeatures) {
    Split best;
    best.pos = end;
    const size_t nKnownConstants = *nConstantFeatures;
    size_t nTotalConstants = nKnownConstants;
    size_t nFoundConstants = 0, nDrawnConstants = 0, nVisited = 0;
    size_t fI = data_.nFeatures;
    while (fI > nTotalConstants &&
           (nVisited < max_features_ || nVisited <= nFoundConstants + nDrawnConstants)) {
      ++nVisited;
      size_t fJ = random_->between(static_cast<uint32_t>(nDrawnConstants),
                                   static_cast<uint32_t>(fI - nFoundConstants));
      if (fJ < nKnownConstants) {
        std::swap(features_[nDrawnConstants], features_[fJ]);
        ++nDrawnConstants;
        continue;
      }
      fJ += nFoundConstants;
      const uint32_t feature = features_[fJ];
      const bool constant = params_.randomSplits ? !tryRandomSplit(feature, start, end, &best)
                                                 : !tryBestSplits(feature, start, end, &best);
      if (constant) {
        std::swap(features_[fJ], features_[nTotalConstants]);
        ++nFoundConstants;
        ++nTotalConstants;
        continue;
      }
      --fI;
      std::swap(features_[fI], features_[fJ]);
    }
    if (best.pos < end) best.pos = partition(start, end, best.feature, best.threshold);
    // Keep the known constants in their original order for siblings and children; record the
    // newly found ones after them.
    std::copy(constant_features_.begin(), constant_features_.begin() + nKnownConstants,
              features_.begin());
    std::copy(features_.begin() + nKnownConstants,
              features_.begin() + nKnownConstants + nFoundConstants,
              constant_features_.begin() + nKnownConstants);
    *nConstantFeatures = nTotalConstants;
    return best;
  }

  // Every threshold between adjacent distinct values of `feature`. False if it is constant.
  bool tryBestSplits(uint32_t feature, size_t start, size_t end, Split* best) {
    const float* x = column(feature);
    const size_t n = end - start;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t s = samples_[start + i];
      sorted_[i] = {x[s], s};
    }
    sortByValue(n);
    if (sorted_[n - 1].value <= sorted_[0].value + kFeatureThreshold) return false;
    if (isClassifier() && params_.criterion == Criterion::kGini) {
      switch (data_.nClasses) {
        case 2:
          scanGini<2>(feature, start, n, best);
          break;
        case 3:
          scanGini<3>(feature, start, n, best);
          break;
        case 4:
          scanGini<4>(feature, start, n, best);
          break;
        default:
          scanGini<0>(feature, start, n, best);
      }
      return true;
    }
    left_stats_.clear();
    size_t p = 0;
    while (p < n) {
      while (p + 1 < n && sorted_[p + 1].value <= sorted_[p].value + kFeatureThreshold) {
        addSample(sorted_[p].sample, &left_stats_);
        ++p;
      }
      addSample(sorted_[p].sample, &left_stats_);
      ++p;
      if (p >= n) break;
      if (p < min_samples_leaf_ || n - p < min_samples_leaf_) continue;
      const double wl = left_stats_.weight;
      if (wl < min_weight_leaf_ || node_stats_.weight - wl < min_weight_leaf_) continue;
      const double proxy = impurity_.proxy(left_stats_, node_stats_);
      if (proxy > best->proxy) {
        const double low = sorted_[p - 1].value, high = sorted_[p].value;
        double threshold = low / 2.0 + high / 2.0;
        if (threshold == high || std::isinf(threshold)) threshold = low;
        *best = {static_cast<int32_t>(feature), threshold, start + p, proxy};
      }
    }
    return true;
  }

  // The loop above for gini classifiers, on raw arrays with the proxy inlined: the same sums
  // in the same order, so the same splits, about twice as fast. With kWidth classes (2-4) the
  // left sums stay in registers: kept in memory, g++ 12 read them back as 16-byte loads right
  // after an 8-byte store to one of them, loads the CPU cannot forward from the store, and
  // forests fitted 1.3-1.6x slower than with clang. The sums are the same: w * 1 == w and
  // l + w * 0 == l exactly (weights are bootstrap counts). kWidth 0: any number of classes.
  template <size_t kWidth>
  void scanGini(uint32_t feature, size_t start, size_t n, Split* best) {
    const size_t width = kWidth ? kWidth : data_.nClasses;
    double inRegisters[kWidth ? kWidth : 1] = {};
    double* left = kWidth ? inRegisters : left_stats_.sums.data();
    if (!kWidth) std::fill(left, left + width, 0.0);
    const double* total = node_stats_.sums.data();
    const double wTotal = node_stats_.weight;
    const Entry* sorted = sorted_.data();
    const ClassSample* info = class_samples_.data();
    double wl = 0;
    const auto add = [&](const ClassSample& c) {
      wl += c.weight;
      if (kWidth) {
        for (size_t k = 0; k < kWidth; ++k) left[k] += c.weight * (c.label == k ? 1.0 : 0.0);
      } else {
        left[c.label] += c.weight;
      }
    };
    size_t p = 0;
    while (p < n) {
      while (p + 1 < n && sorted[p + 1].value <= sorted[p].value + kFeatureThreshold) {
        add(info[sorted[p].sample]);
        ++p;
      }
      add(info[sorted[p].sample]);
      ++p;
      if (p >= n) break;
      if (p < min_samples_leaf_ || n - p < min_samples_leaf_) continue;
      if (wl < min_weight_leaf_ || wTotal - wl < min_weight_leaf_) continue;
      const double proxy = Impurity::giniProxy(left, total, width, wl, wTotal);
      if (proxy > best->proxy) {
        const double low = sorted[p - 1].value, high = sorted[p].value;
        double threshold = low / 2.0 + high / 2.0;
        if (threshold == high || std::isinf(threshold)) threshold = low;
        *best = {static_cast<int32_t>(feature), threshold, start + p, proxy};
      }
    }
    if (kWidth) std::copy(left, left + width, left_stats_.sums.begin());
    left_stats_.weight = wl;
  }

  // ExtraTrees: one threshold drawn uniformly between the node's min and max of `feature`.
  bool tryRandomSplit(uint32_t feature, size_t start, size_t end, Split* best) {
    const float* x = column(feature);
    float low = x[samples_[start]], high = low;
    for (size_t p = start + 1; p < end; ++p) {
      const float v = x[samples_[p]];
      if (v < low) low = v;
      if (v > high) high = v;
    }
    if (high <= low + kFeatureThreshold) return false;
    double threshold = (static_cast<double>(high) - low) * random_->uniform() + low;
    if (threshold == high) threshold = low;
    left_stats_.clear();
    size_t nLeft = 0;
    for (size_t p = start; p < end; ++p) {
      if (x[samples_[p]] <= threshold) {
        addSample(samples_[p], &left_stats_);
        ++nLeft;
      }
    }
    const size_t nRight = end - start - nLeft;
    if (nLeft < min_samples_leaf_ || nRight < min_samples_leaf_) return true;
    const double wl = left_stats_.weight;
    if (wl < min_weight_leaf_ || node_stats_.weight - wl < min_weight_leaf_) return true;
    const double proxy = impurity_.proxy(left_stats_, node_stats_);
    if (proxy > best->proxy)
      *best = {static_cast<int32_t>(feature), threshold, start + nLeft, proxy};
    return true;
  }

  // Moves the samples that go left (x <= threshold) to the front; returns where the right
  // child starts.
  size_t partition(size_t start, size_t end, int32_t feature, double threshold) {
    const float* x = column(static_cast<uint32_t>(feature));
    size_t left = start, right = end;
    while (left < right) {
      if (x[samples_[left]] <= threshold) {
        ++left;
      } else {
        --right;
        std::swap(samples_[left], samples_[right]);
      }
    }
    return left;
  }

  struct Entry {
    float value;
    uint32_t sample;
  };
  struct ClassSample {
    double weight;
    uint32_t label;
  };
  std::vector<ClassSample> class_samples_;

  // Sorts sorted_[0, n) by value. Samples of equal value may come in any order: a split never
  // falls between them and, for classifiers, their (integer) weights add up exactly in any
  // order. Regression sums w * y, whose rounding depends on the order, so regressors keep
  // std::sort's order (the bytes of fitted models must not change).
  void sortByValue(size_t n) {
    const auto less = [](const Entry& a, const Entry& b) { return a.value < b.value; };
    if (n < kRadixMinimum || !isClassifier()) {
      std::sort(sorted_.begin(), sorted_.begin() + static_cast<ptrdiff_t>(n), less);
      return;
    }
    radixSort(n);
  }

  // Float32 bits mapped so that unsigned order is numeric order (-0 just before +0).
  static uint32_t orderedKey(float value) {
    uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits & 0x80000000u ? ~bits : bits | 0x80000000u;
  }

  // LSD radix sort in four byte passes (one histogram pass for all four); a pass whose byte
  // is the same for every value (often the top one) is skipped.
  void radixSort(size_t n) {
    uint32_t(&count)[4][256] = counts_;
    std::memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t key = orderedKey(sorted_[i].value);
      ++count[0][key & 0xFF];
      ++count[1][(key >> 8) & 0xFF];
      ++count[2][(key >> 16) & 0xFF];
      ++count[3][key >> 24];
    }
    scratch_.resize(sorted_.size());
    Entry* from = sorted_.data();
    Entry* to = scratch_.data();
    for (unsigned pass = 0; pass < 4; ++pass) {
      uint32_t* bucket = count[pass];
      const unsigned shift = 8 * pass;
      if (bucket[(orderedKey(from[0].value) >> shift) & 0xFF] == n) continue;
      uint32_t total = 0;
      for (size_t b = 0; b < 256; ++b) {
        const uint32_t c = bucket[b];
        bucket[b] = total;
        total += c;
      }
      for (size_t i = 0; i < n; ++i)
        to[bucket[(orderedKey(from[i].value) >> shift) & 0xFF]++] = from[i];
      std::swap(from, to);
    }
    if (from != sorted_.data()) std::copy(from, from + n, sorted_.data());
  }

  static constexpr size_t kRadixMinimum = 64;
  uint32_t counts_[4][256];
  std::vector<Entry> scratch_;

  const TreeData& data_;
  const TreeParams& params_;
  Random* random_;
  Impurity impurity_;
  std::vector<double> weights_;
  std::vector<uint32_t> samples_;
  std::vector<uint32_t> features_;
  std::vector<uint32_t> constant_features_;
  std::vector<Entry> sorted_;
  NodeStats node_stats_, left_stats_, right_stats_;
  double root_weight_ = 0;
  size_t min_samples_leaf_ = 1, min_samples_split_ = 2, max_features_ = 1;
  double min_weight_leaf_ = 0;
  int max_depth_ = INT_MAX;
};

}  // namespace

size_t resolveMaxFeatures(const MaxFeatures& maxFeatures, size_t nFeatures) {
  const double n = static_cast<double>(nFeatures);
  double count = n;
  switch (maxFeatures.mode) {
    case MaxFeatures::kAll:
      count = n;
      break;
    case MaxFeatures::kSqrt:
      count = std::floor(std::sqrt(n));
      break;
    case MaxFeatures::kLog2:
      count = std::floor(std::log2(n));
      break;
    case MaxFeatures::kCount:
      count = maxFeatures.value;
      break;
    case MaxFeatures::kFraction:
      count = std::floor(maxFeatures.value * n);
      break;
  }
  return static_cast<size_t>(std::min(n, std::max(1.0, count)));
}

FittedTree buildTree(const TreeData& data, const TreeParams& params,
                     const std::vector<double>& sampleWeight, Random* random) {
  TreeBuilder builder(data, params, sampleWeight, random);
  return builder.build();
}

}  // namespace emflow::train
