#include "trees.h"

#include <math.h>
#include <string.h>

namespace emflow {

namespace {

// A child reference: > 0 is a decision node that many records further on (so every path
// moves forward and no cycle is possible), < 0 is leaf -(ref) - 1, 0 is invalid.
inline int32_t read_ref(const uint8_t* data, MemorySpace space, size_t offset, uint8_t width) {
  if (width == 1) return static_cast<int8_t>(blob_u8(data, space, offset));
  if (width == 2) return blob_i16(data, space, offset);
  return blob_i32(data, space, offset);
}

inline uint16_t read_feature(const uint8_t* data, MemorySpace space, size_t offset, uint8_t width) {
  return width == 1 ? blob_u8(data, space, offset) : blob_u16(data, space, offset);
}

// Validates one reference found in node `node` (or a root when node < 0).
Status check_ref(int32_t ref, int64_t node, const TreeEnsemble& t) {
  if (ref < 0) {
    const uint32_t leaf = static_cast<uint32_t>(-(ref + 1));
    return leaf < t.n_leaves ? kOk : kErrOutOfRange;
  }
  if (node >= 0 && ref == 0) return kErrCorrupt;  // would point at itself: a cycle
  const int64_t target = node < 0 ? ref : node + ref;
  return target < static_cast<int64_t>(t.n_nodes) ? kOk : kErrOutOfRange;
}

struct KindShape {
  uint16_t leaf_width;
  uint16_t n_extra;
};

// The payload shape each kind requires, derived from the header.
Status expected_shape(const ModelBlob& blob, uint16_t n_trees, KindShape* shape) {
  (void)n_trees;  // only gradient boosting constrains it
  const uint16_t n_outputs = blob.n_outputs;
  switch (blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
      shape->leaf_width = n_outputs;
      shape->n_extra = 0;
      return kOk;
#ifndef EMFLOW_TREES_NO_BOOSTING
    case kModelGradientBoostingClassifier: {
      if (n_outputs < 2) return kErrOutOfRange;
      const uint16_t per_stage = n_outputs == 2 ? 1 : n_outputs;
      if (n_trees % per_stage != 0) return kErrCorrupt;
      shape->leaf_width = 1;
      shape->n_extra = per_stage;  // initial raw predictions
      return kOk;
    }
    case kModelGradientBoostingRegressor:
      if (n_outputs != 1) return kErrOutOfRange;
      shape->leaf_width = 1;
      shape->n_extra = 1;  // initial prediction
      return kOk;
#endif
#ifndef EMFLOW_TREES_NO_ISOLATION_FOREST
    case kModelIsolationForest:
      if (n_outputs != 2) return kErrOutOfRange;
      shape->leaf_width = 1;
      shape->n_extra = 2;  // offset_, path-length denominator
      return kOk;
#endif
    default:
      return kErrModelType;
  }
}

// A blob this build cannot predict because a size switch (trees.h) removed its path.
Status check_build_has_path(const ModelBlob& blob) {
#if defined(EMFLOW_MODELS_FLASH_ONLY) && EMFLOW_MODELS_FLASH_ONLY
  if (blob.space != kMemoryFlash) return kErrModelType;
#endif
#if defined(EMFLOW_MODELS_NO_INT16) && EMFLOW_MODELS_NO_INT16
  if (blob.flags & kModelFlagInt16) return kErrModelType;
#endif
#if defined(EMFLOW_MODELS_NO_FLOAT) && EMFLOW_MODELS_NO_FLOAT
  if (!(blob.flags & kModelFlagInt16)) return kErrModelType;
#endif
  (void)blob;
  return kOk;
}

}  // namespace

Status trees_open(const ModelBlob* blob, TreeEnsemble* out) {
  const uint8_t* d = blob->data;
  const MemorySpace sp = blob->space;
  const uint32_t payload = static_cast<uint32_t>(blob->payload_size);
  if (payload < kTreePayloadHeaderSize) return kErrTruncated;
  const size_t p = kModelHeaderSize;
  TreeEnsemble t;
  t.n_trees = blob_u16(d, sp, p + 0);
  t.ref_width = blob_u8(d, sp, p + 2);
  t.feature_width = blob_u8(d, sp, p + 3);
  t.n_nodes = blob_u32(d, sp, p + 4);
  t.n_leaves = blob_u32(d, sp, p + 8);
  t.leaf_width = blob_u16(d, sp, p + 12);
  t.n_extra = blob_u16(d, sp, p + 14);
  t.threshold_width = (blob->flags & kModelFlagInt16) ? 2 : 4;
  const Status path = check_build_has_path(*blob);
  if (path != kOk) return path;
  if (t.n_trees == 0 || t.n_leaves == 0) return kErrOutOfRange;
  if (t.ref_width != 1 && t.ref_width != 2 && t.ref_width != 4) return kErrCorrupt;
  if (t.feature_width != 1 && t.feature_width != 2) return kErrCorrupt;
  if (blob->n_outputs > EMFLOW_TREES_MAX_OUTPUTS) return kErrOutOfRange;
  KindShape shape;
  Status status = expected_shape(*blob, t.n_trees, &shape);
  if (status != kOk) return status;
  if (t.leaf_width != shape.leaf_width || t.n_extra != shape.n_extra) return kErrCorrupt;
  t.node_size = static_cast<uint8_t>(t.feature_width + t.threshold_width + 2 * t.ref_width);

  // Sizes, checked by division so that hostile counts cannot overflow.
  uint32_t remaining = payload - kTreePayloadHeaderSize;
  const uint32_t fixed = 4u * t.n_extra + 4u * t.n_trees;
  if (fixed > remaining) return kErrTruncated;
  remaining -= fixed;
  if (t.n_nodes > remaining / t.node_size) return kErrTruncated;
  remaining -= t.n_nodes * t.node_size;
  const uint32_t leaf_bytes = 4u * t.leaf_width;
  if (t.n_leaves > remaining / leaf_bytes) return kErrTruncated;
  remaining -= t.n_leaves * leaf_bytes;
  if (remaining != 0) return kErrCorrupt;
  if (t.n_nodes > 0x7FFFFFFFu || t.n_leaves > 0x7FFFFFFFu) return kErrOutOfRange;

  t.extra_offset = p + kTreePayloadHeaderSize;
  t.roots_offset = t.extra_offset + 4u * t.n_extra;
  t.nodes_offset = t.roots_offset + 4u * t.n_trees;
  t.leaves_offset = t.nodes_offset + static_cast<size_t>(t.n_nodes) * t.node_size;

  for (uint16_t i = 0; i < t.n_extra; ++i)
    if (!blob_finite(blob_f32(d, sp, t.extra_offset + 4u * i))) return kErrCorrupt;
  if (blob->kind == kModelIsolationForest && blob_f32(d, sp, t.extra_offset + 4) < 0)
    return kErrCorrupt;
  for (uint16_t i = 0; i < t.n_trees; ++i) {
    status = check_ref(blob_i32(d, sp, t.roots_offset + 4u * i), -1, t);
    if (status != kOk) return status;
  }
  size_t offset = t.nodes_offset;
  for (uint32_t node = 0; node < t.n_nodes; ++node, offset += t.node_size) {
    if (read_feature(d, sp, offset, t.feature_width) >= blob->n_features) return kErrOutOfRange;
    const size_t threshold = offset + t.feature_width;
    if (t.threshold_width == 4 && !blob_finite(blob_f32(d, sp, threshold))) return kErrCorrupt;
    const size_t refs = threshold + t.threshold_width;
    for (uint8_t side = 0; side < 2; ++side) {
      status = check_ref(read_ref(d, sp, refs + side * t.ref_width, t.ref_width), node, t);
      if (status != kOk) return status;
    }
  }
  const uint32_t n_values = t.n_leaves * t.leaf_width;
  for (uint32_t i = 0; i < n_values; ++i)
    if (!blob_finite(blob_f32(d, sp, t.leaves_offset + 4u * i))) return kErrCorrupt;
  *out = t;
  return kOk;
}

namespace {

inline bool goes_left(float x, const uint8_t* d, MemorySpace sp, size_t offset) {
  return x <= blob_f32(d, sp, offset);
}
inline bool goes_left(int16_t x, const uint8_t* d, MemorySpace sp, size_t offset) {
  return x <= blob_i16(d, sp, offset);
}

// Byte reads with the memory space fixed at compile time, for the hot loop below.
template <MemorySpace kSpace>
inline uint8_t read8(const uint8_t* p) {
#if defined(__AVR__)
  if (kSpace == kMemoryFlash) return pgm_read_byte(p);
#endif
  return *p;
}

template <MemorySpace kSpace>
inline bool goes_left_at(float x, const uint8_t* p) {
  uint32_t bits = static_cast<uint32_t>(read8<kSpace>(p)) |
                  (static_cast<uint32_t>(read8<kSpace>(p + 1)) << 8) |
                  (static_cast<uint32_t>(read8<kSpace>(p + 2)) << 16) |
                  (static_cast<uint32_t>(read8<kSpace>(p + 3)) << 24);
  float threshold;
  memcpy(&threshold, &bits, sizeof threshold);
  return x <= threshold;
}

template <MemorySpace kSpace>
inline bool goes_left_at(int16_t x, const uint8_t* p) {
  const int16_t threshold =
      static_cast<int16_t>(read8<kSpace>(p) | (static_cast<uint16_t>(read8<kSpace>(p + 1)) << 8));
  return x <= threshold;
}

// The common compact layout (1-byte features and references: up to 256 features, trees
// whose subtrees span < 128 nodes and < 129 leaves): one pointer walks the node table.
template <MemorySpace kSpace, typename Feature>
uint32_t walk_compact(const uint8_t* node, const Feature* x) {
  // feature byte, threshold (as wide as the feature type), left, right: a constant size, so
  // stepping to a child is a shift-and-add rather than a multiplication.
  const uint8_t kRefs = 1 + sizeof(Feature);
  const uint8_t kNodeSize = kRefs + 2;
  for (;;) {
    const bool left = goes_left_at<kSpace>(x[read8<kSpace>(node)], node + 1);
    const int8_t ref = static_cast<int8_t>(read8<kSpace>(node + kRefs + (left ? 0 : 1)));
    if (ref < 0) return static_cast<uint8_t>(-(ref + 1));
    node += static_cast<uint8_t>(ref) * kNodeSize;
  }
}

template <MemorySpace kSpace>
inline uint32_t read32(const uint8_t* p) {
  return static_cast<uint32_t>(read8<kSpace>(p)) |
         (static_cast<uint32_t>(read8<kSpace>(p + 1)) << 8) |
         (static_cast<uint32_t>(read8<kSpace>(p + 2)) << 16) |
         (static_cast<uint32_t>(read8<kSpace>(p + 3)) << 24);
}

template <MemorySpace kSpace>
inline float read_f32(const uint8_t* p) {
  const uint32_t bits = read32<kSpace>(p);
  float value;
  memcpy(&value, &bits, sizeof value);
  return value;
}

template <MemorySpace kSpace, typename Feature>
uint32_t find_leaf(const ModelBlob& blob, const TreeEnsemble& t, uint16_t tree, const Feature* x) {
  const uint8_t* d = blob.data;
  int32_t ref = static_cast<int32_t>(read32<kSpace>(d + t.roots_offset + 4u * tree));
  if (ref < 0) return static_cast<uint32_t>(-(ref + 1));
  size_t offset = t.nodes_offset + static_cast<size_t>(ref) * t.node_size;
  if (t.feature_width == 1 && t.ref_width == 1 && t.threshold_width == sizeof(Feature))
    return walk_compact<kSpace>(d + offset, x);
  for (;;) {
    const uint16_t feature = read_feature(d, kSpace, offset, t.feature_width);
    const size_t threshold = offset + t.feature_width;
    const size_t refs = threshold + t.threshold_width;
    const bool left = goes_left(x[feature], d, kSpace, threshold);
    ref = read_ref(d, kSpace, left ? refs : refs + t.ref_width, t.ref_width);
    if (ref < 0) return static_cast<uint32_t>(-(ref + 1));
    offset += static_cast<size_t>(ref) * t.node_size;
  }
}

template <MemorySpace kSpace>
inline float leaf_value(const ModelBlob& blob, const TreeEnsemble& t, uint32_t leaf,
                        uint16_t index) {
  return read_f32<kSpace>(blob.data + t.leaves_offset +
                          (static_cast<size_t>(leaf) * t.leaf_width + index) * 4u);
}

template <MemorySpace kSpace>
inline float extra(const ModelBlob& blob, const TreeEnsemble& t, uint16_t index) {
  return read_f32<kSpace>(blob.data + t.extra_offset + 4u * index);
}

int32_t argmax(const double* values, uint16_t n) {
  uint16_t best = 0;
  for (uint16_t i = 1; i < n; ++i)
    if (values[i] > values[best]) best = i;  // first maximum wins, as numpy.argmax
  return best;
}

// Soft voting / averaging in scikit-learn's order: sum per-tree values, then divide.
template <MemorySpace kSpace, typename Feature>
void predict_average(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x, double* acc) {
  const uint16_t n = blob.n_outputs;
  for (uint16_t k = 0; k < n; ++k) acc[k] = 0;
  for (uint16_t tree = 0; tree < t.n_trees; ++tree) {
    const uint32_t leaf = find_leaf<kSpace>(blob, t, tree, x);
    for (uint16_t k = 0; k < n; ++k) acc[k] += leaf_value<kSpace>(blob, t, leaf, k);
  }
  for (uint16_t k = 0; k < n; ++k) acc[k] /= t.n_trees;
}

// Gradient boosting raw predictions: init + sum of (learning-rate-scaled) tree values; trees
// are stored stage by stage, `per_stage` of them per stage (one per class, or one if binary).
template <MemorySpace kSpace, typename Feature>
void predict_boosting(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x,
                      uint16_t per_stage, double* raw) {
  for (uint16_t k = 0; k < per_stage; ++k) raw[k] = extra<kSpace>(blob, t, k);
  uint16_t k = 0;
  for (uint16_t tree = 0; tree < t.n_trees; ++tree) {
    raw[k] += leaf_value<kSpace>(blob, t, find_leaf<kSpace>(blob, t, tree, x), 0);
    if (++k == per_stage) k = 0;
  }
}

template <MemorySpace kSpace, typename Feature>
Status predict_in(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x, float* outputs,
                  int32_t* label) {
  double acc[EMFLOW_TREES_MAX_OUTPUTS];
  const uint16_t n = blob.n_outputs;
  int32_t result = 0;
  switch (blob.kind) {
    case kModelTreeClassifier:
      predict_average<kSpace>(blob, t, x, acc);
      result = argmax(acc, n);
      break;
    case kModelTreeRegressor:
      predict_average<kSpace>(blob, t, x, acc);
      break;
#ifndef EMFLOW_TREES_NO_BOOSTING
    case kModelGradientBoostingClassifier:
      if (n == 2) {
        predict_boosting<kSpace>(blob, t, x, 1, acc);
        const double p = 1.0 / (1.0 + exp(-acc[0]));
        acc[0] = 1.0 - p;
        acc[1] = p;
      } else {
        predict_boosting<kSpace>(blob, t, x, n, acc);
        double top = acc[0];
        for (uint16_t k = 1; k < n; ++k)
          if (acc[k] > top) top = acc[k];
        double sum = 0;
        for (uint16_t k = 0; k < n; ++k) sum += (acc[k] = exp(acc[k] - top));
        for (uint16_t k = 0; k < n; ++k) acc[k] /= sum;
      }
      result = argmax(acc, n);
      break;
    case kModelGradientBoostingRegressor:
      predict_boosting<kSpace>(blob, t, x, 1, acc);
      break;
#endif
#ifndef EMFLOW_TREES_NO_ISOLATION_FOREST
    case kModelIsolationForest: {
      double depth = 0;
      for (uint16_t tree = 0; tree < t.n_trees; ++tree)
        depth += leaf_value<kSpace>(blob, t, find_leaf<kSpace>(blob, t, tree, x), 0);
      const double denominator = extra<kSpace>(blob, t, 1);
      const double ratio = denominator != 0 ? depth / denominator : 1.0;
      acc[0] = -pow(2.0, -ratio);                   // score_samples
      acc[1] = acc[0] - extra<kSpace>(blob, t, 0);  // decision_function = score_samples - offset_
      result = acc[1] < 0 ? -1 : 1;
      break;
    }
#endif
    default:
      return kErrModelType;
  }
  for (uint16_t k = 0; k < n; ++k) outputs[k] = static_cast<float>(acc[k]);
  if (label) *label = result;
  return kOk;
}

// One dispatch on the memory space per prediction; the loops then read without branching.
// With EMFLOW_MODELS_FLASH_ONLY on AVR only the flash reader is compiled; trees_open has
// refused RAM blobs, and the check here keeps a stray one from being read as flash.
#if defined(__AVR__) && defined(EMFLOW_MODELS_FLASH_ONLY) && EMFLOW_MODELS_FLASH_ONLY
#define EMFLOW_TREES_ONLY_FLASH_READER 1
#endif

template <typename Feature>
Status predict(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x, float* outputs,
               int32_t* label) {
#if defined(EMFLOW_TREES_ONLY_FLASH_READER)
  if (blob.space != kMemoryFlash) return kErrModelType;
  return predict_in<kMemoryFlash>(blob, t, x, outputs, label);
#else
#if defined(__AVR__)
  if (blob.space == kMemoryFlash) return predict_in<kMemoryFlash>(blob, t, x, outputs, label);
#endif
  return predict_in<kMemoryRam>(blob, t, x, outputs, label);
#endif
}

// Index of the leaf reached; t.n_leaves (no leaf) for a blob this build cannot read.
template <typename Feature>
uint32_t leaf_of(const ModelBlob& blob, const TreeEnsemble& t, uint16_t tree, const Feature* x) {
#if defined(EMFLOW_TREES_ONLY_FLASH_READER)
  if (blob.space != kMemoryFlash) return t.n_leaves;
  return find_leaf<kMemoryFlash>(blob, t, tree, x);
#else
#if defined(__AVR__)
  if (blob.space == kMemoryFlash) return find_leaf<kMemoryFlash>(blob, t, tree, x);
#endif
  return find_leaf<kMemoryRam>(blob, t, tree, x);
#endif
}

}  // namespace

// The float and int16 entry points; a size switch (trees.h) replaces one of them by a refusal.
#if defined(EMFLOW_MODELS_NO_FLOAT) && EMFLOW_MODELS_NO_FLOAT
Status trees_predict(const ModelBlob*, const TreeEnsemble*, const float*, float*, int32_t*) {
  return kErrModelType;
}

uint32_t trees_leaf_float(const ModelBlob*, const TreeEnsemble* trees, uint16_t, const float*) {
  return trees->n_leaves;
}
#else
Status trees_predict(const ModelBlob* blob, const TreeEnsemble* trees, const float* features,
                     float* outputs, int32_t* label) {
  return predict(*blob, *trees, features, outputs, label);
}

uint32_t trees_leaf_float(const ModelBlob* blob, const TreeEnsemble* trees, uint16_t tree,
                          const float* features) {
  return leaf_of(*blob, *trees, tree, features);
}
#endif

#if defined(EMFLOW_MODELS_NO_INT16) && EMFLOW_MODELS_NO_INT16
Status trees_predict_int16(const ModelBlob*, const TreeEnsemble*, const int16_t*, float*,
                           int32_t*) {
  return kErrModelType;
}

uint32_t trees_leaf_int16(const ModelBlob*, const TreeEnsemble* trees, uint16_t, const int16_t*) {
  return trees->n_leaves;
}
#else
Status trees_predict_int16(const ModelBlob* blob, const TreeEnsemble* trees,
                           const int16_t* features, float* outputs, int32_t* label) {
  return predict(*blob, *trees, features, outputs, label);
}

uint32_t trees_leaf_int16(const ModelBlob* blob, const TreeEnsemble* trees, uint16_t tree,
                          const int16_t* features) {
  return leaf_of(*blob, *trees, tree, features);
}
#endif

}  // namespace emflow
