#include "tree_builder.h"

#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
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
  bool is_left;
  double impurity;
  bool impurity_known;
  size_t n_constant_features;
};

class TreeBuilder {
 public:
  TreeBuilder(const TreeData& data, const TreeParams& params,
              const std::vector<double>& sample_weight, Random* random)
      : data_(data),
        params_(params),
        random_(random),
        impurity_(params.criterion, data.n_classes),
        node_stats_(impurity_.empty_stats()),
        left_stats_(impurity_.empty_stats()),
        right_stats_(impurity_.empty_stats()) {
    weights_.assign(data.n_samples, 1.0);
    if (!sample_weight.empty()) weights_ = sample_weight;
    double total_weight = 0;
    for (size_t i = 0; i < data.n_samples; ++i) {
      if (weights_[i] != 0.0) samples_.push_back(static_cast<uint32_t>(i));
      total_weight += weights_[i];
    }
    root_weight_ = total_weight;
    features_.resize(data.n_features);
    for (size_t f = 0; f < data.n_features; ++f) features_[f] = static_cast<uint32_t>(f);
    constant_features_.assign(data.n_features, 0);
    sorted_.resize(samples_.size());
    resolve_limits(total_weight);
  }

  FittedTree build() {
    FittedTree tree;
    tree.value_width = is_classifier() ? data_.n_classes : 1;
    std::vector<PendingNode> stack;
    stack.push_back({0, samples_.size(), 0, -1, false, 0.0, false, 0});
    while (!stack.empty()) {
      PendingNode pending = stack.back();
      stack.pop_back();
      const int32_t id = static_cast<int32_t>(tree.nodes.size());
      if (pending.parent >= 0) {
        TreeNode& parent = tree.nodes[static_cast<size_t>(pending.parent)];
        (pending.is_left ? parent.left : parent.right) = id;
      }
      const size_t start = pending.start, end = pending.end;
      const size_t n_node = end - start;
      accumulate(start, end, &node_stats_);
      const double impurity =
          pending.impurity_known ? pending.impurity : impurity_.node(node_stats_);
      bool is_leaf = pending.depth >= max_depth_ || n_node < min_samples_split_ ||
                     n_node < 2 * min_samples_leaf_ || node_stats_.weight < 2 * min_weight_leaf_;
      is_leaf = is_leaf || impurity <= kEpsilon;

      Split split;
      size_t n_constant = pending.n_constant_features;
      double impurity_left = 0, impurity_right = 0;
      if (!is_leaf) {
        split = find_split(start, end, &n_constant);
        is_leaf = split.pos >= end;
        if (!is_leaf) {
          accumulate(start, split.pos, &left_stats_);
          accumulate(split.pos, end, &right_stats_);
          impurity_left = impurity_.node(left_stats_);
          impurity_right = impurity_.node(right_stats_);
          const double w = node_stats_.weight;
          const double improvement =
              (w / root_weight_) * (impurity - right_stats_.weight / w * impurity_right -
                                    left_stats_.weight / w * impurity_left);
          is_leaf = improvement + kEpsilon < params_.min_impurity_decrease;
        }
      }

      TreeNode node = {-1, 0.0, -1, -1, 0};
      if (is_leaf) {
        node.value = static_cast<uint32_t>(tree.values.size());
        if (is_classifier()) {
          tree.values.insert(tree.values.end(), node_stats_.sums.begin(), node_stats_.sums.end());
        } else {
          tree.values.push_back(node_stats_.sums[0] / node_stats_.weight);
        }
      } else {
        node.feature = split.feature;
        node.threshold = split.threshold;
        // Right first so that the left subtree is built (and numbered) first: pre-order.
        stack.push_back(
            {split.pos, end, pending.depth + 1, id, false, impurity_right, true, n_constant});
        stack.push_back(
            {start, split.pos, pending.depth + 1, id, true, impurity_left, true, n_constant});
      }
      tree.nodes.push_back(node);
    }
    return tree;
  }

 private:
  bool is_classifier() const { return data_.labels != nullptr; }

  void resolve_limits(double total_weight) {
    const double n = static_cast<double>(data_.n_samples);
    const SampleCount leaf = params_.min_samples_leaf;
    min_samples_leaf_ = leaf.fraction ? static_cast<size_t>(std::ceil(leaf.value * n))
                                      : static_cast<size_t>(leaf.value);
    const SampleCount split = params_.min_samples_split;
    min_samples_split_ = split.fraction
                             ? std::max<size_t>(2, static_cast<size_t>(std::ceil(split.value * n)))
                             : static_cast<size_t>(split.value);
    min_samples_split_ = std::max(min_samples_split_, 2 * min_samples_leaf_);
    min_weight_leaf_ = params_.min_weight_fraction_leaf * total_weight;
    max_depth_ = params_.max_depth < 0 ? INT_MAX : params_.max_depth;
    max_features_ = resolve_max_features(params_.max_features, data_.n_features);
  }

  void add_sample(uint32_t sample, NodeStats* stats) const {
    const double w = weights_[sample];
    stats->weight += w;
    if (is_classifier()) {
      stats->sums[static_cast<size_t>(data_.labels[sample])] += w;
    } else {
      const double y = data_.targets[sample];
      stats->sums[0] += w * y;
      stats->sums[1] += w * y * y;
    }
  }

  void accumulate(size_t start, size_t end, NodeStats* stats) const {
    stats->clear();
    for (size_t p = start; p < end; ++p) add_sample(samples_[p], stats);
  }

  const float* column(uint32_t feature) const {
    return data_.columns + static_cast<size_t>(feature) * data_.n_samples;
  }

  // scikit-learn's feature sampling (BestSplitter/RandomSplitter.node_split): draw features
  // without replacement until max_features were visited and at least one was not constant;
  // features known to be constant in an ancestor are skipped and stay at the front.
  Split find_split(size_t start, size_t end, size_t* n_constant_features) {
    Split best;
    best.pos = end;
    const size_t n_known_constants = *n_constant_features;
    size_t n_total_constants = n_known_constants;
    size_t n_found_constants = 0, n_drawn_constants = 0, n_visited = 0;
    size_t f_i = data_.n_features;
    while (f_i > n_total_constants &&
           (n_visited < max_features_ || n_visited <= n_found_constants + n_drawn_constants)) {
      ++n_visited;
      size_t f_j = random_->between(static_cast<uint32_t>(n_drawn_constants),
                                    static_cast<uint32_t>(f_i - n_found_constants));
      if (f_j < n_known_constants) {
        std::swap(features_[n_drawn_constants], features_[f_j]);
        ++n_drawn_constants;
        continue;
      }
      f_j += n_found_constants;
      const uint32_t feature = features_[f_j];
      const bool constant = params_.random_splits ? !try_random_split(feature, start, end, &best)
                                                  : !try_best_splits(feature, start, end, &best);
      if (constant) {
        std::swap(features_[f_j], features_[n_total_constants]);
        ++n_found_constants;
        ++n_total_constants;
        continue;
      }
      --f_i;
      std::swap(features_[f_i], features_[f_j]);
    }
    if (best.pos < end) best.pos = partition(start, end, best.feature, best.threshold);
    // Keep the known constants in their original order for siblings and children; record the
    // newly found ones after them.
    std::copy(constant_features_.begin(), constant_features_.begin() + n_known_constants,
              features_.begin());
    std::copy(features_.begin() + n_known_constants,
              features_.begin() + n_known_constants + n_found_constants,
              constant_features_.begin() + n_known_constants);
    *n_constant_features = n_total_constants;
    return best;
  }

  // Every threshold between adjacent distinct values of `feature`. False if it is constant.
  bool try_best_splits(uint32_t feature, size_t start, size_t end, Split* best) {
    const float* x = column(feature);
    const size_t n = end - start;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t s = samples_[start + i];
      sorted_[i] = {x[s], s};
    }
    std::sort(sorted_.begin(), sorted_.begin() + static_cast<ptrdiff_t>(n),
              [](const Entry& a, const Entry& b) { return a.value < b.value; });
    if (sorted_[n - 1].value <= sorted_[0].value + kFeatureThreshold) return false;
    left_stats_.clear();
    size_t p = 0;
    while (p < n) {
      while (p + 1 < n && sorted_[p + 1].value <= sorted_[p].value + kFeatureThreshold) {
        add_sample(sorted_[p].sample, &left_stats_);
        ++p;
      }
      add_sample(sorted_[p].sample, &left_stats_);
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

  // ExtraTrees: one threshold drawn uniformly between the node's min and max of `feature`.
  bool try_random_split(uint32_t feature, size_t start, size_t end, Split* best) {
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
    size_t n_left = 0;
    for (size_t p = start; p < end; ++p) {
      if (x[samples_[p]] <= threshold) {
        add_sample(samples_[p], &left_stats_);
        ++n_left;
      }
    }
    const size_t n_right = end - start - n_left;
    if (n_left < min_samples_leaf_ || n_right < min_samples_leaf_) return true;
    const double wl = left_stats_.weight;
    if (wl < min_weight_leaf_ || node_stats_.weight - wl < min_weight_leaf_) return true;
    const double proxy = impurity_.proxy(left_stats_, node_stats_);
    if (proxy > best->proxy)
      *best = {static_cast<int32_t>(feature), threshold, start + n_left, proxy};
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

size_t resolve_max_features(const MaxFeatures& max_features, size_t n_features) {
  const double n = static_cast<double>(n_features);
  double count = n;
  switch (max_features.mode) {
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
      count = max_features.value;
      break;
    case MaxFeatures::kFraction:
      count = std::floor(max_features.value * n);
      break;
  }
  return static_cast<size_t>(std::min(n, std::max(1.0, count)));
}

FittedTree build_tree(const TreeData& data, const TreeParams& params,
                      const std::vector<double>& sample_weight, Random* random) {
  TreeBuilder builder(data, params, sample_weight, random);
  return builder.build();
}

}  // namespace emflow::train
