// Classify / Regress / AnomalyScore inside a real network: a model from the store, a bracketed
// feature vector in, the prediction out — and every misuse rejected with a reason, counted.
#include <gtest/gtest.h>

#include <vector>

#include "../ml/tree_blobs.h"
#include "harness.h"
#include "host/modelgen/tree_tables.h"
#include "ml/model_store.h"

namespace emflow {
namespace {

using testing::ComponentHarness;
using testing::Output;

const uint8_t kModelId = 3;

// Keeps the blob alive for the store (the store references, never copies).
struct StoredModel {
  explicit StoredModel(const modelgen::TreeTables& tables) : blob(modelgen::writeTreeBlob(tables)) {
    modelStoreClear();
    EXPECT_EQ(modelStorePut(kModelId, blob.data(), blob.size(), kMemoryRam), kOk);
  }
  ~StoredModel() { modelStoreClear(); }
  std::vector<uint8_t> blob;
};

std::vector<Output> sendVector(ComponentHarness& h, const std::vector<float>& values) {
  std::vector<Output> out = h.send("in", Packet::BracketOpen());
  for (float v : values) {
    std::vector<Output> more = h.send("in", Packet::Float(v));
    out.insert(out.end(), more.begin(), more.end());
  }
  std::vector<Output> last = h.send("in", Packet::BracketClose());
  out.insert(out.end(), last.begin(), last.end());
  return out;
}

TEST(ClassifyComponent, PredictsClassAndProbabilitiesOfTheStoredModel) {
  StoredModel stored(testing::smallClassifier());
  ComponentHarness h("Classify");
  h.start();
  EXPECT_TRUE(h.send("model", Packet::Int(kModelId)).empty());
  // tree 0: x0 = 2 > 1.5, x1 = -3 <= -2 -> [0.25, 0.75]; tree 1 -> [0, 1]; mean [0.125, 0.875]
  const std::vector<Output> expected = {
      {"out", Packet::Int(1)},           {"proba", Packet::BracketOpen()},
      {"proba", Packet::Float(0.125f)},  {"proba", Packet::Float(0.875f)},
      {"proba", Packet::BracketClose()},
  };
  EXPECT_EQ(sendVector(h, {2.0f, -3.0f}), expected);
  // x0 = 1 <= 1.5 -> [1, 0]; mean [0.5, 0.5]: a tie resolves to the first class, as in sklearn
  const std::vector<Output> tie = sendVector(h, {1.0f, 0.0f});
  ASSERT_FALSE(tie.empty());
  EXPECT_EQ(tie[0], (Output{"out", Packet::Int(0)}));
  EXPECT_EQ(h.network.stats().rejected, 0u);
}

TEST(ClassifyComponent, FeaturesBeforeAModelAreRejectedNotDropped) {
  StoredModel stored(testing::smallClassifier());
  ComponentHarness h("Classify");
  h.start();
  EXPECT_TRUE(sendVector(h, {2.0f, -3.0f}).empty());
  EXPECT_EQ(h.network.stats().rejected, 1u);
  EXPECT_EQ(h.network.lastError().status, kErrNotReady);
}

TEST(ClassifyComponent, UnknownModelIdAndWrongRoleAreRejected) {
  modelgen::TreeTables regressor = testing::smallClassifier();
  regressor.kind = kModelTreeRegressor;
  StoredModel stored(regressor);
  ComponentHarness h("Classify");
  h.start();
  h.send("model", Packet::Int(kModelId + 1));  // nothing stored there
  EXPECT_EQ(h.network.stats().rejected, 1u);
  h.send("model", Packet::Int(kModelId));  // a regressor is not a classifier
  EXPECT_EQ(h.network.stats().rejected, 2u);
  EXPECT_EQ(h.network.lastError().status, kErrModelType);
  EXPECT_TRUE(sendVector(h, {2.0f, -3.0f}).empty());
  EXPECT_EQ(h.network.stats().rejected, 3u);
}

TEST(ClassifyComponent, WrongFeatureCountIsRejected) {
  StoredModel stored(testing::smallClassifier());
  ComponentHarness h("Classify");
  h.start();
  h.send("model", Packet::Int(kModelId));
  EXPECT_TRUE(sendVector(h, {2.0f, -3.0f, 7.0f}).empty());
  EXPECT_EQ(h.network.stats().rejected, 1u);
  EXPECT_EQ(h.network.lastError().status, kErrFeatureCount);
  EXPECT_FALSE(sendVector(h, {2.0f, -3.0f}).empty());  // the next vector is fine again
}

TEST(RegressComponent, SendsTheMeanOfTheTrees) {
  modelgen::TreeTables regressor = testing::smallClassifier();
  regressor.kind = kModelTreeRegressor;
  StoredModel stored(regressor);
  ComponentHarness h("Regress");
  h.start();
  h.send("model", Packet::Int(kModelId));
  const std::vector<Output> out = sendVector(h, {2.0f, -3.0f});
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].port, "out");
  EXPECT_EQ(out[0].packet.type, kPacketFloat);
  EXPECT_FLOAT_EQ(out[0].packet.value.f, 0.125f);  // first output: (0.25 + 0) / 2
  EXPECT_EQ(h.network.stats().rejected, 0u);
}

}  // namespace
}  // namespace emflow
