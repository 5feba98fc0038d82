// Walker for the compact tree tables that `emflow codegen --tables` generates: the smallest
// flash form of a tree model, read in place (PROGMEM on AVR, plain const arrays elsewhere), with
// no RAM beyond a few registers. The portable walker runs on every target and is the reference;
// on AVR, int16 models are walked by an assembly loop (tree_table_avr.h) with the same result.
// Layout (docs/model-format.md, "Compact tree tables"):
//
//   roots[tree]  uint16: byte offset of the tree's first item in `nodes` (the generated code
//                also has the same roots as pointers, for its loop over all trees)
//   nodes        items in pre-order. An item whose first byte is odd is a decision node:
//                  head       uint8: 4 * feature + 3 (head >> 1 is the byte offset of the
//                             feature's high byte for int16 features)
//                  int16 features:  threshold high byte, distance (Ref), threshold low byte
//                  float features:  threshold (float32), distance (Ref)
//                  then the left child's item, then the right child's item; the right child
//                  starts `distance` bytes past the end of the distance field (the left
//                  child's size, plus 1 for int16: the threshold's low byte). x <= threshold
//                  goes left.
//                An item whose first byte is even is a leaf: Ref (uint8_t or uint16_t,
//                little-endian) holding leaf index << 1.
//
// The int16 threshold's high byte comes first so that the AVR loop decides most nodes from the
// high bytes alone. Leaf indices select rows of the generated leaf/vote tables.
#ifndef EMFLOW_ML_TREE_TABLE_H
#define EMFLOW_ML_TREE_TABLE_H

#include <stdint.h>
#include <string.h>

#if defined(__AVR__)
#include <avr/pgmspace.h>
#endif

namespace emflow {

static const uint8_t kTreeTableMaxFeatures = 64;  // the head byte holds 4 * feature + 3
static const uint8_t kTreeTableDecision = 0x01;   // bit 0 of an item's first byte

// The one accessor for the tables: reads a little-endian value at p and steps past it. On AVR
// the tables are in flash, where `lpm Z+` reads a byte and steps in one instruction.
inline uint8_t treeTableNextU8(const uint8_t*& p) {
#if defined(__AVR__)
  uint8_t value;
  __asm__("lpm %0, Z+" : "=r"(value), "+z"(p));
  return value;
#else
  return *p++;
#endif
}

inline uint16_t treeTableNextU16(const uint8_t*& p) {
#if defined(__AVR__)
  uint16_t value;
  __asm__("lpm %A0, Z+\n\tlpm %B0, Z+" : "=r"(value), "+z"(p));
  return value;
#else
  const uint16_t value = static_cast<uint16_t>(p[0] | (p[1] << 8));
  p += 2;
  return value;
#endif
}

// Boards with more than 64 KB of flash (ATmega1280/1284/2560): a table may lie beyond the
// first 64 KB, where LPM and 16-bit pointers do not reach; with EMFLOW_FAR_FLASH (set by a
// generated header whose tables are that big, or by the user) the generated code reads it at
// its 32-bit address (pgm_get_far_address) with ELPM. The same walk, through this cursor.
#if defined(__AVR__) && defined(FLASHEND) && FLASHEND > 0xFFFF
struct TreeTableFarPointer {
  uint32_t address;
};
inline TreeTableFarPointer operator+(TreeTableFarPointer p, uint16_t bytes) {
  p.address += bytes;
  return p;
}
inline uint8_t treeTableNextU8(TreeTableFarPointer& p) {
  return pgm_read_byte_far(p.address++);
}
inline uint16_t treeTableNextU16(TreeTableFarPointer& p) {
  const uint8_t low = treeTableNextU8(p);
  return static_cast<uint16_t>(low | (treeTableNextU8(p) << 8));
}
#endif

template <typename Pointer>
inline void treeTableNext(Pointer& p, uint8_t* value) {
  *value = treeTableNextU8(p);
}
template <typename Pointer>
inline void treeTableNext(Pointer& p, uint16_t* value) {
  *value = treeTableNextU16(p);
}

// A decision node's threshold, p at the byte after the head; returns where the right child
// starts (`distance` bytes past the end of the distance field) and leaves p at the left child.
template <typename Ref, typename Pointer>
inline Pointer treeTableSplit(Pointer& p, int16_t* threshold) {
  const uint8_t high = treeTableNextU8(p);
  Ref distance;
  treeTableNext(p, &distance);
  const Pointer right = p + distance;
  *threshold = static_cast<int16_t>((high << 8) | treeTableNextU8(p));
  return right;
}
template <typename Ref, typename Pointer>
inline Pointer treeTableSplit(Pointer& p, float* threshold) {
  const uint16_t low = treeTableNextU16(p);
  const uint32_t bits = low | (static_cast<uint32_t>(treeTableNextU16(p)) << 16);
  memcpy(threshold, &bits, sizeof bits);
  Ref distance;
  treeTableNext(p, &distance);
  return p + distance;
}

// The leaf reached from the item at p: the portable walker, the reference for every target.
template <typename Feature, typename Ref, typename Pointer>
uint16_t treeTableWalkPortable(Pointer p, const Feature* x) {
  for (;;) {
    const uint8_t head = treeTableNextU8(p);
    if (!(head & kTreeTableDecision)) {
      if (sizeof(Ref) == 1) return static_cast<uint16_t>(head >> 1);
      return static_cast<uint16_t>((head | (treeTableNextU8(p) << 8)) >> 1);
    }
    Feature threshold;
    const Pointer right = treeTableSplit<Ref>(p, &threshold);
    Feature value;
    memcpy(&value, x + (head >> 2), sizeof value);
    if (!(value <= threshold)) p = right;  // else the left child follows the node
  }
}

#if defined(EMFLOW_FAR_FLASH)
// The leaf reached from the item at the far address `item` (pgm_get_far_address of the
// generated node stream plus the tree's root offset).
template <typename Feature, typename Ref>
inline uint16_t treeTableWalkFar(uint32_t item, const Feature* x) {
  const TreeTableFarPointer start = {item};
  return treeTableWalkPortable<Feature, Ref>(start, x);
}
#endif

}  // namespace emflow

#if defined(__AVR__)
#include "tree_table_avr.h"
#endif

namespace emflow {

template <typename Feature, typename Ref>
inline uint16_t treeTableWalk(const uint8_t* p, const Feature* x) {
#if defined(__AVR__)
  return tree_table_walk_avr(p, x, static_cast<Ref>(0));
#else
  return treeTableWalkPortable<Feature, Ref, const uint8_t*>(p, x);
#endif
}

// The leaf that tree `tree` reaches for features x.
template <typename Feature, typename Ref>
uint16_t treeTableLeaf(const uint8_t* nodes, const uint16_t* roots, uint16_t tree,
                       const Feature* x) {
  const uint8_t* rootEntry = reinterpret_cast<const uint8_t*>(roots + tree);
  return treeTableWalk<Feature, Ref>(nodes + treeTableNextU16(rootEntry), x);
}

// Reads the item pointer at `entry` (an element of a table of tree roots as pointers, in flash
// on AVR) and steps past it: a loop over all trees then needs one pointer, no index arithmetic
// and no base address to add.
inline const uint8_t* treeTableNextRoot(const uint8_t* const*& entry) {
#if defined(__AVR__)
  const uint8_t* bytes = reinterpret_cast<const uint8_t*>(entry);
  const uint16_t address = treeTableNextU16(bytes);
  entry = reinterpret_cast<const uint8_t* const*>(bytes);
  return reinterpret_cast<const uint8_t*>(address);
#else
  return *entry++;
#endif
}

}  // namespace emflow

#endif  // EMFLOW_ML_TREE_TABLE_H
