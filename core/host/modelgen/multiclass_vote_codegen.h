// Fast fixed-point soft voting for multi-class tree classifiers in the inline form: every tree
// becomes flat goto code (no nesting, so deep trees compile as easily as shallow ones) whose
// leaves add their 16-bit class votes to sums held in registers, instead of returning a leaf
// index that is then looked up in a flash table (on AVR that lookup and a uint32 add per class
// cost ~150 cycles per tree). Class 0's vote is implied (the votes of a leaf add up to kScale),
// so K classes need K - 1 sums. When the two best sums are closer than the worst rounding of
// the votes allows, the label comes from the exact float path (predict()), so the label is
// always the one soft voting over the real probabilities gives.
#ifndef EMFLOW_HOST_MODELGEN_MULTICLASS_VOTE_CODEGEN_H
#define EMFLOW_HOST_MODELGEN_MULTICLASS_VOTE_CODEGEN_H

#include <cstddef>
#include <sstream>
#include <string>

#include "tree_tables.h"

namespace emflow::modelgen {

// Most classes and trees the 16-bit form takes (each leaf's votes have a scale of 65535 /
// trees, at least 255 steps per tree).
constexpr size_t kMultiVoteMaxClasses = 16;
constexpr size_t kMultiVoteMaxTrees = 257;

// True for a tree classifier with 3..kMultiVoteMaxClasses classes and at most
// kMultiVoteMaxTrees trees.
bool multiClassVote16Fits(const TreeTables& tables);

// Writes predict_label() (and its helpers) for such a model into h; the header's predict()
// must already be written (it is the exact fallback). chunk: trees per generated function.
void writeMultiClassVote16(const TreeTables& tables, size_t chunk, std::ostringstream& h);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_MULTICLASS_VOTE_CODEGEN_H
