#include "trees.h"

#include <math.h>
#include <string.h>

namespace emflow {

namespace {

// A child reference: > 0 is a decision node that many records further on (so every path
// moves forward and no cycle is possible), < 0 is leaf -(ref) - 1, 0 is invalid.
inline int32_t readRef(const uint8_t* data, MemorySpace space, size_t offset, uint8_t width) {
  if (width == 1) return static_cast<int8_t>(blobU8(data, space, offset));
  if (width == 2) return blobI16(data, space, offset);
  return blobI32(data, space, offset);
}

inline uint16_t readFeature(const uint8_t* data, MemorySpace space, size_t offset, uint8_t width) {
  return width == 1 ? blobU8(data, space, offset) : blobU16(data, space, offset);
}

// Validates one reference found in node `node` (or a root when node < 0).
Status checkRef(int32_t ref, int64_t node, const TreeEnsemble& t) {
  if (ref < 0) {
    const uint32_t leaf = static_cast<uint32_t>(-(ref + 1));
    return leaf < t.nLeaves ? kOk : kErrOutOfRange;
  }
  if (node >= 0 && ref == 0) return kErrCorrupt;  // would point at itself: a cycle
  const int64_t target = node < 0 ? ref : node + ref;
  return target < static_cast<int64_t>(t.nNodes) ? kOk : kErrOutOfRange;
}

struct KindShape {
  uint16_t leafWidth;
  uint16_t nExtra;
};

// The payload shape each kind requires, derived from the header.
Status expectedShape(const ModelBlob& blob, uint16_t nTrees, KindShape* shape) {
  (void)nTrees;  // only gradient boosting constrains it
  const uint16_t nOutputs = blob.nOutputs;
  switch (blob.kind) {
    case kModelTreeClassifier:
    case kModelTreeRegressor:
      shape->leafWidth = nOutputs;
      shape->nExtra = 0;
      return kOk;
#ifndef EMFLOW_TREES_NO_BOOSTING
    case kModelGradientBoostingClassifier: {
      if (nOutputs < 2) return kErrOutOfRange;
      const uint16_t perStage = nOutputs == 2 ? 1 : nOutputs;
      if (nTrees % perStage != 0) return kErrCorrupt;
      shape->leafWidth = 1;
      shape->nExtra = perStage;  // initial raw predictions
      return kOk;
    }
    case kModelGradientBoostingRegressor:
      if (nOutputs != 1) return kErrOutOfRange;
      shape->leafWidth = 1;
      shape->nExtra = 1;  // initial prediction
      return kOk;
#endif
#ifndef EMFLOW_TREES_NO_ISOLATION_FOREST
    case kModelIsolationForest:
      if (nOutputs != 2) return kErrOutOfRange;
      shape->leafWidth = 1;
      shape->nExtra = 2;  // offset_, path-length denominator
      return kOk;
#endif
    default:
      return kErrModelType;
  }
}

// A blob this build cannot predict because a size switch (trees.h) removed its path.
Status checkBuildHasPath(const ModelBlob& blob) {
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

Status treesOpen(const ModelBlob* blob, TreeEnsemble* out) {
  const uint8_t* d = blob->data;
  const MemorySpace sp = blob->space;
  const uint32_t payload = static_cast<uint32_t>(blob->payloadSize);
  if (payload < kTreePayloadHeaderSize) return kErrTruncated;
  const size_t p = kModelHeaderSize;
  TreeEnsemble t;
  t.nTrees = blobU16(d, sp, p + 0);
  t.refWidth = blobU8(d, sp, p + 2);
  t.featureWidth = blobU8(d, sp, p + 3);
  t.nNodes = blobU32(d, sp, p + 4);
  t.nLeaves = blobU32(d, sp, p + 8);
  t.leafWidth = blobU16(d, sp, p + 12);
  t.nExtra = blobU16(d, sp, p + 14);
  t.thresholdWidth = (blob->flags & kModelFlagInt16) ? 2 : 4;
  const Status path = checkBuildHasPath(*blob);
  if (path != kOk) return path;
  if (t.nTrees == 0 || t.nLeaves == 0) return kErrOutOfRange;
  if (t.refWidth != 1 && t.refWidth != 2 && t.refWidth != 4) return kErrCorrupt;
  if (t.featureWidth != 1 && t.featureWidth != 2) return kErrCorrupt;
  if (blob->nOutputs > EMFLOW_TREES_MAX_OUTPUTS) return kErrOutOfRange;
  KindShape shape;
  Status status = expectedShape(*blob, t.nTrees, &shape);
  if (status != kOk) return status;
  if (t.leafWidth != shape.leafWidth || t.nExtra != shape.nExtra) return kErrCorrupt;
  t.nodeSize = static_cast<uint8_t>(t.featureWidth + t.thresholdWidth + 2 * t.refWidth);

  // Sizes, checked by division so that hostile counts cannot overflow.
  uint32_t remaining = payload - kTreePayloadHeaderSize;
  const uint32_t fixed = 4u * t.nExtra + 4u * t.nTrees;
  if (fixed > remaining) return kErrTruncated;
  remaining -= fixed;
  if (t.nNodes > remaining / t.nodeSize) return kErrTruncated;
  remaining -= t.nNodes * t.nodeSize;
  const uint32_t leafBytes = 4u * t.leafWidth;
  if (t.nLeaves > remaining / leafBytes) return kErrTruncated;
  remaining -= t.nLeaves * leafBytes;
  if (remaining != 0) return kErrCorrupt;
  if (t.nNodes > 0x7FFFFFFFu || t.nLeaves > 0x7FFFFFFFu) return kErrOutOfRange;

  t.extraOffset = p + kTreePayloadHeaderSize;
  t.rootsOffset = t.extraOffset + 4u * t.nExtra;
  t.nodesOffset = t.rootsOffset + 4u * t.nTrees;
  t.leavesOffset = t.nodesOffset + static_cast<size_t>(t.nNodes) * t.nodeSize;

  for (uint16_t i = 0; i < t.nExtra; ++i)
    if (!blobFinite(blobF32(d, sp, t.extraOffset + 4u * i))) return kErrCorrupt;
  if (blob->kind == kModelIsolationForest && blobF32(d, sp, t.extraOffset + 4) < 0)
    return kErrCorrupt;
  for (uint16_t i = 0; i < t.nTrees; ++i) {
    status = checkRef(blobI32(d, sp, t.rootsOffset + 4u * i), -1, t);
    if (status != kOk) return status;
  }
  size_t offset = t.nodesOffset;
  for (uint32_t node = 0; node < t.nNodes; ++node, offset += t.nodeSize) {
    if (readFeature(d, sp, offset, t.featureWidth) >= blob->nFeatures) return kErrOutOfRange;
    const size_t threshold = offset + t.featureWidth;
    if (t.thresholdWidth == 4 && !blobFinite(blobF32(d, sp, threshold))) return kErrCorrupt;
    const size_t refs = threshold + t.thresholdWidth;
    for (uint8_t side = 0; side < 2; ++side) {
      status = checkRef(readRef(d, sp, refs + side * t.refWidth, t.refWidth), node, t);
      if (status != kOk) return status;
    }
  }
  const uint32_t nValues = t.nLeaves * t.leafWidth;
  for (uint32_t i = 0; i < nValues; ++i)
    if (!blobFinite(blobF32(d, sp, t.leavesOffset + 4u * i))) return kErrCorrupt;
  *out = t;
  return kOk;
}

namespace {

inline bool goesLeft(float x, const uint8_t* d, MemorySpace sp, size_t offset) {
  return x <= blobF32(d, sp, offset);
}
inline bool goesLeft(int16_t x, const uint8_t* d, MemorySpace sp, size_t offset) {
  return x <= blobI16(d, sp, offset);
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
inline bool goesLeftAt(float x, const uint8_t* p) {
  uint32_t bits = static_cast<uint32_t>(read8<kSpace>(p)) |
                  (static_cast<uint32_t>(read8<kSpace>(p + 1)) << 8) |
                  (static_cast<uint32_t>(read8<kSpace>(p + 2)) << 16) |
                  (static_cast<uint32_t>(read8<kSpace>(p + 3)) << 24);
  float threshold;
  memcpy(&threshold, &bits, sizeof threshold);
  return x <= threshold;
}

template <MemorySpace kSpace>
inline bool goesLeftAt(int16_t x, const uint8_t* p) {
  const int16_t threshold =
      static_cast<int16_t>(read8<kSpace>(p) | (static_cast<uint16_t>(read8<kSpace>(p + 1)) << 8));
  return x <= threshold;
}

// The common compact layout (1-byte features and references: up to 256 features, trees
// whose subtrees span < 128 nodes and < 129 leaves): one pointer walks the node table.
template <MemorySpace kSpace, typename Feature>
uint32_t walkCompact(const uint8_t* node, const Feature* x) {
  // feature byte, threshold (as wide as the feature type), left, right: a constant size, so
  // stepping to a child is a shift-and-add rather than a multiplication.
  const uint8_t kRefs = 1 + sizeof(Feature);
  const uint8_t kNodeSize = kRefs + 2;
  for (;;) {
    const bool left = goesLeftAt<kSpace>(x[read8<kSpace>(node)], node + 1);
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
inline float readF32(const uint8_t* p) {
  const uint32_t bits = read32<kSpace>(p);
  float value;
  memcpy(&value, &bits, sizeof value);
  return value;
}

template <MemorySpace kSpace, typename Feature>
uint32_t findLeaf(const ModelBlob& blob, const TreeEnsemble& t, uint16_t tree, const Feature* x) {
  const uint8_t* d = blob.data;
  int32_t ref = static_cast<int32_t>(read32<kSpace>(d + t.rootsOffset + 4u * tree));
  if (ref < 0) return static_cast<uint32_t>(-(ref + 1));
  size_t offset = t.nodesOffset + static_cast<size_t>(ref) * t.nodeSize;
  if (t.featureWidth == 1 && t.refWidth == 1 && t.thresholdWidth == sizeof(Feature))
    return walkCompact<kSpace>(d + offset, x);
  for (;;) {
    const uint16_t feature = readFeature(d, kSpace, offset, t.featureWidth);
    const size_t threshold = offset + t.featureWidth;
    const size_t refs = threshold + t.thresholdWidth;
    const bool left = goesLeft(x[feature], d, kSpace, threshold);
    ref = readRef(d, kSpace, left ? refs : refs + t.refWidth, t.refWidth);
    if (ref < 0) return static_cast<uint32_t>(-(ref + 1));
    offset += static_cast<size_t>(ref) * t.nodeSize;
  }
}

template <MemorySpace kSpace>
inline float leafValue(const ModelBlob& blob, const TreeEnsemble& t, uint32_t leaf,
                       uint16_t index) {
  return readF32<kSpace>(blob.data + t.leavesOffset +
                         (static_cast<size_t>(leaf) * t.leafWidth + index) * 4u);
}

template <MemorySpace kSpace>
inline float extra(const ModelBlob& blob, const TreeEnsemble& t, uint16_t index) {
  return readF32<kSpace>(blob.data + t.extraOffset + 4u * index);
}

int32_t argmax(const double* values, uint16_t n) {
  uint16_t best = 0;
  for (uint16_t i = 1; i < n; ++i)
    if (values[i] > values[best]) best = i;  // first maximum wins, as numpy.argmax
  return best;
}

#if !defined(__AVR__)
// Host CPUs and WebAssembly engines overlap independent work, but one tree walk is a chain of
// dependent loads (node → feature → compare → child). Walking several trees in step gives
// them independent chains to overlap: on the reference forest 1.14× faster natively and 1.65×
// in V8, on a 100-tree forest 1.7× and 2.4× (docs/wasm.md). An AVR executes one instruction
// at a time, so it keeps the one-tree walk (walkCompact, findLeaf).
const uint8_t kMaxWalksInStep = 8;

// Walks kCount trees at once, from their first nodes (nullptr: the root is a leaf, already in
// leaf[i]), until every walk has reached its leaf. Nodes are a one-byte feature, a threshold as
// wide as the feature type and two references of kRefBytes (1: the compact layout; 2: trees
// whose subtrees span more than 127 nodes). The count is a template argument so that the
// compiler unrolls the step (V8 gains 1.2x over a counted loop).
template <MemorySpace kSpace, uint8_t kCount, uint8_t kRefBytes, typename Feature>
void walkInStep(const uint8_t** node, const Feature* x, uint32_t* leaf) {
  const uint8_t kRefs = 1 + sizeof(Feature);
  const uint8_t kNodeSize = kRefs + 2 * kRefBytes;
  uint8_t walking = 0;
  for (uint8_t i = 0; i < kCount; ++i) walking += node[i] != nullptr;
  while (walking) {
    for (uint8_t i = 0; i < kCount; ++i) {
      const uint8_t* p = node[i];
      if (!p) continue;
      const bool left = goesLeftAt<kSpace>(x[read8<kSpace>(p)], p + 1);
      const uint8_t* r = p + kRefs + (left ? 0 : kRefBytes);
      const int32_t ref =
          kRefBytes == 1 ? static_cast<int8_t>(read8<kSpace>(r))
                         : static_cast<int16_t>(read8<kSpace>(r) | (read8<kSpace>(r + 1) << 8));
      if (ref < 0) {
        leaf[i] = static_cast<uint32_t>(-(ref + 1));
        node[i] = nullptr;
        --walking;
      } else {
        node[i] = p + static_cast<size_t>(ref) * kNodeSize;
      }
    }
  }
}

template <MemorySpace kSpace, uint8_t kRefBytes, typename Feature>
void walkInStepOf(uint8_t count, const uint8_t** node, const Feature* x, uint32_t* leaf) {
  switch (count) {
    case 1:
      return walkInStep<kSpace, 1, kRefBytes>(node, x, leaf);
    case 2:
      return walkInStep<kSpace, 2, kRefBytes>(node, x, leaf);
    case 3:
      return walkInStep<kSpace, 3, kRefBytes>(node, x, leaf);
    case 4:
      return walkInStep<kSpace, 4, kRefBytes>(node, x, leaf);
    case 5:
      return walkInStep<kSpace, 5, kRefBytes>(node, x, leaf);
    case 6:
      return walkInStep<kSpace, 6, kRefBytes>(node, x, leaf);
    case 7:
      return walkInStep<kSpace, 7, kRefBytes>(node, x, leaf);
    default:
      return walkInStep<kSpace, 8, kRefBytes>(node, x, leaf);
  }
}

// Whether walkInStep reads this ensemble's nodes (one-byte features, thresholds as wide as the
// features, references of one or two bytes).
template <typename Feature>
bool walksInStep(const TreeEnsemble& t) {
  return t.featureWidth == 1 && t.thresholdWidth == sizeof(Feature) && t.refWidth <= 2;
}

// The leaves of trees [first, first + count) of an ensemble walksInStep accepts.
template <MemorySpace kSpace, typename Feature>
void findLeavesInStep(const ModelBlob& blob, const TreeEnsemble& t, uint16_t first, uint8_t count,
                      const Feature* x, uint32_t* leaf) {
  const uint8_t* node[kMaxWalksInStep];
  for (uint8_t i = 0; i < count; ++i) {
    const int32_t ref =
        static_cast<int32_t>(read32<kSpace>(blob.data + t.rootsOffset + 4u * (first + i)));
    leaf[i] = ref < 0 ? static_cast<uint32_t>(-(ref + 1)) : 0;
    node[i] = ref < 0 ? nullptr : blob.data + t.nodesOffset + static_cast<size_t>(ref) * t.nodeSize;
  }
  if (t.refWidth == 1)
    walkInStepOf<kSpace, 1>(count, node, x, leaf);
  else
    walkInStepOf<kSpace, 2>(count, node, x, leaf);
}

// Adds every tree's leaf values to acc in tree order, walking them in groups of equal size
// (10 trees: 5 + 5, not 8 + 2).
template <MemorySpace kSpace, typename Feature>
void sumLeavesInStep(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x, double* acc) {
  const uint16_t groups = static_cast<uint16_t>((t.nTrees + kMaxWalksInStep - 1) / kMaxWalksInStep);
  uint32_t leaf[kMaxWalksInStep];
  for (uint16_t g = 0, first = 0; g < groups; ++g) {
    const uint16_t end = static_cast<uint16_t>(static_cast<uint32_t>(t.nTrees) * (g + 1) / groups);
    const uint8_t count = static_cast<uint8_t>(end - first);
    findLeavesInStep<kSpace>(blob, t, first, count, x, leaf);
    for (uint8_t i = 0; i < count; ++i)
      for (uint16_t k = 0; k < blob.nOutputs; ++k) acc[k] += leafValue<kSpace>(blob, t, leaf[i], k);
    first = end;
  }
}
#endif

// Soft voting / averaging in scikit-learn's order: sum per-tree values, then divide.
template <MemorySpace kSpace, typename Feature>
void predictAverage(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x, double* acc) {
  const uint16_t n = blob.nOutputs;
  for (uint16_t k = 0; k < n; ++k) acc[k] = 0;
#if !defined(__AVR__)
  if (walksInStep<Feature>(t)) {
    sumLeavesInStep<kSpace>(blob, t, x, acc);
  } else
#endif
  {
    for (uint16_t tree = 0; tree < t.nTrees; ++tree) {
      const uint32_t leaf = findLeaf<kSpace>(blob, t, tree, x);
      for (uint16_t k = 0; k < n; ++k) acc[k] += leafValue<kSpace>(blob, t, leaf, k);
    }
  }
  for (uint16_t k = 0; k < n; ++k) acc[k] /= t.nTrees;
}

// Gradient boosting raw predictions: init + sum of (learning-rate-scaled) tree values; trees
// are stored stage by stage, `per_stage` of them per stage (one per class, or one if binary).
template <MemorySpace kSpace, typename Feature>
void predictBoosting(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x,
                     uint16_t perStage, double* raw) {
  for (uint16_t k = 0; k < perStage; ++k) raw[k] = extra<kSpace>(blob, t, k);
  uint16_t k = 0;
  for (uint16_t tree = 0; tree < t.nTrees; ++tree) {
    raw[k] += leafValue<kSpace>(blob, t, findLeaf<kSpace>(blob, t, tree, x), 0);
    if (++k == perStage) k = 0;
  }
}

template <MemorySpace kSpace, typename Feature>
Status predictIn(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x, float* outputs,
                 int32_t* label) {
  double acc[EMFLOW_TREES_MAX_OUTPUTS];
  const uint16_t n = blob.nOutputs;
  int32_t result = 0;
  switch (blob.kind) {
    case kModelTreeClassifier:
      predictAverage<kSpace>(blob, t, x, acc);
      result = argmax(acc, n);
      break;
    case kModelTreeRegressor:
      predictAverage<kSpace>(blob, t, x, acc);
      break;
#ifndef EMFLOW_TREES_NO_BOOSTING
    case kModelGradientBoostingClassifier:
      if (n == 2) {
        predictBoosting<kSpace>(blob, t, x, 1, acc);
        const double p = 1.0 / (1.0 + exp(-acc[0]));
        acc[0] = 1.0 - p;
        acc[1] = p;
      } else {
        predictBoosting<kSpace>(blob, t, x, n, acc);
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
      predictBoosting<kSpace>(blob, t, x, 1, acc);
      break;
#endif
#ifndef EMFLOW_TREES_NO_ISOLATION_FOREST
    case kModelIsolationForest: {
      double depth = 0;
      for (uint16_t tree = 0; tree < t.nTrees; ++tree)
        depth += leafValue<kSpace>(blob, t, findLeaf<kSpace>(blob, t, tree, x), 0);
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
// With EMFLOW_MODELS_FLASH_ONLY on AVR only the flash reader is compiled; treesOpen has
// refused RAM blobs, and the check here keeps a stray one from being read as flash.
#if defined(__AVR__) && defined(EMFLOW_MODELS_FLASH_ONLY) && EMFLOW_MODELS_FLASH_ONLY
#define EMFLOW_TREES_ONLY_FLASH_READER 1
#endif

template <typename Feature>
Status predict(const ModelBlob& blob, const TreeEnsemble& t, const Feature* x, float* outputs,
               int32_t* label) {
#if defined(EMFLOW_TREES_ONLY_FLASH_READER)
  if (blob.space != kMemoryFlash) return kErrModelType;
  return predictIn<kMemoryFlash>(blob, t, x, outputs, label);
#else
#if defined(__AVR__)
  if (blob.space == kMemoryFlash) return predictIn<kMemoryFlash>(blob, t, x, outputs, label);
#endif
  return predictIn<kMemoryRam>(blob, t, x, outputs, label);
#endif
}

// Index of the leaf reached; t.n_leaves (no leaf) for a blob this build cannot read.
template <typename Feature>
uint32_t leafOf(const ModelBlob& blob, const TreeEnsemble& t, uint16_t tree, const Feature* x) {
#if defined(EMFLOW_TREES_ONLY_FLASH_READER)
  if (blob.space != kMemoryFlash) return t.nLeaves;
  return findLeaf<kMemoryFlash>(blob, t, tree, x);
#else
#if defined(__AVR__)
  if (blob.space == kMemoryFlash) return findLeaf<kMemoryFlash>(blob, t, tree, x);
#endif
  return findLeaf<kMemoryRam>(blob, t, tree, x);
#endif
}

}  // namespace

// The float and int16 entry points; a size switch (trees.h) replaces one of them by a refusal.
#if defined(EMFLOW_MODELS_NO_FLOAT) && EMFLOW_MODELS_NO_FLOAT
Status treesPredict(const ModelBlob*, const TreeEnsemble*, const float*, float*, int32_t*) {
  return kErrModelType;
}

uint32_t treesLeafFloat(const ModelBlob*, const TreeEnsemble* trees, uint16_t, const float*) {
  return trees->nLeaves;
}
#else
Status treesPredict(const ModelBlob* blob, const TreeEnsemble* trees, const float* features,
                    float* outputs, int32_t* label) {
  return predict(*blob, *trees, features, outputs, label);
}

uint32_t treesLeafFloat(const ModelBlob* blob, const TreeEnsemble* trees, uint16_t tree,
                        const float* features) {
  return leafOf(*blob, *trees, tree, features);
}
#endif

#if defined(EMFLOW_MODELS_NO_INT16) && EMFLOW_MODELS_NO_INT16
Status treesPredictInt16(const ModelBlob*, const TreeEnsemble*, const int16_t*, float*, int32_t*) {
  return kErrModelType;
}

uint32_t treesLeafInt16(const ModelBlob*, const TreeEnsemble* trees, uint16_t, const int16_t*) {
  return trees->nLeaves;
}
#else
Status treesPredictInt16(const ModelBlob* blob, const TreeEnsemble* trees, const int16_t* features,
                         float* outputs, int32_t* label) {
  return predict(*blob, *trees, features, outputs, label);
}

uint32_t treesLeafInt16(const ModelBlob* blob, const TreeEnsemble* trees, uint16_t tree,
                        const int16_t* features) {
  return leafOf(*blob, *trees, tree, features);
}
#endif

}  // namespace emflow
