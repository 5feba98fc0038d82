#include "multiclass_vote_codegen.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace emflow::modelgen {

namespace {

// One leaf's votes for classes 1..K-1 (class 0's is kScale minus their sum) and the worst
// difference, between two classes, of the rounding errors of its K votes.
struct LeafVotes {
  std::vector<uint16_t> votes;
  double pairError = 0;
};

LeafVotes quantize(const std::vector<float>& p, uint32_t scale) {
  const size_t k = p.size();
  std::vector<int64_t> q(k);
  int64_t rest = 0;
  for (size_t c = 1; c < k; ++c) {
    q[c] = static_cast<int64_t>(std::floor(static_cast<double>(p[c]) * scale + 0.5));
    rest += q[c];
  }
  // Rounding up may overshoot the scale: take the excess from the biggest votes.
  while (rest > static_cast<int64_t>(scale)) {
    const auto biggest = std::max_element(q.begin() + 1, q.end());
    --*biggest;
    --rest;
  }
  q[0] = static_cast<int64_t>(scale) - rest;
  LeafVotes out;
  double low = 0, high = 0;
  for (size_t c = 0; c < k; ++c) {
    const double error = static_cast<double>(q[c]) - static_cast<double>(p[c]) * scale;
    low = c ? std::min(low, error) : error;
    high = c ? std::max(high, error) : error;
    if (c) out.votes.push_back(static_cast<uint16_t>(q[c]));
  }
  out.pairError = high - low;
  return out;
}

bool alwaysLeft(const TreeTables& t, const TreeNode& n) {
  return t.int16 && n.threshold >= 32767;
}

std::string threshold(const TreeTables& t, double value) {
  char text[48];
  if (t.int16) {
    const long v = static_cast<long>(value);
    return v == -32768 ? "(-32767 - 1)" : std::to_string(v);
  }
  std::snprintf(text, sizeof text, "%.9g", value);
  std::string s = text;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s + "f";
}

// Writes one tree as flat goto code adding to s1..s(K-1); returns the worst pair error of the
// leaves it can reach (their rounding bounds this tree's share of the sums' error).
class GotoTreeWriter {
 public:
  GotoTreeWriter(const TreeTables& t, const std::vector<LeafVotes>& votes, size_t tree,
                 std::ostringstream& out)
      : t_(t), votes_(votes), tree_(tree), out_(out) {}

  double write() {
    std::ostringstream body;
    emit(-1, t_.roots[tree_], body);
    std::string code = body.str();
    // The last leaf falls through to the end: its jump is dropped.
    const std::string last = "    goto " + endLabel() + ";\n";
    if (code.size() >= last.size() &&
        code.compare(code.size() - last.size(), last.size(), last) == 0) {
      code.erase(code.size() - last.size());
      --end_jumps_;
    }
    out_ << "  // tree " << tree_ << "\n" << code;
    if (end_jumps_ > 0) out_ << endLabel() << ":;\n";
    return worst_;
  }

 private:
  std::string endLabel() const { return "t" + std::to_string(tree_) + "_end"; }

  // Depth first on an explicit stack (a degenerate tree may be a chain of tens of thousands
  // of nodes): a child (parent, ref), or the label of node `parent`'s right child.
  struct Step {
    bool label;
    int64_t parent;
    int32_t ref;
  };

  void emit(int64_t parent, int32_t root, std::ostringstream& body) {
    std::vector<Step> steps = {{false, parent, root}};
    while (!steps.empty()) {
      const Step step = steps.back();
      steps.pop_back();
      if (step.label)
        body << rightLabel(static_cast<size_t>(step.parent)) << ":\n";
      else
        emitChild(step.parent, step.ref, body, &steps);
    }
  }

  std::string rightLabel(size_t index) const {
    return "t" + std::to_string(tree_) + "_n" + std::to_string(index);
  }

  void emitChild(int64_t parent, int32_t ref, std::ostringstream& body, std::vector<Step>* steps) {
    if (ref < 0) {
      const LeafVotes& leaf = votes_[static_cast<size_t>(-(ref + 1))];
      worst_ = std::max(worst_, leaf.pairError);
      for (size_t c = 0; c < leaf.votes.size(); ++c)
        if (leaf.votes[c]) body << "    s" << (c + 1) << " += " << leaf.votes[c] << "u;\n";
      body << "    goto " << endLabel() << ";\n";
      ++end_jumps_;
      return;
    }
    const size_t index = static_cast<size_t>(parent < 0 ? ref : parent + ref);
    const TreeNode& n = t_.nodes[index];
    const int64_t self = static_cast<int64_t>(index);
    if (alwaysLeft(t_, n)) {  // every int16 is <= 32767: the right subtree is unreachable
      steps->push_back({false, self, n.left});
      return;
    }
    body << "  if (!(x[" << n.feature << "] <= " << threshold(t_, n.threshold) << ")) goto "
         << rightLabel(index) << ";\n";
    steps->push_back({false, self, n.right});
    steps->push_back({true, self, 0});
    steps->push_back({false, self, n.left});
  }

  const TreeTables& t_;
  const std::vector<LeafVotes>& votes_;
  size_t tree_;
  std::ostringstream& out_;
  double worst_ = 0;
  int end_jumps_ = 0;
};

}  // namespace

bool multiClassVote16Fits(const TreeTables& t) {
  return t.kind == kModelTreeClassifier && t.nOutputs >= 3 && t.nOutputs <= kMultiVoteMaxClasses &&
         !t.roots.empty() && t.roots.size() <= kMultiVoteMaxTrees && !t.leaves.empty() &&
         t.leaves[0].size() == t.nOutputs;
}

void writeMultiClassVote16(const TreeTables& t, size_t chunk, std::ostringstream& h) {
  const size_t nTrees = t.roots.size();
  const size_t others = t.nOutputs - 1u;
  const uint32_t scale = static_cast<uint32_t>(65535u / nTrees);
  std::vector<LeafVotes> votes;
  votes.reserve(t.leaves.size());
  for (const auto& leaf : t.leaves) votes.push_back(quantize(leaf, scale));

  std::ostringstream functions;
  double bound = 0;
  for (size_t start = 0; start < nTrees; start += chunk) {
    const size_t end = std::min(nTrees, start + chunk);
    functions << "static void vote_trees_" << start
              << "(const Feature* x, uint16_t* sum) {\n  uint16_t ";
    for (size_t c = 1; c <= others; ++c) functions << (c > 1 ? ", " : "") << "s" << c << " = 0";
    functions << ";\n";
    for (size_t i = start; i < end; ++i) {
      GotoTreeWriter writer(t, votes, i, functions);
      bound += writer.write();
    }
    for (size_t c = 1; c <= others; ++c) functions << "  sum[" << c << "] += s" << c << ";\n";
    functions << "}\n\n";
  }
  // The leaves' float32 probabilities differ from the exact ones by at most 2^-24 each.
  bound += static_cast<double>(nTrees) * scale * 2.0 * std::ldexp(1.0, -23);
  const uint32_t slack = static_cast<uint32_t>(std::floor(bound));

  h << "// Fixed-point soft voting for predict_label(): a leaf adds round(p * kScale) for classes\n"
    << "// 1..K-1 (class 0 gets the rest of kScale). Sums closer than kSlack (the worst rounding\n"
    << "// error of a difference of two sums) are decided by predict() from the float leaves.\n"
    << "static const uint32_t kScale = " << scale << "u;\n"
    << "static const uint16_t kSlack = " << slack << "u;\n\n"
    << functions.str()
    << "// The exact path, out of line: the registers its tree walk takes (on AVR, assembly)\n"
    << "// stay out of the allocation of the votes' code.\n"
    << "__attribute__((noinline)) static int32_t exact_label(const Feature* x) {\n"
    << "  return predict(x, 0);\n}\n\n"
    << "inline int32_t predict_label(const Feature* x) {\n"
    << "  uint16_t sum[" << t.nOutputs << "] = {0};\n";
  for (size_t start = 0; start < nTrees; start += chunk)
    h << "  vote_trees_" << start << "(x, sum);\n";
  h << "  uint16_t rest = static_cast<uint16_t>(kTrees * kScale);\n"
    << "  for (uint16_t k = 1; k < kOutputs; ++k) rest = static_cast<uint16_t>(rest - sum[k]);\n"
    << "  sum[0] = rest;\n"
    << "  uint16_t best = 0;\n"
    << "  for (uint16_t k = 1; k < kOutputs; ++k)\n    if (sum[k] > sum[best]) best = k;\n"
    << "  for (uint16_t k = 0; k < kOutputs; ++k)\n"
    << "    if (k != best && static_cast<uint16_t>(sum[best] - sum[k]) <= kSlack)\n"
    << "      return exact_label(x);  // too close for the rounded votes: the exact path decides\n"
    << "  return best;\n}\n\n";
}

}  // namespace emflow::modelgen
