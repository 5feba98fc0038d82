// Crash-safe graph persistence: round trips, slot alternation, and the central property —
// a save interrupted after ANY number of written bytes leaves the old or the new graph
// loadable, never a corrupt one.
#include <gtest/gtest.h>

#include <vector>

#include "fake_io.h"
#include "fridge_stream.h"
#include "runtime/crc16.h"
#include "runtime/graph_store.h"
#include "runtime/network.h"

namespace emflow {
namespace testing {
namespace {

// RAM storage that loses power after `budget` bytes: later bytes are not written and the
// failing write returns kErrStorage (a write may stop half-way through its bytes).
class PowerCutStorage : public Storage {
 public:
  PowerCutStorage(std::vector<uint8_t>& bytes, size_t budget) : bytes_(bytes), budget_(budget) {}
  uint32_t size() const override { return static_cast<uint32_t>(bytes_.size()); }
  Status read(uint32_t offset, uint8_t* data, uint16_t length) override {
    if (offset + length > bytes_.size()) return kErrOutOfRange;
    std::copy(bytes_.begin() + offset, bytes_.begin() + offset + length, data);
    return kOk;
  }
  Status write(uint32_t offset, const uint8_t* data, uint16_t length) override {
    if (offset + length > bytes_.size()) return kErrOutOfRange;
    for (uint16_t i = 0; i < length; ++i) {
      if (written_ == budget_) return kErrStorage;
      bytes_[offset + i] = data[i];
      ++written_;
    }
    return kOk;
  }
  size_t written() const { return written_; }

 private:
  std::vector<uint8_t>& bytes_;
  size_t budget_;
  size_t written_ = 0;
};

std::vector<uint8_t> storedPayload(Storage& storage) {
  StoredGraph found;
  if (emflow_find_graph(storage, &found) != kOk) return {};
  std::vector<uint8_t> out(found.length);
  if (storage.read(found.offset, out.data(), found.length) != kOk) return {};
  return out;
}

TEST(GraphStore, SaveFindLoadAndAlternateSlots) {
  std::vector<uint8_t> eeprom(1024, 0xFF);  // erased EEPROM reads 0xFF
  MemoryStorage storage(eeprom.data(), static_cast<uint32_t>(eeprom.size()));
  StoredGraph found;
  EXPECT_EQ(emflow_find_graph(storage, &found), kErrNoGraph);
  FakeIO io;
  Network net(io);
  StreamError error;
  EXPECT_EQ(emflow_load_graph(storage, net, &error), kErrNoGraph);

  const std::vector<uint8_t> a = fridgeStream(2, 5);
  const std::vector<uint8_t> b = fridgeStream(3, 4);
  ASSERT_EQ(emflow_save_graph(storage, a.data(), a.size()), kOk);
  ASSERT_EQ(emflow_find_graph(storage, &found), kOk);
  EXPECT_EQ(found.slot, 0);
  EXPECT_EQ(found.sequence, 1u);
  EXPECT_EQ(storedPayload(storage), a);
  ASSERT_EQ(emflow_save_graph(storage, b.data(), b.size()), kOk);
  ASSERT_EQ(emflow_find_graph(storage, &found), kOk);
  EXPECT_EQ(found.slot, 1);
  EXPECT_EQ(found.sequence, 2u);
  ASSERT_EQ(emflow_save_graph(storage, a.data(), a.size()), kOk);
  ASSERT_EQ(emflow_find_graph(storage, &found), kOk);
  EXPECT_EQ(found.slot, 0);
  EXPECT_EQ(found.sequence, 3u);

  ASSERT_EQ(emflow_load_graph(storage, net, &error), kOk);
  EXPECT_EQ(net.nodeCount(), 11u);
  EXPECT_TRUE(net.isRunning());
}

TEST(GraphStore, TooLargeIsRefused) {
  std::vector<uint8_t> eeprom(64, 0xFF);
  MemoryStorage storage(eeprom.data(), static_cast<uint32_t>(eeprom.size()));
  EXPECT_EQ(emflow_graph_capacity(storage), 32u - kGraphSlotHeaderSize);
  const std::vector<uint8_t> s = fridgeStream();
  EXPECT_EQ(emflow_save_graph(storage, s.data(), s.size()), kErrOutOfRange);
}

// The property: for every cut position, after the interrupted save the store holds exactly
// the old graph or exactly the new one — starting from one stored graph and from two.
TEST(GraphStore, InterruptedAtEveryByteKeepsOldOrNewGraph) {
  const std::vector<uint8_t> oldGraph = fridgeStream(2, 5);
  const std::vector<uint8_t> newGraph = fridgeStream(3, 4);
  ASSERT_EQ(oldGraph.size(), newGraph.size());  // so stale bytes could look plausible
  for (int previousSaves : {1, 2}) {
    std::vector<uint8_t> base(1024, 0xFF);
    {
      MemoryStorage storage(base.data(), static_cast<uint32_t>(base.size()));
      for (int i = 0; i < previousSaves; ++i) {
        const std::vector<uint8_t>& g = i + 1 == previousSaves ? oldGraph : newGraph;
        ASSERT_EQ(emflow_save_graph(storage, g.data(), g.size()), kOk);
      }
    }
    // How many bytes a complete save writes.
    std::vector<uint8_t> probe = base;
    PowerCutStorage full(probe, SIZE_MAX);
    ASSERT_EQ(emflow_save_graph(full, newGraph.data(), newGraph.size()), kOk);
    const size_t total = full.written();
    EXPECT_EQ(total, newGraph.size() + kGraphSlotHeaderSize + 1);

    int sawOld = 0, sawNew = 0;
    for (size_t cut = 0; cut <= total; ++cut) {
      std::vector<uint8_t> eeprom = base;
      PowerCutStorage storage(eeprom, cut);
      const Status saved = emflow_save_graph(storage, newGraph.data(), newGraph.size());
      EXPECT_EQ(saved == kOk, cut == total) << cut;
      const std::vector<uint8_t> loaded = storedPayload(storage);
      const bool isOld = loaded == oldGraph, isNew = loaded == newGraph;
      ASSERT_TRUE(isOld || isNew) << "cut after " << cut << " bytes, saves " << previousSaves;
      EXPECT_EQ(isNew, cut == total) << cut;  // new only once the commit byte is written
      sawOld += isOld;
      sawNew += isNew;
      FakeIO io;
      Network net(io);
      StreamError error;
      EXPECT_EQ(emflow_load_graph(storage, net, &error), kOk) << cut;
    }
    EXPECT_EQ(sawNew, 1);
    EXPECT_EQ(sawOld, static_cast<int>(total));
  }
}

TEST(GraphStore, CorruptSlotFallsBackToTheOther) {
  std::vector<uint8_t> eeprom(1024, 0xFF);
  MemoryStorage storage(eeprom.data(), static_cast<uint32_t>(eeprom.size()));
  const std::vector<uint8_t> a = fridgeStream(2, 5);
  const std::vector<uint8_t> b = fridgeStream(3, 4);
  ASSERT_EQ(emflow_save_graph(storage, a.data(), a.size()), kOk);  // slot 0
  ASSERT_EQ(emflow_save_graph(storage, b.data(), b.size()), kOk);  // slot 1, newer
  const uint32_t slot1 = 512;
  for (uint32_t i = 0; i < kGraphSlotHeaderSize + b.size(); ++i) {
    std::vector<uint8_t> copy = eeprom;
    MemoryStorage damaged(copy.data(), static_cast<uint32_t>(copy.size()));
    copy[slot1 + i] ^= 0x04;
    EXPECT_EQ(storedPayload(damaged), a) << "damaged byte " << i;
  }
}

TEST(GraphStore, SequenceNumbersWrap) {
  std::vector<uint8_t> eeprom(1024, 0xFF);
  MemoryStorage storage(eeprom.data(), static_cast<uint32_t>(eeprom.size()));
  const std::vector<uint8_t> a = fridgeStream(2, 5);
  const std::vector<uint8_t> b = fridgeStream(3, 4);
  ASSERT_EQ(emflow_save_graph(storage, a.data(), a.size()), kOk);
  // Rewrite slot 0's sequence to 0xFFFFFFFF (and its header CRC), as after 4 billion saves.
  for (int i = 1; i <= 4; ++i) eeprom[i] = 0xFF;
  const uint16_t crc = emflow_crc16(kCrc16Init, eeprom.data() + 1, 8);
  eeprom[9] = static_cast<uint8_t>(crc);
  eeprom[10] = static_cast<uint8_t>(crc >> 8);
  StoredGraph found;
  ASSERT_EQ(emflow_find_graph(storage, &found), kOk);
  EXPECT_EQ(found.sequence, 0xFFFFFFFFu);
  ASSERT_EQ(emflow_save_graph(storage, b.data(), b.size()), kOk);
  ASSERT_EQ(emflow_find_graph(storage, &found), kOk);
  EXPECT_EQ(found.sequence, 0u);
  EXPECT_EQ(found.slot, 1);
  EXPECT_EQ(storedPayload(storage), b);
}

}  // namespace
}  // namespace testing
}  // namespace emflow
