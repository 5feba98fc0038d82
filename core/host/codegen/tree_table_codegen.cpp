#include "tree_table_codegen.h"

#include <cstring>

#include "ml/tree_table.h"

namespace emflow::codegen {

namespace {

constexpr size_t kMaxStreamBytes = 0x7FFF;  // roots are uint16 with the top bit for leaves

class Packer {
 public:
  Packer(const TreeTables& t, bool wide) : t_(t), wide_(wide) {}

  // False if a leaf index or a right-child distance does not fit the Ref width.
  bool pack(CompactTreeTable* out) {
    out->wide_refs = wide_;
    for (int32_t root : t_.roots) {
      if (root < 0) {
        out->roots.push_back(static_cast<uint16_t>(kTreeTableRootLeaf | (-(root + 1))));
        continue;
      }
      out->roots.push_back(static_cast<uint16_t>(bytes_.size()));
      if (!node(static_cast<size_t>(root))) return false;
      if (bytes_.size() > kMaxStreamBytes) return false;
    }
    out->nodes = bytes_;
    return true;
  }

 private:
  bool put_ref(uint32_t value) {
    if (value > (wide_ ? 0xFFFFu : 0xFFu)) return false;
    bytes_.push_back(static_cast<uint8_t>(value));
    if (wide_) bytes_.push_back(static_cast<uint8_t>(value >> 8));
    return true;
  }

  static uint32_t leaf_of(int32_t ref) { return static_cast<uint32_t>(-(ref + 1)); }

  bool node(size_t index) {
    const TreeNode& n = t_.nodes[index];
    const bool left_leaf = n.left < 0, right_leaf = n.right < 0;
    bytes_.push_back(static_cast<uint8_t>((n.feature << 1) | (left_leaf ? kTreeTableLeftLeaf : 0) |
                                          (right_leaf ? kTreeTableRightLeaf : 0)));
    if (t_.int16) {
      const uint16_t bits = static_cast<uint16_t>(static_cast<int16_t>(n.threshold));
      bytes_.push_back(static_cast<uint8_t>(bits));
      bytes_.push_back(static_cast<uint8_t>(bits >> 8));
    } else {
      const float value = static_cast<float>(n.threshold);
      uint32_t bits;
      std::memcpy(&bits, &value, 4);
      for (int i = 0; i < 4; ++i) bytes_.push_back(static_cast<uint8_t>(bits >> (8 * i)));
    }
    if (left_leaf) {
      if (!put_ref(leaf_of(n.left))) return false;
      if (right_leaf) return put_ref(leaf_of(n.right));
      return node(index + static_cast<size_t>(n.right));
    }
    if (right_leaf) {
      if (!put_ref(leaf_of(n.right))) return false;
      return node(index + static_cast<size_t>(n.left));
    }
    // The right child's distance is the left subtree's size: written once that is known.
    const size_t field = bytes_.size();
    if (!put_ref(0)) return false;
    if (!node(index + static_cast<size_t>(n.left))) return false;
    const size_t distance = bytes_.size() - (field + (wide_ ? 2 : 1));
    if (distance > (wide_ ? 0xFFFFu : 0xFFu)) return false;
    bytes_[field] = static_cast<uint8_t>(distance);
    if (wide_) bytes_[field + 1] = static_cast<uint8_t>(distance >> 8);
    return node(index + static_cast<size_t>(n.right));
  }

  const TreeTables& t_;
  const bool wide_;
  std::vector<uint8_t> bytes_;
};

}  // namespace

bool build_compact_table(const TreeTables& t, CompactTreeTable* out, std::string* error) {
  if (t.n_features > kTreeTableMaxFeatures) {
    *error = "the table form holds at most 64 features (the model has " +
             std::to_string(t.n_features) + "); use the inline form";
    return false;
  }
  if (t.leaves.size() > 0x7FFF) {
    *error = "the table form holds at most 32767 distinct leaves; use the inline form";
    return false;
  }
  for (bool wide : {false, true}) {
    CompactTreeTable table;
    if (Packer(t, wide).pack(&table)) {
      *out = std::move(table);
      return true;
    }
  }
  *error = "the model's nodes take more than 32767 bytes in the table form; use the inline form";
  return false;
}

}  // namespace emflow::codegen
