// Tree ensembles (kinds 1-5): DecisionTree / RandomForest / ExtraTrees classifiers and
// regressors, GradientBoosting classifier and regressor, IsolationForest. One table format
// for all, read in place through the blob accessor (RAM or flash). Payload layout:
// docs/model-format.md ("Tree payload").
#ifndef EMFLOW_ML_TREES_H
#define EMFLOW_ML_TREES_H

#include <stddef.h>
#include <stdint.h>

#include "model_blob.h"

namespace emflow {

// Largest n_outputs a tree model may have: predict keeps one accumulator per output on the
// stack (double precision, which is 32-bit on AVR).
#ifndef EMFLOW_TREES_MAX_OUTPUTS
#if defined(__AVR__)
#define EMFLOW_TREES_MAX_OUTPUTS 16
#else
#define EMFLOW_TREES_MAX_OUTPUTS 256
#endif
#endif

// Small boards can leave out kinds they do not run (their blobs then give kErrModelType):
//   EMFLOW_TREES_NO_BOOSTING          GradientBoosting classifier/regressor (saves exp())
//   EMFLOW_TREES_NO_ISOLATION_FOREST  IsolationForest (saves pow())
// and paths their models do not take (the exporter sets these from the graph's models; a
// model that needs a removed path is refused by treesOpen with kErrModelType, and the
// removed predict entry point answers kErrModelType):
//   EMFLOW_MODELS_FLASH_ONLY  every model is read from flash (kMemoryFlash): the RAM reader
//                             goes (on AVR, where flash reads differ; ~1.5 KB on the Uno)
//   EMFLOW_MODELS_NO_INT16    no int16 (fixed-point) model: treesPredictInt16 goes
//   EMFLOW_MODELS_NO_FLOAT    only int16 models: treesPredict (float features) goes

static const size_t kTreePayloadHeaderSize = 16;

// What the loader found in a tree payload; offsets are from the start of the blob.
struct TreeEnsemble {
  uint32_t nNodes;   // decision nodes, all trees
  uint32_t nLeaves;  // distinct leaves (shared between trees)
  size_t extraOffset;
  size_t rootsOffset;
  size_t nodesOffset;
  size_t leavesOffset;
  uint16_t nTrees;
  uint16_t leafWidth;  // values per leaf
  uint16_t nExtra;     // f32 parameters before the roots (per kind)
  uint8_t refWidth;    // bytes per child reference: 1, 2 or 4
  uint8_t featureWidth;
  uint8_t thresholdWidth;  // 2 (int16 models) or 4 (float)
  uint8_t nodeSize;
};

// Validates a tree payload for blob->kind (every node, reference, leaf and parameter).
Status treesOpen(const ModelBlob* blob, TreeEnsemble* out);

// Outputs as described in model.h. `outputs` must hold blob->n_outputs values.
Status treesPredict(const ModelBlob* blob, const TreeEnsemble* trees, const float* features,
                    float* outputs, int32_t* label);
Status treesPredictInt16(const ModelBlob* blob, const TreeEnsemble* trees, const int16_t* features,
                         float* outputs, int32_t* label);

// Index of the leaf that tree `tree` reaches for these features (for tests and code
// generators that want per-tree results).
uint32_t treesLeafFloat(const ModelBlob* blob, const TreeEnsemble* trees, uint16_t tree,
                        const float* features);
uint32_t treesLeafInt16(const ModelBlob* blob, const TreeEnsemble* trees, uint16_t tree,
                        const int16_t* features);

}  // namespace emflow

#endif  // EMFLOW_ML_TREES_H
