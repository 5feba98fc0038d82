// Host-side view of a tree model (kinds 1-5) as plain tables: read from a validated blob,
// written back to a blob, produced by the emlearn CSV reader, consumed by the code generator.
#ifndef EMFLOW_HOST_MODELGEN_TREE_TABLES_H
#define EMFLOW_HOST_MODELGEN_TREE_TABLES_H

#include <cstdint>
#include <string>
#include <vector>

#include "ml/model_blob.h"

namespace emflow::modelgen {

struct TreeNode {
  uint16_t feature = 0;
  double threshold = 0;  // float32 value, or an int16 for int16 models
  int32_t left = 0;      // > 0 relative node offset, < 0 leaf -(index)-1
  int32_t right = 0;
};

struct TreeTables {
  ModelKind kind = kModelNone;
  bool int16 = false;
  uint16_t nFeatures = 0;
  uint16_t nOutputs = 0;
  std::vector<float> extra;
  std::vector<int32_t> roots;  // >= 0 absolute node index, < 0 leaf -(index)-1
  std::vector<TreeNode> nodes;
  std::vector<std::vector<float>> leaves;
};

bool isTreeKind(ModelKind kind);

// Validates the blob with the device loader, then copies its tables. On failure returns the
// Status and leaves `out` unspecified.
Status readTreeTables(const std::vector<uint8_t>& blob, TreeTables* out);

// Packs tables as a blob (smallest reference and feature widths that fit). Does not validate;
// open the result with model_open to check it.
std::vector<uint8_t> writeTreeBlob(const TreeTables& tables);

// Reads a whole file; false (and a message) if it cannot be read.
bool readFile(const std::string& path, std::vector<uint8_t>* data, std::string* error);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_TREE_TABLES_H
