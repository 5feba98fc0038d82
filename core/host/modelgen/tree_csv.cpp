#include "tree_csv.h"

#include "ml/trees.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace emflow::modelgen {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

bool parseInt(const std::string& text, long long low, long long high, long long* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < low || v > high) return false;
  *value = v;
  return true;
}

bool parseNumber(const std::string& text, double* value) {
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
  long long nFeatures = -1, nClasses = -1;
  std::vector<std::pair<size_t, long long>> leafValues;
  std::vector<std::pair<size_t, long long>> roots;
  std::vector<RawNode> nodes;
};

constexpr long long kMaxIndex = 0x7FFFFFFF;
constexpr long long kInt16Min = -32768, kInt16Max = 32767;
constexpr long long kMaxDeviceFeature = 127;  // EmlTreesNode.feature is an int8_t

// Reads the records, each checked on its own line; how they fit together is buildTables'.
bool readRecords(const std::string& text, RawTree* raw, std::string* error) {
  long long& nFeatures = raw->nFeatures;
  long long& nClasses = raw->nClasses;
  auto& leafValues = raw->leafValues;
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
    auto expectFields = [&](size_t n) { return f.size() == n; };
    if (type == "f" || type == "c" || type == "lb") {
      if (!expectFields(2)) return fail("'" + type + "' needs exactly one value");
      long long v;
      if (!parseInt(f[1], 0, 65535, &v)) return fail("bad count '" + f[1] + "'");
      if (type == "f") {
        if (v == 0) return fail("n_features must be at least 1");
        nFeatures = v;
      } else if (type == "c") {
        if (v == 0)
          return fail(
              "c,0 is a regressor: emltrees is built without regression, so the device "
              "cannot load it");
        nClasses = v;
      } else if (v != 0) {
        return fail("leaf bits " + f[1] + " not supported (only 0: one value per leaf)");
      }
    } else if (type == "l") {
      if (!expectFields(2)) return fail("'l' needs exactly one value");
      long long v;  // the device reads a leaf with int(): "1.0" or "0.25" fail there
      if (!parseInt(f[1], -kMaxIndex, kMaxIndex, &v))
        return fail("bad leaf value '" + f[1] + "' (the device reads an integer class index)");
      leafValues.push_back({number, v});
    } else if (type == "r") {
      if (!expectFields(2)) return fail("'r' needs exactly one value");
      long long v;
      if (!parseInt(f[1], kInt16Min, kInt16Max, &v))
        return fail("bad root '" + f[1] + "' (the device's roots are int16)");
      roots.push_back({number, v});
    } else if (type == "n") {
      if (!expectFields(5)) return fail("'n' needs feature,threshold,left,right");
      RawNode node{number, 0, 0, 0, 0};
      if (!parseInt(f[1], 0, 65535, &node.feature)) return fail("bad feature '" + f[1] + "'");
      if (node.feature > kMaxDeviceFeature)
        return fail("feature " + f[1] + " past 127 (the device's features are int8)");
      if (!parseNumber(f[2], &node.threshold)) return fail("bad threshold '" + f[2] + "'");
      node.threshold = std::trunc(node.threshold);  // int(float(t)), as the device loads it
      if (node.threshold < kInt16Min || node.threshold > kInt16Max)
        return fail("threshold '" + f[2] + "' is outside int16 (the device would wrap it)");
      if (!parseInt(f[3], kInt16Min, kInt16Max, &node.left))
        return fail("bad left child '" + f[3] + "' (the device's children are int16)");
      if (!parseInt(f[4], kInt16Min, kInt16Max, &node.right))
        return fail("bad right child '" + f[4] + "' (the device's children are int16)");
      nodes.push_back(node);
    } else {
      return fail("unknown record type '" + type + "'");
    }
  }
  return true;
}

// The records as tables: every count present, every index within its table.
bool buildTables(const RawTree& raw, TreeTables* out, std::string* error) {
  const long long nFeatures = raw.nFeatures, nClasses = raw.nClasses;
  const auto& leafValues = raw.leafValues;
  const auto& roots = raw.roots;
  const auto& nodes = raw.nodes;
  size_t number = 0;  // errors are about the file as a whole unless a line is known
  auto fail = [&](const std::string& message) {
    *error = number ? "line " + std::to_string(number) + ": " + message : message;
    return false;
  };
  if (nFeatures < 0) return fail("missing 'f,<n_features>' record");
  if (nClasses < 0) return fail("missing 'c,<n_classes>' record");
  if (leafValues.empty()) return fail("no 'l' (leaf) records");
  if (roots.empty()) return fail("no 'r' (tree root) records");
  if (roots.size() > 65535) return fail("more than 65535 trees");

  TreeTables t;
  t.kind = kModelTreeClassifier;
  t.int16 = true;
  t.nFeatures = static_cast<uint16_t>(nFeatures);
  t.nOutputs = static_cast<uint16_t>(nClasses);
  if (t.nOutputs > EMFLOW_TREES_MAX_OUTPUTS) return fail("too many classes");
  const long long nLeaves = static_cast<long long>(leafValues.size());
  const long long nNodes = static_cast<long long>(nodes.size());
  for (const auto& [line_number, v] : leafValues) {
    number = line_number;
    if (v < 0 || v >= nClasses)
      return fail("leaf value '" + std::to_string(v) + "' is not a class index below " +
                  std::to_string(nClasses));
    std::vector<float> oneHot(nClasses, 0.0f);
    oneHot[static_cast<size_t>(v)] = 1.0f;
    t.leaves.push_back(oneHot);
  }
  auto checkLeaf = [nLeaves](long long ref) { return -(ref + 1) < nLeaves; };
  for (const auto& [line_number, root] : roots) {
    number = line_number;
    if (root >= nNodes) return fail("root " + std::to_string(root) + " is past the last node");
    if (root < 0 && !checkLeaf(root)) return fail("root names a missing leaf");
    t.roots.push_back(static_cast<int32_t>(root));
  }
  for (long long i = 0; i < nNodes; ++i) {
    const RawNode& node = nodes[static_cast<size_t>(i)];
    number = node.line;
    if (node.feature >= nFeatures)
      return fail("feature " + std::to_string(node.feature) + " >= n_features");
    for (long long child : {node.left, node.right}) {
      if (child == 0) return fail("a child points at its own node (a cycle)");
      if (child > 0 && i + child >= nNodes) return fail("a child points past the last node");
      if (child < 0 && !checkLeaf(child)) return fail("a child names a missing leaf");
    }
    TreeNode outNode;
    outNode.feature = static_cast<uint16_t>(node.feature);
    outNode.left = static_cast<int32_t>(node.left);
    outNode.right = static_cast<int32_t>(node.right);
    if (node.threshold > kInt16Min) {
      outNode.threshold = node.threshold - 1;  // x < t <=> x <= t - 1 for integers
    } else {  // x < -32768 holds for no int16: the device always goes right
      outNode.threshold = kInt16Min;
      outNode.left = outNode.right;
    }
    t.nodes.push_back(outNode);
  }
  *out = std::move(t);
  return true;
}

}  // namespace

bool parseTreeCsv(const std::string& text, TreeTables* out, std::string* error) {
  RawTree raw;
  return readRecords(text, &raw, error) && buildTables(raw, out, error);
}

}  // namespace emflow::modelgen
