#include "tree_csv.h"

#include "ml/trees.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace emflow::codegen {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

bool parse_int(const std::string& text, long long low, long long high, long long* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < low || v > high) return false;
  *value = v;
  return true;
}

bool parse_number(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(v) || std::fabs(v) > 3.4028234663852886e38)
    return false;
  *value = v;
  return true;
}

struct RawNode {
  size_t line;
  long long feature, left, right;
  double threshold;
};

// The records of a tree CSV as read, with the line each came from.
struct RawTree {
  long long n_features = -1, n_classes = -1;
  std::vector<std::pair<size_t, double>> leaf_values;
  std::vector<std::pair<size_t, long long>> roots;
  std::vector<RawNode> nodes;
};

constexpr long long kMaxIndex = 0x7FFFFFFF;

// Reads the records, each checked on its own line; how they fit together is build_tables'.
bool read_records(const std::string& text, RawTree* raw, std::string* error) {
  long long& n_features = raw->n_features;
  long long& n_classes = raw->n_classes;
  auto& leaf_values = raw->leaf_values;
  auto& roots = raw->roots;
  auto& nodes = raw->nodes;
  std::istringstream in(text);
  std::string line;
  size_t number = 0;
  auto fail = [&](const std::string& message) {
    *error = number ? "line " + std::to_string(number) + ": " + message : message;
    return false;
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    // strtod stops at a NUL byte, so "0.5\0junk" would read as 0.5 (docs/train.md "CSV input").
    if (line.find('\0') != std::string::npos) return fail("NUL byte in a field");
    const std::vector<std::string> f = split(line);
    const std::string& type = f[0];
    auto expect_fields = [&](size_t n) { return f.size() == n; };
    if (type == "f" || type == "c" || type == "lb") {
      if (!expect_fields(2)) return fail("'" + type + "' needs exactly one value");
      long long v;
      if (!parse_int(f[1], 0, 65535, &v)) return fail("bad count '" + f[1] + "'");
      if (type == "f") {
        if (v == 0) return fail("n_features must be at least 1");
        n_features = v;
      } else if (type == "c") {
        n_classes = v;
      } else if (v != 0) {
        return fail("leaf bits " + f[1] + " not supported (only 0: one value per leaf)");
      }
    } else if (type == "l") {
      if (!expect_fields(2)) return fail("'l' needs exactly one value");
      double v;
      if (!parse_number(f[1], &v)) return fail("bad leaf value '" + f[1] + "'");
      leaf_values.push_back({number, v});
    } else if (type == "r") {
      if (!expect_fields(2)) return fail("'r' needs exactly one value");
      long long v;
      if (!parse_int(f[1], -kMaxIndex, kMaxIndex, &v)) return fail("bad root '" + f[1] + "'");
      roots.push_back({number, v});
    } else if (type == "n") {
      if (!expect_fields(5)) return fail("'n' needs feature,threshold,left,right");
      RawNode node{number, 0, 0, 0, 0};
      if (!parse_int(f[1], 0, 65535, &node.feature)) return fail("bad feature '" + f[1] + "'");
      if (!parse_number(f[2], &node.threshold)) return fail("bad threshold '" + f[2] + "'");
      if (!parse_int(f[3], -kMaxIndex, kMaxIndex, &node.left))
        return fail("bad left child '" + f[3] + "'");
      if (!parse_int(f[4], -kMaxIndex, kMaxIndex, &node.right))
        return fail("bad right child '" + f[4] + "'");
      nodes.push_back(node);
    } else {
      return fail("unknown record type '" + type + "'");
    }
  }
  return true;
}

// The records as tables: every count present, every index within its table.
bool build_tables(const RawTree& raw, TreeTables* out, std::string* error) {
  const long long n_features = raw.n_features, n_classes = raw.n_classes;
  const auto& leaf_values = raw.leaf_values;
  const auto& roots = raw.roots;
  const auto& nodes = raw.nodes;
  size_t number = 0;  // errors are about the file as a whole unless a line is known
  auto fail = [&](const std::string& message) {
    *error = number ? "line " + std::to_string(number) + ": " + message : message;
    return false;
  };
  if (n_features < 0) return fail("missing 'f,<n_features>' record");
  if (n_classes < 0) return fail("missing 'c,<n_classes>' record");
  if (leaf_values.empty()) return fail("no 'l' (leaf) records");
  if (roots.empty()) return fail("no 'r' (tree root) records");
  if (roots.size() > 65535) return fail("more than 65535 trees");

  TreeTables t;
  t.kind = n_classes > 0 ? kModelTreeClassifier : kModelTreeRegressor;
  t.n_features = static_cast<uint16_t>(n_features);
  t.n_outputs = static_cast<uint16_t>(n_classes > 0 ? n_classes : 1);
  if (t.n_outputs > EMFLOW_TREES_MAX_OUTPUTS) return fail("too many classes");
  const long long n_leaves = static_cast<long long>(leaf_values.size());
  const long long n_nodes = static_cast<long long>(nodes.size());
  for (const auto& [line_number, v] : leaf_values) {
    number = line_number;
    if (n_classes > 0) {
      if (v != std::floor(v) || v < 0 || v >= n_classes)
        return fail("leaf value '" + std::to_string(v) + "' is not a class index below " +
                    std::to_string(n_classes));
      std::vector<float> one_hot(n_classes, 0.0f);
      one_hot[static_cast<size_t>(v)] = 1.0f;
      t.leaves.push_back(one_hot);
    } else {
      t.leaves.push_back({static_cast<float>(v)});
    }
  }
  auto check_leaf = [&](long long ref) { return -(ref + 1) < n_leaves; };
  for (const auto& [line_number, root] : roots) {
    number = line_number;
    if (root >= n_nodes) return fail("root " + std::to_string(root) + " is past the last node");
    if (root < 0 && !check_leaf(root)) return fail("root names a missing leaf");
    t.roots.push_back(static_cast<int32_t>(root));
  }
  for (long long i = 0; i < n_nodes; ++i) {
    const RawNode& node = nodes[static_cast<size_t>(i)];
    number = node.line;
    if (node.feature >= n_features)
      return fail("feature " + std::to_string(node.feature) + " >= n_features");
    for (long long child : {node.left, node.right}) {
      if (child == 0) return fail("a child points at its own node (a cycle)");
      if (child > 0 && i + child >= n_nodes) return fail("a child points past the last node");
      if (child < 0 && !check_leaf(child)) return fail("a child names a missing leaf");
    }
    TreeNode out_node;
    out_node.feature = static_cast<uint16_t>(node.feature);
    out_node.threshold = static_cast<float>(node.threshold);
    out_node.left = static_cast<int32_t>(node.left);
    out_node.right = static_cast<int32_t>(node.right);
    t.nodes.push_back(out_node);
  }
  *out = std::move(t);
  return true;
}

}  // namespace

bool parse_tree_csv(const std::string& text, TreeTables* out, std::string* error) {
  RawTree raw;
  return read_records(text, &raw, error) && build_tables(raw, out, error);
}

}  // namespace emflow::codegen
