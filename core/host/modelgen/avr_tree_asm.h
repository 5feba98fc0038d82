// AVR assembly for the walk of every tree of the inline form (`emflow codegen`), so that its
// size and cycles are known exactly (python/emflow/device_asm.py lays it out the same way for
// the sweep's cost model) instead of being whatever avr-gcc makes of nested ifs: avr-gcc
// spills leaf returns into shared blocks far from the branches that reach them, compares
// through extra loads and calls the soft-float compare for every float node.
//
// Every decision node is a compare with its threshold + 1 and a `brge` to its right subtree:
//   int16, at most 8 features: features held in registers (low bytes r16.., high bytes r2..):
//     `cpi; cpc; brge`;
//   int16, more features: the node's feature loaded into r24:r25 (`ldd` from Z) when its
//     parent tested another one;
//   float: the row is first turned into order keys (int32, as signed integers in the floats'
//     order: the bits, with the magnitude bits inverted for negative values; NaN as the
//     largest key, so that it goes right as `x <= t` does), then each node compares a key in
//     r22..r25 with four bytes.
// Frequent constant bytes are held in spare registers, zero bytes compared with r1. Two
// outputs:
//   votes: each leaf subtracts its uint16 vote's two's complement from the sum in X (a zero
//     vote is a jump to the tree's end); for two-class votes;
//   leaf indices: each leaf loads its index, and the tree's end stores it at X+ (uint8, or
//     uint16 over 256 distinct leaves); for everything else.
// Branch forms (short or long) are chosen from exact instruction sizes.
#ifndef EMFLOW_HOST_MODELGEN_AVR_TREE_ASM_H
#define EMFLOW_HOST_MODELGEN_AVR_TREE_ASM_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tree_tables.h"

namespace emflow::modelgen {

// Most int16 features the assembly keeps in registers; more are read from memory per node.
constexpr uint16_t kAvrAsmRegisterFeatures = 8;

// True if the model's trees can be walked by the assembly: at least one feature, at most
// 65536 distinct leaves.
bool avrTreeAsmFits(const TreeTables& tables);

// An `asm volatile` statement's body (one C string literal per line, ready to paste) and its
// clobber list.
struct AvrAsm {
  std::string body;
  std::string clobbers;
};

// Adds votes[leaf] of every tree's leaf to the uint16 sum in X ("+x" operand 0); Z ("+z"
// operand 1) points to the row (int16) or, for float models, X first points to room for
// the keys (4 bytes per feature) and the sum starts at sumStart after them. The votes plus
// sumStart must not pass 65535.
AvrAsm avrVoteAsm(const TreeTables& tables, const std::vector<uint16_t>& votes, uint16_t sumStart);

// Stores the leaf index of trees [first, end) at X ("+x" operand 0: the output, or for float
// models room for the keys followed by the output's address); Z ("+z" operand 1) points to
// the row.
AvrAsm avrLeafAsm(const TreeTables& tables, size_t first, size_t end);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_AVR_TREE_ASM_H
