// The int16 fixed-point MLP (core/ml/mlp.h, docs/model-format.md): hand-built blobs whose
// integer results can be worked out by hand, the tanh table, and the loader's refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>

#include "payload_builder.h"
#include "ml/mlp.h"

namespace emflow::testing {
namespace {

struct Int16Mlp {
  uint8_t hidden = kMlpRelu;
  float inputScale = 1.0f;
  int8_t shift0 = 2, shift1 = 3;  // weight shifts
  int8_t q0 = 2, q1 = 0;          // Q of the hidden layer's outputs; output layer 0
  int16_t w00 = 4;                // W0_q[0][0] (1.0 at shift 2)
  int32_t b1 = 0;                 // output bias (at 2^(shift1 + q0))
  uint8_t padding = 0;            // the byte after the shifts
};

void i32(Payload& p, int32_t v) {
  const uint32_t bits = static_cast<uint32_t>(v);
  p.u16(bits & 0xFFFF).u16(bits >> 16);
}

// 2 features -> 2 hidden units -> 1 logistic unit: W0 = [[1, -1], [-1, 1]], W1 = [1, -1].
std::vector<uint8_t> int16Payload(const Int16Mlp& m = Int16Mlp()) {
  Payload p;
  p.u8(2).u8(m.hidden).u8(kMlpOutLogistic).u8(0).f32(m.inputScale);
  p.u16(2).u16(2).u16(1);
  p.u8(static_cast<uint8_t>(m.shift0)).u8(static_cast<uint8_t>(m.shift1));
  p.u8(static_cast<uint8_t>(m.q0)).u8(static_cast<uint8_t>(m.q1));
  p.u8(m.padding).pad4();
  p.i16(m.w00).i16(-4).i16(-4).i16(4);  // W0_q[2][2], already 4-byte aligned
  i32(p, 0);
  i32(p, 0);
  p.i16(8).i16(-8).pad4();  // W1_q[2][1] = [1, -1] at shift 3
  i32(p, m.b1);
  return p.bytes();
}

std::vector<uint8_t> int16Blob(const Int16Mlp& m = Int16Mlp()) {
  return makeBlob(kModelMlpClassifier, 2, 2, int16Payload(m), true);
}

TEST(MlpInt16, ReluNetworkMatchesHandComputation) {
  Model model;
  ASSERT_EQ(openBlob(&model, int16Blob()), kOk);
  float out[2];
  int32_t label = -1;
  const int16_t x[2] = {3, 1};  // h = relu([2, -2]) = [2, 0] (Q2: [8, 0]); logit 2
  ASSERT_EQ(modelPredictInt16(&model, x, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_FLOAT_EQ(out[1], static_cast<float>(1 / (1 + std::exp(-2.0))));
  EXPECT_FLOAT_EQ(out[0], static_cast<float>(1 - 1 / (1 + std::exp(-2.0))));
  const int16_t same[2] = {1, 1};  // logit exactly 0: label 0, as p > 0.5 is false
  ASSERT_EQ(modelPredictInt16(&model, same, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 0);
  EXPECT_FLOAT_EQ(out[1], 0.5f);
  const float floats[2] = {3, 1};  // an int16 model takes int16 features only
  EXPECT_EQ(modelPredict(&model, floats, 2, out, 2, &label), kErrModelType);
}

TEST(MlpInt16, HiddenActivationsSaturateAtInt16) {
  Int16Mlp m;
  m.q0 = 12;      // hidden outputs in Q12, so 4 * 2^12 > 32767 saturates
  m.shift0 = 14;  // rescale shift = 14 + 0 - 12 = 2: acc / 4
  m.w00 = 16384;  // W0[0][0] = 1.0 at shift 14; the others stay -4, -4, 4
  m.shift1 = 3;
  Model model;
  ASSERT_EQ(openBlob(&model, int16Blob(m)), kOk);
  float out[2];
  int32_t label;
  const int16_t x[2] = {10, 0};  // acc0 = 163840 -> 40960 -> saturates to 32767
  ASSERT_EQ(modelPredictInt16(&model, x, 2, out, 2, &label), kOk);
  // logit = (8 * 32767 - 8 * relu(-40 / 4 = -10 -> 0)) / 2^(3 + 12)
  EXPECT_FLOAT_EQ(out[1], static_cast<float>(1 / (1 + std::exp(-8.0 * 32767 / 32768))));
}

// The output layer has no rescaling shift: only hidden layers' shifts are bounded (a fuzzer
// found an output layer whose shift + q_in exceeded 31 being used as a shift count).
TEST(MlpInt16, OutputLayerExponentMayExceedShiftRange) {
  Int16Mlp m;
  m.shift0 = 30;  // hidden rescale 30 - 20 = 10
  m.q0 = 20;
  m.shift1 = 32;  // output value = acc * 2^-52
  Model model;
  ASSERT_EQ(openBlob(&model, int16Blob(m)), kOk);
  float out[2];
  int32_t label;
  const int16_t x[2] = {3000, 1000};  // hidden acc0 = 8000 -> 8 (Q20); output acc = 64
  ASSERT_EQ(modelPredictInt16(&model, x, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_FLOAT_EQ(out[1], static_cast<float>(1 / (1 + std::exp(-std::ldexp(64.0, -52)))));
}

TEST(MlpInt16, TanhTableFollowsTanh) {
  EXPECT_EQ(mlpTanhQ14(0), 0);
  EXPECT_EQ(mlpTanhQ14(32767), 16384);
  EXPECT_EQ(mlpTanhQ14(-32768), -16384);
  for (int t = -32768; t <= 32767; t += 37) {
    const double expected = std::tanh(t / 4096.0) * 16384;
    EXPECT_NEAR(mlpTanhQ14(static_cast<int16_t>(t)), expected, 3.0) << "t = " << t;
    if (t > -32768) {
      EXPECT_EQ(mlpTanhQ14(static_cast<int16_t>(-t)), -mlpTanhQ14(static_cast<int16_t>(t)));
    }
  }
}

TEST(MlpInt16, LogisticAndTanhHiddenLayers) {
  for (uint8_t hidden : {kMlpTanh, kMlpLogistic}) {
    Int16Mlp m;
    m.hidden = hidden;
    m.q0 = 14;
    m.shift0 = hidden == kMlpTanh ? 12 : 11;  // rescale shift 0: acc is the table's argument
    m.shift1 = 3;
    m.w00 = static_cast<int16_t>(1 << m.shift0);
    Model model;
    ASSERT_EQ(openBlob(&model, int16Blob(m)), kOk) << int(hidden);
    float out[2];
    int32_t label;
    const int16_t x[2] = {1, 0};  // z = [1, -4 / 2^shift0] before the activation
    ASSERT_EQ(modelPredictInt16(&model, x, 2, out, 2, &label), kOk);
    const double z1 = -4.0 / (1 << m.shift0);
    const double h0 = hidden == kMlpTanh ? std::tanh(1.0) : 1 / (1 + std::exp(-1.0));
    const double h1 = hidden == kMlpTanh ? std::tanh(z1) : 1 / (1 + std::exp(-z1));
    const double p = 1 / (1 + std::exp(-(h0 - h1)));
    EXPECT_NEAR(out[1], p, 2e-4) << int(hidden);
  }
}

TEST(MlpInt16, LoaderRefusesHostileBlobs) {
  Model model;
  Int16Mlp m;
  m.w00 = 32767;  // 32768 * (32767 + 4) exceeds the 2^30 accumulator budget
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrOutOfRange);
  m = Int16Mlp();
  m.b1 = 1 << 30;  // 32768 * 16 + 2^30 > 2^30
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrOutOfRange);
  m = Int16Mlp();
  m.inputScale = 0;
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrCorrupt);
  m.inputScale = NAN;
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrCorrupt);
  m = Int16Mlp();
  m.q1 = 1;  // the output layer has no int16 outputs
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrCorrupt);
  m = Int16Mlp();
  m.padding = 1;
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrCorrupt);
  m = Int16Mlp();
  m.hidden = kMlpTanh;  // tanh outputs must be Q14
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrCorrupt);
  m = Int16Mlp();
  m.shift0 = 33;
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrOutOfRange);
  m = Int16Mlp();
  m.q0 = 20;  // rescale shift 2 - 20 = -18 < -15
  EXPECT_EQ(openBlob(&model, int16Blob(m)), kErrOutOfRange);
  // The float layout under the int16 flag, and the int16 layout without it.
  EXPECT_NE(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 2, int16Payload(), false)), kOk);
  const std::vector<uint8_t> good = int16Payload();
  for (size_t cut = 0; cut < good.size(); ++cut) {
    std::vector<uint8_t> shorter(good.begin(), good.begin() + cut);
    EXPECT_NE(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 2, shorter, true)), kOk) << cut;
  }
  std::vector<uint8_t> longer = good;
  longer.push_back(0);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 2, longer, true)), kErrCorrupt);
}

// The fuzzer's int16 MLP seeds (written by the converter) are valid models.
TEST(MlpInt16, FuzzSeedsLoadAndPredict) {
  for (const char* name :
       {"mlp_int16_relu.bin", "mlp_int16_tanh_binary.bin", "mlp_int16_logistic_regressor.bin"}) {
    std::ifstream file(std::string(EMFLOW_SOURCE_DIR "/tests/fuzz/corpus/model_loader/") + name,
                       std::ios::binary);
    const std::vector<uint8_t> blob((std::istreambuf_iterator<char>(file)),
                                    std::istreambuf_iterator<char>());
    ASSERT_FALSE(blob.empty()) << name;
    Model model;
    ASSERT_EQ(openBlob(&model, blob), kOk) << name;
    EXPECT_TRUE(modelIsInt16(&model)) << name;
    std::vector<int16_t> x(model.blob.nFeatures, 500);
    std::vector<float> out(model.blob.nOutputs);
    int32_t label;
    EXPECT_EQ(modelPredictInt16(&model, x.data(), x.size(), out.data(), out.size(), &label), kOk)
        << name;
  }
}

}  // namespace
}  // namespace emflow::testing
