// Multi-layer perceptron (scikit-learn MLPClassifier / MLPRegressor), kinds kModelMlpClassifier
// and kModelMlpRegressor. Payload (docs/models.md):
//   u8  n_layers L (weight matrices, 1..EMFLOW_MLP_MAX_LAYERS)
//   u8  hidden activation: 0 identity, 1 logistic, 2 tanh, 3 relu
//   u8  output activation: 0 identity (regressor), 1 logistic (binary: one unit), 2 softmax
//   u8  reserved (0)
//   u16 sizes[L+1]: sizes[0] = n_features, sizes[L] = output units; zero padding to 4 bytes
//   per layer l: f32 W[sizes[l]][sizes[l+1]] (row-major, as coefs_[l]), f32 b[sizes[l+1]]
// int16 mode (flags bit 0, docs/model-format.md): features are int16 x_q = round(x * input_scale)
//   u8 n_layers L, u8 hidden, u8 output, u8 reserved (0), f32 input_scale (> 0, informative:
//   1 / input_scale is folded into the first layer's weights)
//   u16 sizes[L+1]; i8 weight_shift[L], i8 activation_q[L] (Q format of each layer's int16
//   outputs: 14 for tanh/logistic hidden layers, 0 for the output layer); zero padding to 4
//   per layer l: i16 W_q[sizes[l]][sizes[l+1]] = round(W * 2^weight_shift) (zero padding to 4),
//   i32 b_q[sizes[l+1]] = round(b * 2^(weight_shift + q_in)), q_in = activation_q[l-1] (0 for l=0)
// Each unit's int32 sum acc = b_q + sum W_q a_q is exact: the loader checks that
// 32768 * sum |W_q| + |b_q| <= 2^30 for every unit. Hidden layers rescale acc to int16 with a
// rounding shift and saturation (relu/identity exact on those integers; tanh/logistic through a
// 257-entry Q14 tanh table with linear interpolation). The output layer turns acc into float
// (acc * 2^-(weight_shift + q_in)) and applies identity/logistic/softmax in float; its label
// comes from the integers (acc > 0 for one unit, else the first largest acc).
// A binary classifier has one logistic output unit p; its outputs are [1 - p, p] and its label
// is p > 0.5, as sklearn's LabelBinarizer. Layers wider than EMFLOW_MLP_MAX_WIDTH are refused
// at load time (the activations live in two stack buffers of that width).
#ifndef EMFLOW_ML_MLP_H
#define EMFLOW_ML_MLP_H

#include <stdint.h>

#include "model_kinds.h"
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

Status mlpOpen(const ModelBlob* blob, uint8_t* state);
Status mlpPredict(const Model* model, const float* features, float* outputs, int32_t* label);
Status mlpPredictInt16(const Model* model, const int16_t* features, float* outputs, int32_t* label);

// tanh(t / 4096) in Q14 (16384 = 1.0) for a Q12 argument, as the int16 engine computes it.
int16_t mlpTanhQ14(int16_t t);

}  // namespace emflow

#endif  // EMFLOW_ML_MLP_H
