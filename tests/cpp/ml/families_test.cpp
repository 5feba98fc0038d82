// Loaders and inference of the non-tree families on small hand-built blobs whose results can
// be worked out by hand; corrupt, truncated and hostile blobs give the documented Status.
#include <gtest/gtest.h>

#include <cmath>

#include "payload_builder.h"
#include "ml/families.h"
#include "ml/gmm.h"
#include "ml/knn.h"
#include "ml/linear.h"
#include "ml/mlp.h"

namespace emflow::testing {
namespace {

// GaussianNB, 2 classes, 1 feature: class 0 ~ N(0, 1), class 1 ~ N(2, 1), equal priors.
std::vector<uint8_t> naiveBayesPayload(float variance1 = 1.0f) {
  const float c0 = std::log(0.5f) - 0.5f * std::log(2 * static_cast<float>(M_PI));
  const float c1 = std::log(0.5f) - 0.5f * std::log(2 * static_cast<float>(M_PI) * variance1);
  Payload p;
  p.f32s({c0, c1, 0.0f, 2.0f, 1.0f, variance1});
  return p.bytes();
}

TEST(NaiveBayes, PredictsNearestMeanWithSymmetricProbabilities) {
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, naiveBayesPayload())), kOk);
  EXPECT_EQ(modelRole(model.blob.kind), kRoleClassifier);
  float out[2];
  int32_t label = -1;
  const float x = 1.0f;  // exactly between the means
  ASSERT_EQ(modelPredict(&model, &x, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 0);  // tie: first class, as numpy.argmax
  EXPECT_NEAR(out[0], 0.5f, 1e-6f);
  const float x2 = 3.0f;  // jll difference: -(9 - 1)/2 = -4
  ASSERT_EQ(modelPredict(&model, &x2, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_NEAR(out[0], 1.0 / (1.0 + std::exp(4.0)), 1e-6);
}

// Unequal priors move the boundary: with P(class 0) = 0.8 the point halfway between the means
// is class 0 with probability exactly 0.8 (the likelihoods are equal there).
TEST(NaiveBayes, PriorsWeighTheClasses) {
  const float logNorm = -0.5f * std::log(2 * static_cast<float>(M_PI));
  Payload p;
  p.f32s({std::log(0.2f) + logNorm, std::log(0.8f) + logNorm, 0.0f, 2.0f, 1.0f, 1.0f});
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, p.bytes())), kOk);
  float out[2];
  int32_t label = -1;
  const float x = 1.0f;
  ASSERT_EQ(modelPredict(&model, &x, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_NEAR(out[1], 0.8f, 1e-6f);
  // log(0.8 / 0.2) = 1.386 outweighs a jll difference of 1 (x = 0.5: -(2.25 - 0.25) / 2 = -1)
  const float x2 = 0.5f;
  ASSERT_EQ(modelPredict(&model, &x2, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_NEAR(out[1], 1.0 / (1.0 + std::exp(1.0 - std::log(4.0))), 1e-6);
}

// Each feature's squared distance is divided by its class variance: class 1 ~ N(2, 4) is wide,
// so a point far out (x = 4) is much more likely there than under class 0 ~ N(0, 1).
TEST(NaiveBayes, VariancesScaleTheDistances) {
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, naiveBayesPayload(4.0f))), kOk);
  float out[2];
  int32_t label = -1;
  const float x = 4.0f;  // jll0 = c0 - 16 / 2, jll1 = c1 - (4 / 4) / 2, c1 - c0 = -log(2)
  ASSERT_EQ(modelPredict(&model, &x, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_NEAR(out[1], 1.0 / (1.0 + std::exp(-(7.5 - std::log(2.0)))), 1e-6);
  const float x2 = -1.0f;  // jll0 = c0 - 1 / 2, jll1 = c1 - (9 / 4) / 2
  ASSERT_EQ(modelPredict(&model, &x2, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 0);
  EXPECT_NEAR(out[1], 1.0 / (1.0 + std::exp(0.625 + std::log(2.0))), 1e-6);
}

TEST(NaiveBayes, RejectsBadBlobs) {
  Model model;
  EXPECT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, naiveBayesPayload(0.0f))),
            kErrCorrupt);  // a zero variance would divide by zero
  EXPECT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, naiveBayesPayload(NAN))),
            kErrCorrupt);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 2, 2, naiveBayesPayload())),
            kErrTruncated);  // two features need more floats
  std::vector<uint8_t> longer = naiveBayesPayload();
  longer.push_back(0);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, longer)), kErrCorrupt);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, naiveBayesPayload(), true)),
            kErrModelType);  // no int16 mode
}

TEST(Families, UnknownKindInOtherRangeIsModelType) {
  Model model;
  EXPECT_EQ(openBlob(&model, makeBlob(50, 1, 2, naiveBayesPayload())), kErrModelType);
  EXPECT_FALSE(familyKindKnown(50));
  EXPECT_EQ(familyRole(50), kRoleUnknown);
}

TEST(Families, NonFiniteFeaturesAreRefused) {
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelGaussianNB, 1, 2, naiveBayesPayload())), kOk);
  float out[2];
  int32_t label;
  const float nan = NAN;
  EXPECT_EQ(modelPredict(&model, &nan, 1, out, 2, &label), kErrOutOfRange);
  const float inf = INFINITY;
  EXPECT_EQ(modelPredict(&model, &inf, 1, out, 2, &label), kErrOutOfRange);
}

// MLP 2 -> 2 (relu) -> 1 logistic: hidden = relu([x0 - x1, x1 - x0]), logit = h0 - h1.
std::vector<uint8_t> mlpPayload(uint8_t hidden = kMlpRelu, uint16_t width = 2) {
  Payload p;
  p.u8(2).u8(hidden).u8(kMlpOutLogistic).u8(0).u16(2).u16(width).u16(1).pad4();
  p.f32s({1, -1, -1, 1}).f32s({0, 0});  // W0[2][2], b0
  p.f32s({1, -1}).f32(0);               // W1[2][1], b1
  return p.bytes();
}

TEST(Mlp, BinaryClassifierHasOneLogisticUnit) {
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 2, mlpPayload())), kOk);
  float out[2];
  int32_t label;
  const float x[2] = {3, 1};  // h = [2, 0], logit 2
  ASSERT_EQ(modelPredict(&model, x, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_NEAR(out[1], 1 / (1 + std::exp(-2.0)), 1e-6);
  EXPECT_NEAR(out[0] + out[1], 1.0f, 1e-6f);
  const float same[2] = {1, 1};  // logit 0: p = 0.5 is not > 0.5
  ASSERT_EQ(modelPredict(&model, same, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 0);
}

TEST(Mlp, RejectsBadStructure) {
  Model model;
  EXPECT_EQ(openBlob(&model, makeBlob(kModelMlpClassifier, 3, 2, mlpPayload())),
            kErrFeatureCount);  // sizes[0] must be n_features
  EXPECT_EQ(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 2, mlpPayload(7))), kErrCorrupt);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelMlpRegressor, 2, 1, mlpPayload())),
            kErrCorrupt);  // a regressor's output is identity
  EXPECT_EQ(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 3, mlpPayload())),
            kErrCorrupt);  // one logistic unit means two classes
  EXPECT_EQ(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 2,
                                      mlpPayload(kMlpRelu, EMFLOW_MLP_MAX_WIDTH + 1))),
            kErrOutOfRange);
  Payload zeroLayers;
  zeroLayers.u8(0).u8(0).u8(0).u8(0).u16(2).pad4();
  EXPECT_EQ(openBlob(&model, makeBlob(kModelMlpClassifier, 2, 2, zeroLayers.bytes())),
            kErrOutOfRange);
}

// k-NN on four 1-D points, labels 0 0 1 1.
std::vector<uint8_t> knnPayload(uint16_t k, uint8_t weights, uint16_t label3 = 1) {
  Payload p;
  p.u16(4).u16(k).u8(weights).u8(kKnnEuclidean).u16(0).f32(2.0f);
  p.f32s({0, 1, 10, 11});
  p.u16(0).u16(0).u16(1).u16(label3);
  return p.bytes();
}

TEST(Knn, UniformVoteAndTieToLowestClass) {
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelKNeighborsClassifier, 1, 2, knnPayload(3, 0))), kOk);
  float out[2];
  int32_t label;
  const float nearOnes = 9.0f;  // neighbours 10, 11, 1 -> labels 1, 1, 0
  ASSERT_EQ(modelPredict(&model, &nearOnes, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_NEAR(out[1], 2.0f / 3.0f, 1e-6f);
  ASSERT_EQ(openBlob(&model, makeBlob(kModelKNeighborsClassifier, 1, 2, knnPayload(4, 0))), kOk);
  ASSERT_EQ(modelPredict(&model, &nearOnes, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 0);  // 2 against 2: the lower class index wins
}

TEST(Knn, DistanceWeightsAndExactMatch) {
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelKNeighborsClassifier, 1, 2, knnPayload(4, 1))), kOk);
  float out[2];
  int32_t label;
  const float x = 2.0f;  // weights 1/2, 1/1, 1/8, 1/9
  ASSERT_EQ(modelPredict(&model, &x, 1, out, 2, &label), kOk);
  const double zeros = 0.5 + 1.0, ones = 1.0 / 8 + 1.0 / 9;
  EXPECT_NEAR(out[0], zeros / (zeros + ones), 1e-6);
  const float exact = 10.0f;  // a training point: only it counts
  ASSERT_EQ(modelPredict(&model, &exact, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_FLOAT_EQ(out[1], 1.0f);
}

TEST(Knn, RejectsBadBlobs) {
  Model model;
  EXPECT_EQ(openBlob(&model, makeBlob(kModelKNeighborsClassifier, 1, 2, knnPayload(5, 0))),
            kErrOutOfRange);  // k > n_samples
  EXPECT_EQ(openBlob(&model, makeBlob(kModelKNeighborsClassifier, 1, 2, knnPayload(0, 0))),
            kErrOutOfRange);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelKNeighborsClassifier, 1, 2, knnPayload(2, 0, 2))),
            kErrOutOfRange);  // label 2 with 2 classes
  EXPECT_EQ(openBlob(&model, makeBlob(kModelKNeighborsClassifier, 1, 2, knnPayload(2, 9))),
            kErrCorrupt);
}

// Linear classifier, 3 classes, 2 features, softmax.
std::vector<uint8_t> linearPayload(uint8_t mode) {
  Payload p;
  p.u8(mode).u8(0).u16(0);
  p.f32s({1, 0, 0, 1, -1, -1}).f32s({0, 0, 0.5f});
  return p.bytes();
}

TEST(Linear, SoftmaxAndDecisionScores) {
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelLinearClassifier, 2, 3, linearPayload(kLinearSoftmax))),
            kOk);
  float out[3], scores[3];
  int32_t label;
  const float x[2] = {2, 1};  // d = [2, 1, -2.5]
  ASSERT_EQ(modelPredict(&model, x, 2, out, 3, &label), kOk);
  EXPECT_EQ(label, 0);
  const double z = std::exp(2.0) + std::exp(1.0) + std::exp(-2.5);
  EXPECT_NEAR(out[0], std::exp(2.0) / z, 1e-6);
  size_t written = 0;
  ASSERT_EQ(familyScores(&model, x, scores, 3, &written), kOk);
  ASSERT_EQ(written, 3u);
  EXPECT_FLOAT_EQ(scores[2], -2.5f);
  EXPECT_EQ(familyScores(&model, x, scores, 2, &written), kErrBufferTooSmall);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelLinearClassifier, 2, 3, linearPayload(9))),
            kErrCorrupt);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelLinearRegressor, 2, 3, linearPayload(1))),
            kErrCorrupt);  // a regressor has no probability mode
}

// Binary modified Huber: predict_proba is (clip(d, -1, 1) + 1) / 2, so decision values beyond
// ±1 give certainties, not probabilities outside [0, 1].
TEST(Linear, BinaryModifiedHuberClipsTheDecision) {
  Payload p;
  p.u8(kLinearModifiedHuber).u8(0).u16(0).f32(1.0f).f32(0.0f);  // d = x
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelLinearClassifier, 1, 2, p.bytes())), kOk);
  float out[2];
  int32_t label = -1;
  const float cases[5][2] = {
      {-3.0f, 0.0f}, {-0.5f, 0.25f}, {0.0f, 0.5f}, {0.5f, 0.75f}, {2.5f, 1.0f}};
  for (const auto& c : cases) {
    ASSERT_EQ(modelPredict(&model, &c[0], 1, out, 2, &label), kOk);
    EXPECT_FLOAT_EQ(out[1], c[1]) << "d = " << c[0];
    EXPECT_FLOAT_EQ(out[0], 1.0f - c[1]) << "d = " << c[0];
    EXPECT_EQ(label, c[0] > 0 ? 1 : 0);  // d = 0 is class 0, as sklearn's (d > 0)
  }
}

TEST(Linear, Int16DotProductIsExact) {
  // Binary, one row: W_q = [3, -2] with shift 1 (W = [1.5, -1]), input_scale 10, b = 0.25.
  Payload p;
  p.u8(kLinearScores).u8(1).u16(0).f32(10.0f).i16(3).i16(-2).pad4().f32(0.25f);
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelLinearClassifier, 2, 2, p.bytes(), true)), kOk);
  const int16_t x[2] = {20, 10};  // x = [2, 1]: d = 3 - 1 + 0.25
  float out[2];
  int32_t label;
  ASSERT_EQ(modelPredictInt16(&model, x, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_FLOAT_EQ(out[1], 2.25f);
  EXPECT_FLOAT_EQ(out[0], -2.25f);
  const float xf[2] = {2, 1};
  EXPECT_EQ(modelPredict(&model, xf, 2, out, 2, &label), kErrModelType);
  Payload badScale;
  badScale.u8(0).u8(1).u16(0).f32(0.0f).i16(3).i16(-2).pad4().f32(0.25f);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelLinearClassifier, 2, 2, badScale.bytes(), true)),
            kErrCorrupt);
}

TEST(Elliptic, MahalanobisScoreAndDecision) {
  Payload p;
  p.f32s({1, 0}).f32s({4, 0, 0, 1}).f32(-3.0f);  // location, precision, offset
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelEllipticEnvelope, 2, 2, p.bytes())), kOk);
  EXPECT_EQ(modelRole(model.blob.kind), kRoleAnomaly);
  float out[2];
  int32_t label;
  const float x[2] = {2, 1};  // d2 = 4*1 + 1*1 = 5
  ASSERT_EQ(modelPredict(&model, x, 2, out, 2, &label), kOk);
  EXPECT_FLOAT_EQ(out[0], -5.0f);
  EXPECT_FLOAT_EQ(out[1], -2.0f);
  EXPECT_EQ(label, -1);
  const float inside[2] = {1.5f, 0};  // d2 = 1: decision 2
  ASSERT_EQ(modelPredict(&model, inside, 2, out, 2, &label), kOk);
  EXPECT_EQ(label, 1);
  EXPECT_EQ(openBlob(&model, makeBlob(kModelEllipticEnvelope, 2, 3, p.bytes())), kErrOutOfRange);
}

TEST(Gmm, SphericalComponentsAndScoreSamples) {
  // Two 1-D components N(0, 1) and N(4, 1), weights 0.5: precision Cholesky 1.
  const float c = std::log(0.5f) - 0.5f * std::log(2 * static_cast<float>(M_PI));
  Payload p;
  p.u8(kGmmSpherical).u8(0).u8(0).u8(0).f32s({c, c}).f32s({0, 4}).f32s({1, 1});
  Model model;
  ASSERT_EQ(openBlob(&model, makeBlob(kModelGaussianMixture, 1, 2, p.bytes())), kOk);
  float out[2], score;
  int32_t label;
  const float x = 1.0f;
  ASSERT_EQ(modelPredict(&model, &x, 1, out, 2, &label), kOk);
  EXPECT_EQ(label, 0);
  EXPECT_NEAR(out[1], 1 / (1 + std::exp(4.0)), 1e-6);  // log-odds (9 - 1)/2 = 4
  size_t written;
  ASSERT_EQ(familyScores(&model, &x, &score, 1, &written), kOk);
  const double density = 0.5 * (std::exp(-0.5) + std::exp(-4.5)) / std::sqrt(2 * M_PI);
  EXPECT_NEAR(score, std::log(density), 1e-5);
  Payload bad;
  bad.u8(4).u8(0).u8(0).u8(0).f32s({c, c}).f32s({0, 4}).f32s({1, 1});
  EXPECT_EQ(openBlob(&model, makeBlob(kModelGaussianMixture, 1, 2, bad.bytes())), kErrCorrupt);
}

// Every truncation of every family's payload, re-wrapped in a valid container, is refused
// without reading past the end (ASan builds catch that) — never accepted, never a crash.
TEST(Families, EveryTruncatedPayloadIsRefused) {
  struct Case {
    uint8_t kind;
    uint16_t features, outputs;
    std::vector<uint8_t> payload;
  };
  const Case cases[] = {
      {kModelGaussianNB, 1, 2, naiveBayesPayload()},
      {kModelMlpClassifier, 2, 2, mlpPayload()},
      {kModelKNeighborsClassifier, 1, 2, knnPayload(3, 0)},
      {kModelLinearClassifier, 2, 3, linearPayload(kLinearSoftmax)},
  };
  for (const Case& c : cases) {
    Model model;
    ASSERT_EQ(openBlob(&model, makeBlob(c.kind, c.features, c.outputs, c.payload)), kOk);
    for (size_t n = 0; n < c.payload.size(); ++n) {
      std::vector<uint8_t> cut(c.payload.begin(), c.payload.begin() + n);
      EXPECT_NE(openBlob(&model, makeBlob(c.kind, c.features, c.outputs, cut)), kOk)
          << "kind " << int(c.kind) << " cut at " << n;
    }
  }
}

}  // namespace
}  // namespace emflow::testing
