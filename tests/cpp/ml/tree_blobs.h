// Small hand-made tree models and helpers to corrupt them, for the loader tests.
#ifndef EMFLOW_TESTS_CPP_ML_TREE_BLOBS_H
#define EMFLOW_TESTS_CPP_ML_TREE_BLOBS_H

#include <cstdint>
#include <vector>

#include "host/modelgen/tree_tables.h"

namespace emflow::testing {

// Two trees over 2 features, 2 classes:
//   tree 0: x0 <= 1.5 ? leaf0 [1, 0] : (x1 <= -2 ? leaf1 [0.25, 0.75] : leaf0)
//   tree 1: leaf2 [0, 1] (a single-leaf tree)
inline modelgen::TreeTables smallClassifier(bool int16 = false) {
  modelgen::TreeTables t;
  t.kind = kModelTreeClassifier;
  t.int16 = int16;
  t.nFeatures = 2;
  t.nOutputs = 2;
  t.roots = {0, -3};
  modelgen::TreeNode a;
  a.feature = 0;
  a.threshold = int16 ? 1 : 1.5;
  a.left = -1;
  a.right = 1;
  modelgen::TreeNode b;
  b.feature = 1;
  b.threshold = -2;
  b.left = -2;
  b.right = -1;
  t.nodes = {a, b};
  t.leaves = {{1.0f, 0.0f}, {0.25f, 0.75f}, {0.0f, 1.0f}};
  return t;
}

// Recomputes the CRC after a test edited header or payload bytes.
inline void fixCrc(std::vector<uint8_t>& blob) {
  const size_t covered = blob.size() - 4;
  const uint32_t crc = blobCrc32(blob.data(), kMemoryRam, covered);
  for (int i = 0; i < 4; ++i) blob[covered + i] = static_cast<uint8_t>(crc >> (8 * i));
}

// Offsets inside a small_classifier() blob (1-byte refs and features, float thresholds).
constexpr size_t kPayload = 16;
constexpr size_t kRoots = kPayload + 16;  // no extra parameters
constexpr size_t kNodes = kRoots + 2 * 4;
constexpr size_t kNodeSize = 1 + 4 + 1 + 1;
constexpr size_t kLeaves = kNodes + 2 * kNodeSize;

}  // namespace emflow::testing

#endif  // EMFLOW_TESTS_CPP_ML_TREE_BLOBS_H
