// Multi-layer perceptron (scikit-learn MLPClassifier / MLPRegressor), kinds kKindMlpClassifier
// and kKindMlpRegressor. Payload (docs/models.md):
//   u8  n_layers L (weight matrices, 1..EMFLOW_MLP_MAX_LAYERS)
//   u8  hidden activation: 0 identity, 1 logistic, 2 tanh, 3 relu
//   u8  output activation: 0 identity (regressor), 1 logistic (binary: one unit), 2 softmax
//   u8  reserved (0)
//   u16 sizes[L+1]: sizes[0] = n_features, sizes[L] = output units; zero padding to 4 bytes
//   per layer l: f32 W[sizes[l]][sizes[l+1]] (row-major, as coefs_[l]), f32 b[sizes[l+1]]
// A binary classifier has one logistic output unit p; its outputs are [1 - p, p] and its label
// is p > 0.5, as sklearn's LabelBinarizer. Layers wider than EMFLOW_MLP_MAX_WIDTH are refused
// at load time (the activations live in two stack buffers of that width).
#ifndef EMFLOW_ML_MLP_H
#define EMFLOW_ML_MLP_H

#include <stdint.h>

#include "family_kinds.h"
#include "model.h"

#ifndef EMFLOW_MLP_MAX_LAYERS
#define EMFLOW_MLP_MAX_LAYERS 8
#endif
#ifndef EMFLOW_MLP_MAX_WIDTH
#if defined(__AVR__)
#define EMFLOW_MLP_MAX_WIDTH 32
#else
#define EMFLOW_MLP_MAX_WIDTH 1024
#endif
#endif

namespace emflow {

enum MlpHiddenActivation : uint8_t { kMlpIdentity = 0, kMlpLogistic, kMlpTanh, kMlpRelu };
enum MlpOutputActivation : uint8_t { kMlpOutIdentity = 0, kMlpOutLogistic, kMlpOutSoftmax };

Status mlp_open(const ModelBlob* blob, uint8_t* state);
Status mlp_predict(const Model* model, const float* features, float* outputs, int32_t* label);

}  // namespace emflow

#endif  // EMFLOW_ML_MLP_H
