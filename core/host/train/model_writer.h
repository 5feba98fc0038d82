// Writes fitted models as binary model blobs (docs/model-format.md): the container (header,
// payload, CRC-32) and the tree (kinds 1, 2) and GaussianNB (kind 32) payloads, laid out
// exactly as the Python converter (python/emflow/trees.py) lays out a converted scikit-learn
// model, so that the same tree gives the same bytes.
#ifndef EMFLOW_HOST_TRAIN_MODEL_WRITER_H
#define EMFLOW_HOST_TRAIN_MODEL_WRITER_H

#include <cstddef>
#include <cstdint>
#include <vector>

#include "naive_bayes_fit.h"
#include "tree_builder.h"

namespace emflow::train {

std::vector<uint8_t> packContainer(uint8_t kind, size_t nFeatures, size_t nOutputs,
                                   const std::vector<uint8_t>& payload);

// Kind 1 (classifier: leaves hold class probabilities, counts normalised) or kind 2
// (regressor: leaves hold values). Trees in order; shared leaves deduplicated.
std::vector<uint8_t> treeEnsembleBlob(const std::vector<FittedTree>& trees, size_t nFeatures,
                                      bool classifier);

std::vector<uint8_t> gaussianNbBlob(const GaussianNBFit& fit);

// The largest float32 <= value, so that for every float32 x, x <= value exactly when
// x <= floatFloor(value) (tree thresholds; as blob.f32_floor in Python).
float floatFloor(double value);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_MODEL_WRITER_H
