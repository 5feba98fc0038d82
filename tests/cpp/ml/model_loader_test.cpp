// The loader must accept a valid blob and turn every class of corruption into its Status.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "tree_blobs.h"
#include "ml/model.h"

namespace emflow {
namespace {

using testing::fixCrc;
using testing::kLeaves;
using testing::kNodes;
using testing::kNodeSize;
using testing::kRoots;
using testing::smallClassifier;

Status open(const std::vector<uint8_t>& blob) {
  Model model;
  return modelOpen(&model, blob.data(), blob.size(), kMemoryRam);
}

std::vector<uint8_t> valid() {
  return modelgen::writeTreeBlob(smallClassifier());
}

void putF32(std::vector<uint8_t>& blob, size_t offset, float value) {
  std::memcpy(&blob[offset], &value, 4);
}

TEST(ModelLoader, AcceptsValidBlob) {
  const std::vector<uint8_t> blob = valid();
  ASSERT_EQ(blob.size(), kLeaves + 3 * 2 * 4 + 4);
  Model model;
  ASSERT_EQ(modelOpen(&model, blob.data(), blob.size(), kMemoryRam), kOk);
  EXPECT_EQ(model.blob.kind, kModelTreeClassifier);
  EXPECT_EQ(model.blob.nFeatures, 2);
  EXPECT_EQ(model.state.trees.nTrees, 2);
  EXPECT_EQ(model.state.trees.nNodes, 2u);
  EXPECT_EQ(model.state.trees.nLeaves, 3u);
  EXPECT_EQ(modelRole(model.blob.kind), kRoleClassifier);
}

TEST(ModelLoader, ContainerErrors) {
  std::vector<uint8_t> blob = valid();
  EXPECT_EQ(open(std::vector<uint8_t>(blob.begin(), blob.begin() + 10)), kErrTruncated);
  std::vector<uint8_t> b = blob;
  b[0] = 'X';
  EXPECT_EQ(open(b), kErrBadMagic);
  b = blob;
  b[4] = 2;
  EXPECT_EQ(open(b), kErrBadVersion);
  b = blob;
  b[kNodes + 2] ^= 0x40;
  EXPECT_EQ(open(b), kErrBadChecksum);
  b = blob;
  b.push_back(0);
  EXPECT_EQ(open(b), kErrCorrupt);  // trailing bytes after the checksum
  b = blob;
  b[6] = 0x80;  // unknown flag
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
  b = blob;
  b[7] = 1;  // reserved byte
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
  for (uint8_t kind : {0, 6, 40, 64, 255}) {
    b = blob;
    b[5] = kind;
    fixCrc(b);
    EXPECT_EQ(open(b), kErrModelType) << "kind " << int(kind);
  }
  b = blob;
  b[8] = b[9] = 0;  // zero features
  fixCrc(b);
  EXPECT_EQ(open(b), kErrOutOfRange);
}

TEST(ModelLoader, EveryTruncationIsAnError) {
  const std::vector<uint8_t> blob = valid();
  for (size_t n = 0; n < blob.size(); ++n) {
    std::vector<uint8_t> prefix(blob.begin(), blob.begin() + n);
    EXPECT_NE(open(prefix), kOk) << n;
    if (n > 20) {
      // Even with a header claiming the shorter payload and a good CRC.
      const uint32_t payload = static_cast<uint32_t>(n - 20);
      std::memcpy(&prefix[12], &payload, 4);
      fixCrc(prefix);
      EXPECT_NE(open(prefix), kOk) << n;
    }
  }
}

TEST(ModelLoader, NodeErrors) {
  const std::vector<uint8_t> blob = valid();
  std::vector<uint8_t> b = blob;
  b[kNodes] = 2;  // feature index == n_features
  fixCrc(b);
  EXPECT_EQ(open(b), kErrOutOfRange);
  b = blob;
  b[kNodes + 5] = 0;  // left child points at its own node
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
  b = blob;
  b[kNodes + 6] = 5;  // right child past the last node
  fixCrc(b);
  EXPECT_EQ(open(b), kErrOutOfRange);
  b = blob;
  b[kNodes + kNodeSize + 5] = static_cast<uint8_t>(-4);  // leaf 3 of 3
  fixCrc(b);
  EXPECT_EQ(open(b), kErrOutOfRange);
  b = blob;
  b[kNodes + kNodeSize + 6] = static_cast<uint8_t>(-1);  // backwards is fine only as a leaf
  b[kNodes + kNodeSize + 5] = 0xFF;
  fixCrc(b);
  EXPECT_EQ(open(b), kOk);
  b = blob;
  putF32(b, kNodes + 1, std::numeric_limits<float>::quiet_NaN());
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
  b = blob;
  putF32(b, kLeaves + 4, std::numeric_limits<float>::infinity());
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
}

TEST(ModelLoader, RootAndTableErrors) {
  const std::vector<uint8_t> blob = valid();
  std::vector<uint8_t> b = blob;
  b[kRoots] = 2;  // root node 2 of 2
  fixCrc(b);
  EXPECT_EQ(open(b), kErrOutOfRange);
  b = blob;
  b[kRoots + 4] = static_cast<uint8_t>(-10);  // root leaf 9 of 3
  fixCrc(b);
  EXPECT_EQ(open(b), kErrOutOfRange);
  b = blob;
  b[16 + 2] = 3;  // ref width 3
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
  b = blob;
  b[16 + 3] = 0;  // feature width 0
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
  b = blob;
  b[16 + 4] = 0xFF;
  b[16 + 7] = 0x7F;  // n_nodes enormous
  fixCrc(b);
  EXPECT_EQ(open(b), kErrTruncated);
  b = blob;
  b[16 + 12] = 1;  // leaf width 1 for a 2-class classifier
  fixCrc(b);
  EXPECT_EQ(open(b), kErrCorrupt);
  b = blob;
  b[16 + 0] = b[16 + 1] = 0;  // no trees
  fixCrc(b);
  EXPECT_EQ(open(b), kErrOutOfRange);
}

TEST(ModelLoader, KindShapes) {
  modelgen::TreeTables t = smallClassifier();
  t.kind = kModelGradientBoostingClassifier;  // binary: leaf width 1, one init value
  t.leaves = {{1.0f}, {-1.0f}, {0.5f}};
  t.extra = {0.1f};
  EXPECT_EQ(open(modelgen::writeTreeBlob(t)), kOk);
  t.extra = {0.1f, 0.2f};
  EXPECT_EQ(open(modelgen::writeTreeBlob(t)), kErrCorrupt);
  t.nOutputs = 3;  // 3 classes: 3 trees per stage, but there are 2 trees
  t.extra = {0.1f, 0.2f, 0.3f};
  EXPECT_EQ(open(modelgen::writeTreeBlob(t)), kErrCorrupt);
  t.kind = kModelIsolationForest;
  t.nOutputs = 2;
  t.extra = {-0.5f, -1.0f};  // negative path-length denominator
  EXPECT_EQ(open(modelgen::writeTreeBlob(t)), kErrCorrupt);
  t.nOutputs = 300;
  t.kind = kModelTreeRegressor;
  t.extra.clear();
  t.leaves.assign(3, std::vector<float>(300, 0.0f));
  EXPECT_EQ(open(modelgen::writeTreeBlob(t)), kErrOutOfRange);  // above EMFLOW_TREES_MAX_OUTPUTS
}

TEST(ModelPredict, SoftVotingAndErrors) {
  const std::vector<uint8_t> blob = valid();
  Model model;
  ASSERT_EQ(modelOpen(&model, blob.data(), blob.size(), kMemoryRam), kOk);
  float out[2];
  int32_t label = -1;
  const float left[2] = {1.5f, 0};  // x0 <= 1.5: leaf0 [1,0] + leaf2 [0,1]: a tie
  ASSERT_EQ(modelPredict(&model, left, 2, out, 2, &label), kOk);
  EXPECT_FLOAT_EQ(out[0], 0.5f);
  EXPECT_FLOAT_EQ(out[1], 0.5f);
  EXPECT_EQ(label, 0);                   // ties go to the first class, as numpy.argmax
  const float right[2] = {1.6f, -2.0f};  // leaf1 [0.25, 0.75] + leaf2 [0, 1]
  ASSERT_EQ(modelPredict(&model, right, 2, out, 2, &label), kOk);
  EXPECT_FLOAT_EQ(out[0], 0.125f);
  EXPECT_FLOAT_EQ(out[1], 0.875f);
  EXPECT_EQ(label, 1);
  EXPECT_EQ(modelPredict(&model, right, 3, out, 2, &label), kErrFeatureCount);
  EXPECT_EQ(modelPredict(&model, right, 2, out, 1, &label), kErrBufferTooSmall);
  const int16_t ints[2] = {1, 0};
  EXPECT_EQ(modelPredictInt16(&model, ints, 2, out, 2, &label), kErrModelType);
}

TEST(ModelPredict, Int16ThresholdsAreFloored) {
  // scikit-learn's `x0 <= 1.5` is stored as `x0 <= 1`: 1 goes left, 2 goes right.
  const std::vector<uint8_t> blob = modelgen::writeTreeBlob(smallClassifier(true));
  Model model;
  ASSERT_EQ(modelOpen(&model, blob.data(), blob.size(), kMemoryRam), kOk);
  float out[2];
  int32_t label;
  const int16_t one[2] = {1, 0}, two[2] = {2, -2};
  ASSERT_EQ(modelPredictInt16(&model, one, 2, out, 2, &label), kOk);
  EXPECT_FLOAT_EQ(out[0], 0.5f);
  ASSERT_EQ(modelPredictInt16(&model, two, 2, out, 2, &label), kOk);
  EXPECT_FLOAT_EQ(out[0], 0.125f);
  const float floats[2] = {1, 0};
  EXPECT_EQ(modelPredict(&model, floats, 2, out, 2, &label), kErrModelType);
}

// More than 256 features need 2-byte feature indices, so predictions take the general walker
// (not the compact one above): a feature exactly at a threshold goes left there too.
TEST(ModelPredict, GeneralWalkerSendsThresholdValuesLeft) {
  for (const bool int16 : {false, true}) {
    modelgen::TreeTables t = smallClassifier(int16);
    t.nFeatures = 300;
    t.nodes[0].feature = 299;
    const std::vector<uint8_t> blob = modelgen::writeTreeBlob(t);
    Model model;
    ASSERT_EQ(modelOpen(&model, blob.data(), blob.size(), kMemoryRam), kOk);
    float out[2];
    int32_t label = -1;
    if (int16) {
      std::vector<int16_t> x(300, 0);
      x[1] = -2;
      x[299] = 1;  // x299 <= 1: leaf0 [1, 0] + leaf2 [0, 1]
      ASSERT_EQ(modelPredictInt16(&model, x.data(), 300, out, 2, &label), kOk);
      EXPECT_FLOAT_EQ(out[0], 0.5f);
      x[299] = 2;  // right, then x1 = -2 <= -2: leaf1 [0.25, 0.75] + leaf2
      ASSERT_EQ(modelPredictInt16(&model, x.data(), 300, out, 2, &label), kOk);
      EXPECT_FLOAT_EQ(out[0], 0.125f);
    } else {
      std::vector<float> x(300, 0.0f);
      x[1] = -2.0f;
      x[299] = 1.5f;
      ASSERT_EQ(modelPredict(&model, x.data(), 300, out, 2, &label), kOk);
      EXPECT_FLOAT_EQ(out[0], 0.5f);
      EXPECT_EQ(label, 0);
      x[299] = 1.5000001f;
      ASSERT_EQ(modelPredict(&model, x.data(), 300, out, 2, &label), kOk);
      EXPECT_FLOAT_EQ(out[0], 0.125f);
      EXPECT_EQ(label, 1);
    }
  }
}

TEST(ModelTables, RoundTripThroughBlob) {
  modelgen::TreeTables back;
  ASSERT_EQ(modelgen::readTreeTables(valid(), &back), kOk);
  EXPECT_EQ(modelgen::writeTreeBlob(back), valid());
}

}  // namespace
}  // namespace emflow
