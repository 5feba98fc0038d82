// AVR walkers for compact tree tables with int16 features (layout in tree_table.h), included
// by tree_table.h on AVR only; tests/avr and tests/python/test_trees_codegen_forms.py check
// them against the portable walker's results on a simulated ATmega328P.
//
// Z stays on the node stream and every table byte is read once with `lpm r, Z+`. `lsr` on an
// item's first byte moves its "decision" bit into carry and leaves, for a decision node
// (4 * feature + 3), the offset of the feature's high byte, and for a narrow leaf the leaf
// index. The high bytes of the feature and the threshold are compared first; only when they
// are equal are the low bytes read (unsigned compare). The left child follows its parent, so
// going left skips the node's remaining bytes and going right adds the distance to Z. The node
// code is repeated so that most steps fall through to the next node instead of jumping back.
// Per node: 18-20 cycles left and 22 right when the high bytes decide, 28-30 when they do not
// (the portable walker compiled by avr-g++: about 30).
#ifndef EMFLOW_ML_TREE_TABLE_AVR_H
#define EMFLOW_ML_TREE_TABLE_AVR_H

#include <stdint.h>

namespace emflow {

// The features the walk may read, as an asm input: the compiler must store x before the walk
// and must not reuse a walk's result after x changes.
typedef int16_t TreeTableAvrFeatures[kTreeTableMaxFeatures];

// One decision node up to the left step; `skip` is the byte count of the distance field plus
// the threshold's low byte. Labels: 2 = go right, 3 = high bytes equal (`dir`: "f" when they
// come after this copy, "b" before), 4 = leaf.
// clang-format off
#define EMFLOW_TREE_TABLE_AVR_NODE(skip, dir)   \
  "    lpm  %A[head], Z+\n\t"                   \
  "    lsr  %A[head]\n\t"                       \
  "    brcc 4f\n\t"                             \
  "    movw %[feature], %[x]\n\t"               \
  "    add  %A[feature], %A[head]\n\t"          \
  "    adc  %B[feature], __zero_reg__\n\t"      \
  "    ld   %[value], %a[feature]\n\t"          \
  "    lpm  %[threshold], Z+\n\t"               \
  "    cp   %[threshold], %[value]\n\t"         \
  "    breq 3" dir "\n\t"                       \
  "    brlt 2" dir "\n\t"                       \
  "    adiw r30, " skip "\n\t"
// clang-format on

// The walk enters at label 1: three copies of the node code, so that two left steps in three
// fall through; after them the "high bytes equal" code, then the "go right" code, which falls
// through into a fourth copy.

// One-byte references: distances and leaf index << 1 fit a byte.
inline uint16_t tree_table_walk_avr(const uint8_t* p, const int16_t* x, uint8_t) {
  uint8_t head, value, threshold, distance;
  const uint8_t* feature;
  __asm__(
      "1:\n\t" EMFLOW_TREE_TABLE_AVR_NODE("2", "f")
          EMFLOW_TREE_TABLE_AVR_NODE("2", "f") EMFLOW_TREE_TABLE_AVR_NODE("2", "f")
      "    rjmp 1b\n\t"
      "3:  ld   %[value], -%a[feature]\n\t"  // high bytes equal: the low bytes decide
      "    lpm  %[distance], Z+\n\t"
      "    lpm  %[threshold], Z\n\t"
      "    cp   %[threshold], %[value]\n\t"
      "    brlo 5f\n\t"
      "    adiw r30, 1\n\t"  // left: past the low byte
      "    rjmp 1b\n\t"
      "5:  add  r30, %[distance]\n\t"
      "    adc  r31, __zero_reg__\n\t"
      "    rjmp 1b\n\t"
      "2:  lpm  %[distance], Z+\n\t"  // right: the distance counts from here
      "    add  r30, %[distance]\n\t"
      "    adc  r31, __zero_reg__\n\t" EMFLOW_TREE_TABLE_AVR_NODE("2", "b")
      "    rjmp 1b\n\t"
      "4:\n\t"
      : [head] "=&r"(head), [value] "=&r"(value), [threshold] "=&r"(threshold),
        [distance] "=&r"(distance), [feature] "=&x"(feature), "+z"(p)
      : [x] "r"(x), "m"(*reinterpret_cast<const TreeTableAvrFeatures*>(x)));
  return head;
}

// Two-byte references.
inline uint16_t tree_table_walk_avr(const uint8_t* p, const int16_t* x, uint16_t) {
  uint8_t value, threshold;
  uint16_t head, distance;
  const uint8_t* feature;
  __asm__(
      "1:\n\t" EMFLOW_TREE_TABLE_AVR_NODE("3", "f")
          EMFLOW_TREE_TABLE_AVR_NODE("3", "f") EMFLOW_TREE_TABLE_AVR_NODE("3", "f")
      "    rjmp 1b\n\t"
      "3:  ld   %[value], -%a[feature]\n\t"
      "    lpm  %A[distance], Z+\n\t"
      "    lpm  %B[distance], Z+\n\t"
      "    lpm  %[threshold], Z\n\t"
      "    cp   %[threshold], %[value]\n\t"
      "    brlo 5f\n\t"
      "    adiw r30, 1\n\t"
      "    rjmp 1b\n\t"
      "5:  add  r30, %A[distance]\n\t"
      "    adc  r31, %B[distance]\n\t"
      "    rjmp 1b\n\t"
      "2:  lpm  %A[distance], Z+\n\t"
      "    lpm  %B[distance], Z+\n\t"
      "    add  r30, %A[distance]\n\t"
      "    adc  r31, %B[distance]\n\t" EMFLOW_TREE_TABLE_AVR_NODE("3", "b")
      "    rjmp 1b\n\t"
      "4:  lpm  %B[head], Z+\n\t"  // leaf = (high:low) >> 1; the low byte is shifted already
      "    bst  %B[head], 0\n\t"
      "    bld  %A[head], 7\n\t"
      "    lsr  %B[head]\n\t"
      : [head] "=&r"(head), [value] "=&r"(value), [threshold] "=&r"(threshold),
        [distance] "=&r"(distance), [feature] "=&x"(feature), "+z"(p)
      : [x] "r"(x), "m"(*reinterpret_cast<const TreeTableAvrFeatures*>(x)));
  return head;
}

#undef EMFLOW_TREE_TABLE_AVR_NODE

// Float features: the portable walker.
template <typename Feature, typename Ref>
inline uint16_t tree_table_walk_avr(const uint8_t* p, const Feature* x, Ref) {
  return treeTableWalkPortable<Feature, Ref, const uint8_t*>(p, x);
}

}  // namespace emflow

#endif  // EMFLOW_ML_TREE_TABLE_AVR_H
