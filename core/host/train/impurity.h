// Split criteria as scikit-learn 1.2 computes them (sklearn/tree/_criterion.pyx): node
// impurity, and the "proxy" improvement that ranks candidate splits of one node (cheaper than
// the full improvement and ordered the same way).
#ifndef EMFLOW_HOST_TRAIN_IMPURITY_H
#define EMFLOW_HOST_TRAIN_IMPURITY_H

#include <cmath>
#include <cstddef>
#include <vector>

#include "params.h"

namespace emflow::train {

// Weighted statistics of a set of samples: per-class weights (classification) or
// [sum of w*y, sum of w*y*y] (regression), and the total weight.
struct NodeStats {
  double weight = 0;
  std::vector<double> sums;

  void clear() {
    weight = 0;
    for (double& s : sums) s = 0;
  }
};

class Impurity {
 public:
  Impurity(Criterion criterion, size_t nClasses)
      : criterion_(criterion), width_(criterion == Criterion::kSquaredError ? 2 : nClasses) {}

  size_t width() const { return width_; }
  NodeStats emptyStats() const {
    NodeStats stats;
    stats.sums.assign(width_, 0.0);
    return stats;
  }

  double node(const NodeStats& s) const {
    const double w = s.weight;
    switch (criterion_) {
      case Criterion::kGini: {
        double squares = 0;
        for (double c : s.sums) squares += c * c;
        return 1.0 - squares / (w * w);
      }
      case Criterion::kEntropy: {
        double entropy = 0;
        for (double c : s.sums) {
          if (c > 0) {
            const double p = c / w;
            entropy -= p * log2(p);
          }
        }
        return entropy;
      }
      case Criterion::kSquaredError: {
        const double mean = s.sums[0] / w;
        return s.sums[1] / w - mean * mean;
      }
    }
    return 0;
  }

  // proxy() for gini, on raw sums: the tree builder's hot loop calls it directly (inlined).
  static inline double giniProxy(const double* left, const double* total, size_t width, double wl,
                                 double wTotal) {
    const double wr = wTotal - wl;
    double sqLeft = 0, sqRight = 0;
    for (size_t k = 0; k < width; ++k) {
      const double l = left[k];
      const double r = total[k] - l;
      sqLeft += l * l;
      sqRight += r * r;
    }
    const double giniLeft = 1.0 - sqLeft / (wl * wl);
    const double giniRight = 1.0 - sqRight / (wr * wr);
    return -wr * giniRight - wl * giniLeft;
  }

  Criterion criterion() const { return criterion_; }

  // Ranks the split (left, total - left) of a node: larger is better.
  double proxy(const NodeStats& left, const NodeStats& total) const {
    const double wl = left.weight;
    const double wr = total.weight - wl;
    switch (criterion_) {
      case Criterion::kGini:
        return giniProxy(left.sums.data(), total.sums.data(), width_, wl, total.weight);
      case Criterion::kEntropy: {
        double entLeft = 0, entRight = 0;
        for (size_t k = 0; k < width_; ++k) {
          const double l = left.sums[k];
          const double r = total.sums[k] - l;
          if (l > 0) entLeft -= (l / wl) * log2(l / wl);
          if (r > 0) entRight -= (r / wr) * log2(r / wr);
        }
        return -wr * entRight - wl * entLeft;
      }
      case Criterion::kSquaredError: {
        const double sl = left.sums[0];
        const double sr = total.sums[0] - sl;
        return sl * sl / wl + sr * sr / wr;
      }
    }
    return 0;
  }

 private:
  // scikit-learn's log base 2: ln(x) / ln(2), not log2(), so that both round the same way.
  static double log2(double x) { return std::log(x) / 0.69314718055994530942; }

  Criterion criterion_;
  size_t width_;
};

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_IMPURITY_H
