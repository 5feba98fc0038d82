#include "tree_tables.h"

#include <algorithm>
#include <cstring>

#include "host/input_file.h"
#include "ml/model.h"

namespace emflow::codegen {

bool is_tree_kind(ModelKind kind) {
  return kind >= kModelTreeClassifier && kind <= kModelIsolationForest;
}

Status read_tree_tables(const std::vector<uint8_t>& blob, TreeTables* out) {
  Model model;
  Status status = model_open(&model, blob.data(), blob.size(), kMemoryRam);
  if (status != kOk) return status;
  if (!is_tree_kind(model.blob.kind)) return kErrModelType;
  const TreeEnsemble& t = model.state.trees;
  const uint8_t* d = blob.data();
  TreeTables tables;
  tables.kind = model.blob.kind;
  tables.int16 = model_is_int16(&model);
  tables.n_features = model.blob.n_features;
  tables.n_outputs = model.blob.n_outputs;
  for (uint16_t i = 0; i < t.n_extra; ++i)
    tables.extra.push_back(blob_f32(d, kMemoryRam, t.extra_offset + 4u * i));
  for (uint16_t i = 0; i < t.n_trees; ++i)
    tables.roots.push_back(blob_i32(d, kMemoryRam, t.roots_offset + 4u * i));
  auto ref = [&](size_t offset) -> int32_t {
    if (t.ref_width == 1) return static_cast<int8_t>(d[offset]);
    if (t.ref_width == 2) return blob_i16(d, kMemoryRam, offset);
    return blob_i32(d, kMemoryRam, offset);
  };
  tables.nodes.resize(t.n_nodes);
  for (uint32_t i = 0; i < t.n_nodes; ++i) {
    const size_t offset = t.nodes_offset + static_cast<size_t>(i) * t.node_size;
    TreeNode& node = tables.nodes[i];
    node.feature = t.feature_width == 1 ? d[offset] : blob_u16(d, kMemoryRam, offset);
    const size_t threshold = offset + t.feature_width;
    node.threshold = tables.int16 ? blob_i16(d, kMemoryRam, threshold)
                                  : static_cast<double>(blob_f32(d, kMemoryRam, threshold));
    node.left = ref(threshold + t.threshold_width);
    node.right = ref(threshold + t.threshold_width + t.ref_width);
  }
  tables.leaves.assign(t.n_leaves, std::vector<float>(t.leaf_width));
  for (uint32_t i = 0; i < t.n_leaves; ++i)
    for (uint16_t k = 0; k < t.leaf_width; ++k)
      tables.leaves[i][k] = blob_f32(
          d, kMemoryRam, t.leaves_offset + (static_cast<size_t>(i) * t.leaf_width + k) * 4u);
  *out = std::move(tables);
  return kOk;
}

namespace {

void put(std::vector<uint8_t>& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

void put_f32(std::vector<uint8_t>& out, float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  put(out, bits, 4);
}

}  // namespace

std::vector<uint8_t> write_tree_blob(const TreeTables& t) {
  int32_t low = 0, high = 0;
  for (const TreeNode& n : t.nodes) {
    for (int32_t r : {n.left, n.right}) {
      low = std::min(low, r);
      high = std::max(high, r);
    }
  }
  const int ref_width = (low >= -128 && high <= 127) ? 1 : (low >= -32768 && high <= 32767) ? 2 : 4;
  const int feature_width = t.n_features <= 256 ? 1 : 2;
  const uint16_t leaf_width = t.leaves.empty() ? 0 : static_cast<uint16_t>(t.leaves[0].size());

  std::vector<uint8_t> payload;
  put(payload, t.roots.size(), 2);
  put(payload, ref_width, 1);
  put(payload, feature_width, 1);
  put(payload, t.nodes.size(), 4);
  put(payload, t.leaves.size(), 4);
  put(payload, leaf_width, 2);
  put(payload, t.extra.size(), 2);
  for (float v : t.extra) put_f32(payload, v);
  for (int32_t r : t.roots) put(payload, static_cast<uint32_t>(r), 4);
  for (const TreeNode& n : t.nodes) {
    put(payload, n.feature, feature_width);
    if (t.int16)
      put(payload, static_cast<uint16_t>(static_cast<int16_t>(n.threshold)), 2);
    else
      put_f32(payload, static_cast<float>(n.threshold));
    put(payload, static_cast<uint32_t>(n.left), ref_width);
    put(payload, static_cast<uint32_t>(n.right), ref_width);
  }
  for (const std::vector<float>& leaf : t.leaves)
    for (float v : leaf) put_f32(payload, v);

  std::vector<uint8_t> out = {'E',
                              'M',
                              'F',
                              'M',
                              kModelFormatVersion,
                              t.kind,
                              static_cast<uint8_t>(t.int16 ? kModelFlagInt16 : 0),
                              0};
  put(out, t.n_features, 2);
  put(out, t.n_outputs, 2);
  put(out, payload.size(), 4);
  out.insert(out.end(), payload.begin(), payload.end());
  put(out, blob_crc32(out.data(), kMemoryRam, out.size()), 4);
  return out;
}

bool read_file(const std::string& path, std::vector<uint8_t>* data, std::string* error) {
  std::string bytes;  // capped: a directory or /dev/zero is an error, not a hang
  if (!readInputFile(path, kMaxInputFileBytes, &bytes, error)) return false;
  data->assign(bytes.begin(), bytes.end());
  return true;
}

}  // namespace emflow::codegen
