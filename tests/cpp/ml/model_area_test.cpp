// The model area (core/ml/model_area.*): an erased area holds nothing, a good one registers
// every model in the store, and any damage (CRC, magic, bounds, ids) registers none.
#include "ml/model_area.h"

#include <gtest/gtest.h>

#include "model_area_image.h"
#include "tree_blobs.h"

namespace emflow {
namespace {

std::vector<uint8_t> classifier() {
  return modelgen::writeTreeBlob(testing::smallClassifier());
}

TEST(ModelArea, AnErasedAreaHoldsNoModels) {
  modelStoreClear();
  std::vector<uint8_t> area(1024, 0xFF);
  ModelAreaInfo info;
  EXPECT_EQ(modelAreaLoad(area.data(), area.size(), kMemoryRam, &info), kOk);
  EXPECT_EQ(info.state, kModelAreaEmpty);
  EXPECT_EQ(info.count, 0);
  Model model;
  EXPECT_EQ(modelStoreOpen(0, &model), kErrNoModel);
}

TEST(ModelArea, AGoodAreaRegistersEveryModelInPlace) {
  modelStoreClear();
  const std::vector<uint8_t> blob = classifier();
  const std::vector<uint8_t> area = testing::modelAreaImage({{1, blob}, {3, blob}}, 2048);
  ModelAreaInfo info;
  ASSERT_EQ(modelAreaLoad(area.data(), area.size(), kMemoryRam, &info), kOk);
  EXPECT_EQ(info.state, kModelAreaValid);
  ASSERT_EQ(info.count, 2);
  EXPECT_EQ(info.ids[0], 1);
  EXPECT_EQ(info.ids[1], 3);
  const uint32_t length = 12 + 2 * 16 + 2 * uint32_t(blob.size());
  EXPECT_EQ(info.length, length);
  EXPECT_EQ(info.crc, blobCrc32(area.data(), kMemoryRam, length));
  Model model;
  ASSERT_EQ(modelStoreOpen(1, &model), kOk);
  EXPECT_EQ(model.blob.data, area.data() + 12 + 32) << "read in place, not copied";
  EXPECT_EQ(modelStoreOpen(3, &model), kOk);
  EXPECT_EQ(modelStoreOpen(0, &model), kErrNoModel);
}

TEST(ModelArea, EveryFlippedBitOfTheUsedBytesRegistersNothing) {
  const std::vector<uint8_t> good = testing::modelAreaImage({{2, classifier()}}, 1024);
  ModelAreaInfo info;
  ASSERT_EQ(modelAreaLoad(good.data(), good.size(), kMemoryRam, &info), kOk);
  const size_t used = info.length + 4;
  for (size_t byte = 0; byte < used; ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      modelStoreClear();
      std::vector<uint8_t> area = good;
      area[byte] ^= static_cast<uint8_t>(1 << bit);
      const Status status = modelAreaLoad(area.data(), area.size(), kMemoryRam, &info);
      ASSERT_NE(status, kOk) << "byte " << byte << " bit " << bit;
      EXPECT_EQ(info.state, kModelAreaBad);
      EXPECT_EQ(info.status, status);
      EXPECT_EQ(info.count, 0);
      Model model;
      EXPECT_EQ(modelStoreOpen(2, &model), kErrNoModel) << "byte " << byte << " bit " << bit;
    }
  }
}

TEST(ModelArea, RefusesWhatDoesNotFitOrNamesAnIdTwiceOrOutOfRange) {
  const std::vector<uint8_t> blob = classifier();
  ModelAreaInfo info;
  // Longer than the area: the CRC would lie outside it.
  std::vector<uint8_t> area = testing::modelAreaImage({{1, blob}}, 1024);
  EXPECT_EQ(modelAreaLoad(area.data(), blob.size() + 20, kMemoryRam, &info), kErrOutOfRange);
  // An id the store has no slot for: the one model put before it is removed again.
  modelStoreClear();
  area = testing::modelAreaImage({{0, blob}, {EMFLOW_MAX_MODELS, blob}}, 2048);
  EXPECT_EQ(modelAreaLoad(area.data(), area.size(), kMemoryRam, &info), kErrOutOfRange);
  Model model;
  EXPECT_EQ(modelStoreOpen(0, &model), kErrNoModel) << "all or nothing";
  // Another magic.
  area = testing::modelAreaImage({{1, blob}}, 1024);
  area[0] = 'X';
  EXPECT_EQ(modelAreaLoad(area.data(), area.size(), kMemoryRam, &info), kErrBadMagic);
}

}  // namespace
}  // namespace emflow
