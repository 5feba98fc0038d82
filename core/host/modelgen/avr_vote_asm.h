// AVR assembly for the fixed-point soft voting of a small binary tree classifier with int16
// features (the reference-model case of an Arduino Uno). avr-gcc spills leaf returns into
// shared blocks far from the branches that reach them and compares high-register features
// through extra loads; written out here, every decision node is `cpi; cpc; brge` on features
// held in registers (low byte in r16.., high byte in r2..; frequent threshold high bytes in
// spare registers), a leaf adds its vote with `subi; sbci`, and a zero vote is a jump to the
// tree's end. Branch forms (short or long) are chosen from exact instruction sizes.
#ifndef EMFLOW_HOST_MODELGEN_AVR_VOTE_ASM_H
#define EMFLOW_HOST_MODELGEN_AVR_VOTE_ASM_H

#include <cstdint>
#include <string>
#include <vector>

#include "tree_tables.h"

namespace emflow::modelgen {

// Most features the assembly keeps in registers.
constexpr uint16_t kAvrAsmMaxFeatures = 8;

// True if the model fits the assembly form: a tree classifier with two classes, int16
// features, at most kAvrAsmMaxFeatures of them.
bool avrVoteAsmFits(const TreeTables& tables);

// The body of an `asm volatile` statement (one C string literal per line, ready to paste)
// that adds votes[leaf] of every tree's leaf to the uint16 in r30:r31 ("+z" operand),
// reading the features through X ("+x" operand). `clobbers` receives the clobber list.
// Votes must sum to at most 65535 over the trees.
std::string avrVoteAsm(const TreeTables& tables, const std::vector<uint16_t>& votes,
                       std::string* clobbers);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_AVR_VOTE_ASM_H
