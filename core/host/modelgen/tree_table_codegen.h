// Packs a tree model into the compact tables that core/ml/tree_table.h walks (layout there and
// in docs/model-format.md): pre-order items with the left child right after its parent, a head
// byte holding the feature index, int16 (high byte first) or float thresholds, one-byte (or,
// when something does not fit a byte, two-byte) leaf items and right-child distances.
#ifndef EMFLOW_HOST_MODELGEN_TREE_TABLE_CODEGEN_H
#define EMFLOW_HOST_MODELGEN_TREE_TABLE_CODEGEN_H

#include <cstdint>
#include <string>
#include <vector>

#include "tree_tables.h"

namespace emflow::modelgen {

struct CompactTreeTable {
  bool wideRefs = false;        // Ref is uint16_t (else uint8_t)
  std::vector<uint8_t> nodes;   // the node stream
  std::vector<uint16_t> roots;  // per tree: byte offset of its first item
  // Byte offsets where the stream is cut into arrays of at most kMaxChunkBytes (avr-gcc's
  // largest object), between trees; the first is 0.
  std::vector<uint16_t> chunkStarts;
};

constexpr size_t kMaxChunkBytes = 0x7FFF;

// False (with a message) when the model does not fit the layout: more than 64 features,
// more than 32767 leaves, a node stream over 65535 bytes or a tree over kMaxChunkBytes.
bool buildCompactTable(const TreeTables& tables, CompactTreeTable* out, std::string* error);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_TREE_TABLE_CODEGEN_H
