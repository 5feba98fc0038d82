// The model store, the feature-vector collector and the size of the model components.
#include <gtest/gtest.h>

#include "tree_blobs.h"
#include "components/anomaly_score.h"
#include "components/classify.h"
#include "components/regress.h"
#include "ml/feature_vector.h"
#include "ml/model_store.h"

namespace emflow {
namespace {

// ComponentType::stateSize is one byte: a component's state must fit in 255 bytes.
static_assert(sizeof(Classify) <= 255, "Classify state too large for ComponentType");
static_assert(sizeof(Regress) <= 255, "Regress state too large for ComponentType");
static_assert(sizeof(AnomalyScore) <= 255, "AnomalyScore state too large for ComponentType");

TEST(ModelStore, PutValidatesAndOpens) {
  modelStoreClear();
  const std::vector<uint8_t> blob = modelgen::writeTreeBlob(testing::smallClassifier());
  Model model;
  EXPECT_EQ(modelStoreOpen(0, &model), kErrNoModel);  // empty
  ASSERT_EQ(modelStorePut(0, blob.data(), blob.size(), kMemoryRam), kOk);
  ASSERT_EQ(modelStoreOpen(0, &model), kOk);
  EXPECT_EQ(model.blob.kind, kModelTreeClassifier);
  EXPECT_EQ(modelStorePut(EMFLOW_MAX_MODELS, blob.data(), blob.size(), kMemoryRam), kErrOutOfRange);
  std::vector<uint8_t> bad = blob;
  bad[20] ^= 1;
  EXPECT_EQ(modelStorePut(1, bad.data(), bad.size(), kMemoryRam), kErrBadChecksum);
  EXPECT_EQ(modelStoreOpen(1, &model), kErrNoModel);  // nothing stored on failure
  modelStoreRemove(0);
  EXPECT_EQ(modelStoreOpen(0, &model), kErrNoModel);
  EXPECT_EQ(modelStoreOpen(EMFLOW_MAX_MODELS, &model), kErrNoModel);
}

TEST(FeatureVector, CollectsBracketedNumbers) {
  FeatureVector v = {};
  Status why = kOk;
  EXPECT_EQ(v.feed(Packet::BracketOpen(), &why), FeatureVector::kPending);
  EXPECT_EQ(v.feed(Packet::Float(1.5f), &why), FeatureVector::kPending);
  EXPECT_EQ(v.feed(Packet::Int(-2), &why), FeatureVector::kPending);
  ASSERT_EQ(v.feed(Packet::BracketClose(), &why), FeatureVector::kComplete);
  ASSERT_EQ(v.count, 2);
  EXPECT_FLOAT_EQ(v.values[0], 1.5f);
  EXPECT_FLOAT_EQ(v.values[1], -2.0f);
}

TEST(FeatureVector, ReportsPacketsOutOfSequence) {
  FeatureVector v = {};
  Status why = kOk;
  EXPECT_EQ(v.feed(Packet::Float(1), &why), FeatureVector::kError);
  EXPECT_EQ(why, kErrBadPacket);
  EXPECT_EQ(v.feed(Packet::BracketClose(), &why), FeatureVector::kError);
  v.feed(Packet::BracketOpen(), &why);
  EXPECT_EQ(v.feed(Packet::Void(), &why), FeatureVector::kError);  // a bang is not a feature
  EXPECT_EQ(why, kErrBadPacket);
  v.feed(Packet::BracketOpen(), &why);
  for (int i = 0; i < EMFLOW_MODEL_MAX_FEATURES + 3; ++i)
    EXPECT_EQ(v.feed(Packet::Float(0), &why), FeatureVector::kPending);
  EXPECT_EQ(v.feed(Packet::BracketClose(), &why), FeatureVector::kError);
  EXPECT_EQ(why, kErrOutOfRange);
  // A new vector starts clean after an error.
  v.feed(Packet::BracketOpen(), &why);
  v.feed(Packet::Float(3), &why);
  EXPECT_EQ(v.feed(Packet::BracketClose(), &why), FeatureVector::kComplete);
  EXPECT_EQ(v.count, 1);
}

}  // namespace
}  // namespace emflow
