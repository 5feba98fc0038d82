#include "tree_table_codegen.h"

#include <cstring>

#include "ml/tree_table.h"

namespace emflow::modelgen {

namespace {

// Roots are uint16 offsets into the stream. On boards with more than 64 KB of flash the
// generated code reads the stream at its far address (ELPM), wherever the linker puts it.
constexpr size_t kMaxStreamBytes = 0xFFFF;

class Packer {
 public:
  Packer(const TreeTables& t, bool wide) : t_(t), wide_(wide) {}

  // False if a leaf index or a right-child distance does not fit the Ref width.
  bool pack(CompactTreeTable* out) {
    out->wideRefs = wide_;
    out->chunkStarts = {0};
    for (int32_t root : t_.roots) {
      const size_t start = bytes_.size();
      out->roots.push_back(static_cast<uint16_t>(start));
      if (!item(root, 0)) return false;
      if (bytes_.size() > kMaxStreamBytes || bytes_.size() - start > kMaxChunkBytes) return false;
      if (bytes_.size() - out->chunkStarts.back() > kMaxChunkBytes)
        out->chunkStarts.push_back(static_cast<uint16_t>(start));
    }
    out->nodes = bytes_;
    return true;
  }

 private:
  uint32_t maxRef() const { return wide_ ? 0xFFFFu : 0xFFu; }

  bool putRef(uint32_t value) {
    if (value > maxRef()) return false;
    bytes_.push_back(static_cast<uint8_t>(value));
    if (wide_) bytes_.push_back(static_cast<uint8_t>(value >> 8));
    return true;
  }

  // The item for a reference: a leaf (ref < 0: leaf -(ref + 1)) or the decision node at
  // base + ref.
  bool item(int32_t ref, size_t base) {
    if (ref < 0) return putRef(static_cast<uint32_t>(-(ref + 1)) << 1);  // even: a leaf
    return node(base + static_cast<size_t>(ref));
  }

  bool node(size_t index) {
    const TreeNode& n = t_.nodes[index];
    bytes_.push_back(static_cast<uint8_t>(4 * n.feature + 3));  // odd: a decision node
    size_t field;  // the distance, written once the left child's size is known
    if (t_.int16) {
      const uint16_t bits = static_cast<uint16_t>(static_cast<int16_t>(n.threshold));
      bytes_.push_back(static_cast<uint8_t>(bits >> 8));
      field = bytes_.size();
      putRef(0);
      bytes_.push_back(static_cast<uint8_t>(bits));
    } else {
      const float value = static_cast<float>(n.threshold);
      uint32_t bits;
      std::memcpy(&bits, &value, 4);
      for (int i = 0; i < 4; ++i) bytes_.push_back(static_cast<uint8_t>(bits >> (8 * i)));
      field = bytes_.size();
      putRef(0);
    }
    // The right child starts `distance` bytes past the end of the distance field.
    if (!item(n.left, index)) return false;
    const size_t distance = bytes_.size() - (field + (wide_ ? 2 : 1));
    if (distance > maxRef()) return false;
    bytes_[field] = static_cast<uint8_t>(distance);
    if (wide_) bytes_[field + 1] = static_cast<uint8_t>(distance >> 8);
    return item(n.right, index);
  }

  const TreeTables& t_;
  const bool wide_;
  std::vector<uint8_t> bytes_;
};

}  // namespace

bool buildCompactTable(const TreeTables& t, CompactTreeTable* out, std::string* error) {
  if (t.nFeatures > kTreeTableMaxFeatures) {
    *error = "the table form holds at most 64 features (the model has " +
             std::to_string(t.nFeatures) + "); use the inline form";
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
  *error =
      "the model's nodes take more than 65535 bytes (or one tree more than 32767) in the table "
      "form; use the inline form";
  return false;
}

}  // namespace emflow::modelgen
