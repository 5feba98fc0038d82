#include "tree_tables.h"

#include <algorithm>
#include <cstring>

#include "host/input_file.h"
#include "ml/model.h"

namespace emflow::modelgen {

bool isTreeKind(ModelKind kind) {
  return kind >= kModelTreeClassifier && kind <= kModelIsolationForest;
}

Status readTreeTables(const std::vector<uint8_t>& blob, TreeTables* out) {
  Model model;
  Status status = modelOpen(&model, blob.data(), blob.size(), kMemoryRam);
  if (status != kOk) return status;
  if (!isTreeKind(model.blob.kind)) return kErrModelType;
  const TreeEnsemble& t = model.state.trees;
  const uint8_t* d = blob.data();
  TreeTables tables;
  tables.kind = model.blob.kind;
  tables.int16 = modelIsInt16(&model);
  tables.nFeatures = model.blob.nFeatures;
  tables.nOutputs = model.blob.nOutputs;
  for (uint16_t i = 0; i < t.nExtra; ++i)
    tables.extra.push_back(blobF32(d, kMemoryRam, t.extraOffset + 4u * i));
  for (uint16_t i = 0; i < t.nTrees; ++i)
    tables.roots.push_back(blobI32(d, kMemoryRam, t.rootsOffset + 4u * i));
  auto ref = [&](size_t offset) -> int32_t {
    if (t.refWidth == 1) return static_cast<int8_t>(d[offset]);
    if (t.refWidth == 2) return blobI16(d, kMemoryRam, offset);
    return blobI32(d, kMemoryRam, offset);
  };
  tables.nodes.resize(t.nNodes);
  for (uint32_t i = 0; i < t.nNodes; ++i) {
    const size_t offset = t.nodesOffset + static_cast<size_t>(i) * t.nodeSize;
    TreeNode& node = tables.nodes[i];
    node.feature = t.featureWidth == 1 ? d[offset] : blobU16(d, kMemoryRam, offset);
    const size_t threshold = offset + t.featureWidth;
    node.threshold = tables.int16 ? blobI16(d, kMemoryRam, threshold)
                                  : static_cast<double>(blobF32(d, kMemoryRam, threshold));
    node.left = ref(threshold + t.thresholdWidth);
    node.right = ref(threshold + t.thresholdWidth + t.refWidth);
  }
  tables.leaves.assign(t.nLeaves, std::vector<float>(t.leafWidth));
  for (uint32_t i = 0; i < t.nLeaves; ++i)
    for (uint16_t k = 0; k < t.leafWidth; ++k)
      tables.leaves[i][k] =
          blobF32(d, kMemoryRam, t.leavesOffset + (static_cast<size_t>(i) * t.leafWidth + k) * 4u);
  *out = std::move(tables);
  return kOk;
}

namespace {

void put(std::vector<uint8_t>& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

void putF32(std::vector<uint8_t>& out, float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  put(out, bits, 4);
}

}  // namespace

std::vector<uint8_t> writeTreeBlob(const TreeTables& t) {
  int32_t low = 0, high = 0;
  for (const TreeNode& n : t.nodes) {
    for (int32_t r : {n.left, n.right}) {
      low = std::min(low, r);
      high = std::max(high, r);
    }
  }
  const int refWidth = (low >= -128 && high <= 127) ? 1 : (low >= -32768 && high <= 32767) ? 2 : 4;
  const int featureWidth = t.nFeatures <= 256 ? 1 : 2;
  const uint16_t leafWidth = t.leaves.empty() ? 0 : static_cast<uint16_t>(t.leaves[0].size());

  std::vector<uint8_t> payload;
  put(payload, t.roots.size(), 2);
  put(payload, refWidth, 1);
  put(payload, featureWidth, 1);
  put(payload, t.nodes.size(), 4);
  put(payload, t.leaves.size(), 4);
  put(payload, leafWidth, 2);
  put(payload, t.extra.size(), 2);
  for (float v : t.extra) putF32(payload, v);
  for (int32_t r : t.roots) put(payload, static_cast<uint32_t>(r), 4);
  for (const TreeNode& n : t.nodes) {
    put(payload, n.feature, featureWidth);
    if (t.int16)
      put(payload, static_cast<uint16_t>(static_cast<int16_t>(n.threshold)), 2);
    else
      putF32(payload, static_cast<float>(n.threshold));
    put(payload, static_cast<uint32_t>(n.left), refWidth);
    put(payload, static_cast<uint32_t>(n.right), refWidth);
  }
  for (const std::vector<float>& leaf : t.leaves)
    for (float v : leaf) putF32(payload, v);

  std::vector<uint8_t> out = {'E',
                              'M',
                              'F',
                              'M',
                              kModelFormatVersion,
                              t.kind,
                              static_cast<uint8_t>(t.int16 ? kModelFlagInt16 : 0),
                              0};
  put(out, t.nFeatures, 2);
  put(out, t.nOutputs, 2);
  put(out, payload.size(), 4);
  out.insert(out.end(), payload.begin(), payload.end());
  put(out, blobCrc32(out.data(), kMemoryRam, out.size()), 4);
  return out;
}

bool readFile(const std::string& path, std::vector<uint8_t>* data, std::string* error) {
  std::string bytes;  // capped: a directory or /dev/zero is an error, not a hang
  if (!readInputFile(path, kMaxInputFileBytes, &bytes, error)) return false;
  data->assign(bytes.begin(), bytes.end());
  return true;
}

}  // namespace emflow::modelgen
