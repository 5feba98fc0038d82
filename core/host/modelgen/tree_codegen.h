// C++ code generation for tree models: each tree becomes inline if/else code returning a
// leaf index into one shared, deduplicated leaf table (in flash on AVR). Big trees are split
// into several functions (by node count and nesting depth) and big forests into chunks of
// trees, so a 1000-tree forest or a 40+-deep tree compiles quickly. On AVR the inline form's
// trees are walked by generated assembly instead (avr_tree_asm.h), whose size and cycles the
// sweep's cost model knows exactly. The generated header is device code: C++14, no standard
// library, no heap; it compiles natively, in WASM and for AVR.
#ifndef EMFLOW_HOST_MODELGEN_TREE_CODEGEN_H
#define EMFLOW_HOST_MODELGEN_TREE_CODEGEN_H

#include <cstddef>
#include <string>

#include "tree_tables.h"

namespace emflow::modelgen {

struct CodegenOptions {
  std::string name;                // C++ identifier: namespace of the generated code
  std::string source = "a model";  // mentioned in the banner
  size_t maxNodesPerFunction = 200;
  size_t maxDepthPerFunction = 16;
  size_t treesPerChunk = 64;
  // Compact tables walked by core/ml/tree_table.h instead of if/else code: the smallest flash
  // form (the header then includes "ml/tree_table.h": compile with -I<emflow>/core).
  bool tables = false;
  // Multi-class classifiers (3-16 classes) in inline form: predict_label() votes in 16-bit
  // registers through its own flat copy of every tree (multiclass_vote_codegen.h), falling
  // back to predict() only when the two best sums are within rounding. About 3.7x faster on
  // AVR (second reference model: 1,932 cycles, from 7,208) but about 2x the flash (146 KB
  // from 74 KB), so a choice, not the default.
  bool fastVote = false;
};

bool isValidIdentifier(const std::string& name);

// Generates the header text. False (with a message) for an invalid name.
bool generateTreeCode(const TreeTables& tables, const CodegenOptions& options, std::string* out,
                      std::string* error);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_TREE_CODEGEN_H
