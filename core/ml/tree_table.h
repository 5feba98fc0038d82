// Walker for the compact tree tables that `emflow codegen --tables` generates: the smallest
// flash form of a tree model, read in place (PROGMEM on AVR, plain const arrays elsewhere), with
// no RAM beyond a few registers. The same code runs on every target; the host tests run it on
// tables built in memory. Layout (docs/model-format.md, "Compact tree tables"):
//
//   roots[tree]  uint16: byte offset of the tree's root in `nodes`, or 0x8000 | leaf when the
//                whole tree is one leaf
//   nodes        decision nodes in pre-order, each
//                  head       uint8: kRightLeaf (bit 0) | feature index << 1 (bits 1-6) |
//                             kLeftLeaf (bit 7); for int16 features, head & 0x7E is the
//                             feature's byte offset
//                  threshold  Feature (int16 or float32, little-endian): x <= threshold goes left
//                  then one or two Ref fields (Ref = uint8_t or uint16_t, little-endian):
//                    neither child a leaf: the right child's distance past this field (the
//                                          left child follows the field)
//                    right child a leaf:   the right leaf (the left child follows)
//                    left child a leaf:    the left leaf (the right child follows)
//                    both leaves:          the left leaf, then the right leaf
//
// Leaf indices select rows of the generated leaf/vote tables.
#ifndef EMFLOW_ML_TREE_TABLE_H
#define EMFLOW_ML_TREE_TABLE_H

#include <stdint.h>
#include <string.h>

#if defined(__AVR__)
#include <avr/pgmspace.h>
#endif

namespace emflow {

static const uint8_t kTreeTableFeatureBits = 0x7E;  // feature index << 1
static const uint8_t kTreeTableMaxFeatures = 64;
static const uint8_t kTreeTableLeftLeaf = 0x80;
static const uint8_t kTreeTableRightLeaf = 0x01;
static const uint16_t kTreeTableRootLeaf = 0x8000;

// The one accessor for the tables: reads a little-endian value at p and steps past it. On AVR
// the tables are in flash, where `lpm Z+` reads a byte and steps in one instruction.
inline uint8_t tree_table_next_u8(const uint8_t*& p) {
#if defined(__AVR__)
  uint8_t value;
  __asm__("lpm %0, Z+" : "=r"(value), "+z"(p));
  return value;
#else
  return *p++;
#endif
}

inline uint16_t tree_table_next_u16(const uint8_t*& p) {
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

inline void tree_table_next(const uint8_t*& p, uint8_t* value) {
  *value = tree_table_next_u8(p);
}
inline void tree_table_next(const uint8_t*& p, uint16_t* value) {
  *value = tree_table_next_u16(p);
}
inline void tree_table_next(const uint8_t*& p, int16_t* value) {
  *value = static_cast<int16_t>(tree_table_next_u16(p));
}
inline void tree_table_next(const uint8_t*& p, float* value) {
  const uint16_t low = tree_table_next_u16(p);
  const uint32_t bits = low | (static_cast<uint32_t>(tree_table_next_u16(p)) << 16);
  memcpy(value, &bits, sizeof bits);
}

// The leaf that tree `tree` reaches for features x.
template <typename Feature, typename Ref>
uint16_t tree_table_leaf(const uint8_t* nodes, const uint16_t* roots, uint16_t tree,
                         const Feature* x) {
  const uint8_t* root_entry = reinterpret_cast<const uint8_t*>(roots + tree);
  const uint16_t root = tree_table_next_u16(root_entry);
  if (root & kTreeTableRootLeaf) return static_cast<uint16_t>(root & ~kTreeTableRootLeaf);
  const uint8_t* p = nodes + root;
  const uint8_t* const features = reinterpret_cast<const uint8_t*>(x);
  for (;;) {
    const uint8_t head = tree_table_next_u8(p);
    Feature threshold;
    tree_table_next(p, &threshold);
    // x[feature] from the head's bits without a shift for int16 features (2 bytes apart).
    Feature value;
    memcpy(&value, features + (head & kTreeTableFeatureBits) * (sizeof(Feature) / 2), sizeof value);
    // p is at the first Ref field: the loop either stops with p at the leaf index or moves p
    // to the next node.
    if (value <= threshold) {
      if (head & kTreeTableLeftLeaf) break;
      p += sizeof(Ref);  // the left child follows the field
      continue;
    }
    if (!(head & (kTreeTableLeftLeaf | kTreeTableRightLeaf))) {
      Ref distance;
      tree_table_next(p, &distance);
      p += distance;
      continue;
    }
    if (head & kTreeTableLeftLeaf) {
      p += sizeof(Ref);  // past the left leaf: the right leaf or the right child
      if (head & kTreeTableRightLeaf) break;
      continue;
    }
    break;  // the field is the right leaf
  }
  Ref leaf;
  tree_table_next(p, &leaf);
  return leaf;
}

}  // namespace emflow

#endif  // EMFLOW_ML_TREE_TABLE_H
