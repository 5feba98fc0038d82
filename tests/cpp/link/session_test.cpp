// The board's end of the serial link (core/link/session.*) driven as a host would drive it:
// frames in through receive(), frames out through the byte sink, decoded with the same frame
// decoder. A real network with library components and a RAM "EEPROM" stand for the board.
#include "link/session.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "../runtime/fake_io.h"
#include "../ml/model_area_image.h"
#include "../ml/tree_blobs.h"
#include "components/classify.h"
#include "components/library.h"
#include "components/timer.h"
#include "runtime/crc16.h"
#include "runtime/packet_bytes.h"

using namespace emflow;

namespace {

using Bytes = std::vector<uint8_t>;

struct Frame {
  uint8_t type;
  uint8_t sequence;
  Bytes payload;
};

// The board's side: network, EEPROM, session, and everything it sent, as frames.
struct Board {
  emflow::testing::FakeIO io;
  Network network{io};
  Bytes eeprom;
  MemoryStorage storage;
  Bytes sent;
  LinkSession session;

  explicit Board(Bytes* shared = nullptr, const LinkModelArea* models = nullptr)
      : eeprom(1024, 0xFF),
        storage(shared ? shared->data() : eeprom.data(), 1024),
        session(network, storage, collect, this, {kLinkBoardHost, kComponentCount, models}) {}

  static void collect(uint8_t byte, void* self) { static_cast<Board*>(self)->sent.push_back(byte); }

  // Sends one frame to the board and returns every frame the board sent since the last call.
  std::vector<Frame> request(uint8_t type, uint8_t sequence, const Bytes& payload) {
    Bytes wire(kLinkMaxEncoded);
    uint16_t written = 0;
    EXPECT_EQ(encodeLinkFrame(type, sequence, payload.data(), static_cast<uint8_t>(payload.size()),
                              wire.data(), static_cast<uint16_t>(wire.size()), &written),
              kOk);
    wire.resize(written);
    return feed(wire);
  }
  std::vector<Frame> feed(const Bytes& wire) {
    for (uint8_t byte : wire) session.receive(byte);
    return received();
  }
  std::vector<Frame> received() {
    std::vector<Frame> frames;
    FrameDecoder decoder;
    for (uint8_t byte : sent) {
      const LinkEvent event = decoder.feed(byte);
      EXPECT_NE(event, kLinkFrameError) << "the board sent a damaged frame";
      if (event == kLinkFrameReady) {
        const LinkFrame& f = decoder.frame();
        frames.push_back({f.type, f.sequence, Bytes(f.payload, f.payload + f.length)});
      }
    }
    sent.clear();
    return frames;
  }
};

uint16_t le16(const Bytes& b, size_t at) {
  return static_cast<uint16_t>(b[at] | (b[at + 1] << 8));
}
Bytes le16Bytes(uint16_t v) {
  return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8)};
}

// Forward 0 → Drop 1, the edge watched, an initial packet Int(n) into Forward, started.
Bytes forwardGraph(int32_t n, ComponentId second = kComponent_Drop) {
  uint8_t buffer[128];
  CommandStreamWriter writer(buffer, sizeof buffer);
  writer.reset();
  writer.createNode(0, kComponent_Forward);
  writer.createNode(1, second);
  writer.connect(0, 0, 1, 0);
  writer.watchEdge(0, 0, 1, 0, true);
  writer.initial(0, 0, Packet::Int(n));
  writer.start();
  uint16_t length = 0;
  EXPECT_EQ(writer.finish(&length), kOk);
  return Bytes(buffer, buffer + length);
}

void expectAck(const std::vector<Frame>& frames, uint8_t sequence) {
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type, kLinkAck) << "status " << int(frames[0].payload[0]);
  EXPECT_EQ(frames[0].sequence, sequence);
}

void expectError(const std::vector<Frame>& frames, uint8_t sequence, Status status) {
  ASSERT_FALSE(frames.empty());
  EXPECT_EQ(frames[0].type, kLinkError);
  EXPECT_EQ(frames[0].sequence, sequence);
  ASSERT_EQ(frames[0].payload.size(), kLinkErrorSize);
  EXPECT_EQ(frames[0].payload[0], status) << emflow_status_name(Status(frames[0].payload[0]));
}

// Begin, chunks of `chunk` bytes, commit; returns the commit's answer (and any events).
std::vector<Frame> upload(Board& board, const Bytes& stream, uint8_t chunk = 40,
                          int announcedCrc = -1) {
  const uint16_t crc = announcedCrc >= 0 ? static_cast<uint16_t>(announcedCrc)
                                         : emflow_crc16(kCrc16Init, stream.data(), stream.size());
  Bytes begin = le16Bytes(static_cast<uint16_t>(stream.size()));
  const Bytes crcBytes = le16Bytes(crc);
  begin.insert(begin.end(), crcBytes.begin(), crcBytes.end());
  expectAck(board.request(kLinkStreamBegin, 1, begin), 1);
  uint8_t sequence = 2;
  for (size_t at = 0; at < stream.size(); at += chunk) {
    Bytes payload = le16Bytes(static_cast<uint16_t>(at));
    const size_t end = std::min(stream.size(), at + chunk);
    payload.insert(payload.end(), stream.begin() + static_cast<long>(at),
                   stream.begin() + static_cast<long>(end));
    expectAck(board.request(kLinkStreamChunk, sequence, payload), sequence);
    ++sequence;
  }
  return board.request(kLinkStreamCommit, 99, {});
}

Bytes packetFrame(const Frame& f, int32_t* value) {
  Packet packet;
  uint8_t used = 0;
  EXPECT_EQ(emflow_read_packet(f.payload.data() + 8, static_cast<uint8_t>(f.payload.size() - 8),
                               &packet, &used),
            kOk);
  EXPECT_EQ(packet.type, kPacketInt);
  *value = packet.value.i;
  return Bytes(f.payload.begin() + 4, f.payload.begin() + 8);  // src, srcPort, tgt, tgtPort
}

}  // namespace

TEST(LinkSession, HelloAnswersWithCapacitiesAndTheStoredGraph) {
  Board board;
  std::vector<Frame> frames = board.request(kLinkHello, 5, {});
  ASSERT_EQ(frames.size(), 1u);
  const Frame& info = frames[0];
  EXPECT_EQ(info.type, kLinkInfo);
  EXPECT_EQ(info.sequence, 5);
  ASSERT_EQ(info.payload.size(), kInfoSize);
  EXPECT_EQ(info.payload[kInfoLinkVersion], kLinkVersion);
  EXPECT_EQ(info.payload[kInfoStreamVersion], kStreamVersion);
  EXPECT_EQ(info.payload[kInfoMaxNodes], EMFLOW_MAX_NODES);
  EXPECT_EQ(le16(info.payload, kInfoGraphCapacity), 512 - kGraphSlotHeaderSize);
  EXPECT_EQ(info.payload[kInfoComponents], kComponentCount);
  EXPECT_EQ(info.payload[kInfoRunning], 0);
  EXPECT_EQ(le16(info.payload, kInfoStoredLength), 0);
  // A hello with a payload is a malformed message, not a hello.
  expectError(board.request(kLinkHello, 6, {1}), 6, kErrOutOfRange);
}

TEST(LinkSession, UploadStoresAppliesAndReportsWatchedPackets) {
  Board board;
  const Bytes stream = forwardGraph(42);
  ASSERT_GT(stream.size(), 2 * 17u) << "the upload should take several chunks";
  const std::vector<Frame> frames = upload(board, stream, 17);
  // The network started at once: the watched edge carried the initial packet before the ack.
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].type, kLinkPacket);
  int32_t value = 0;
  EXPECT_EQ(packetFrame(frames[0], &value), (Bytes{0, 0, 1, 0}));
  EXPECT_EQ(value, 42);
  expectAck({frames[1]}, 99);
  EXPECT_TRUE(board.network.isRunning());
  EXPECT_EQ(board.network.nodeCount(), 2);

  // The board reports the stored graph, and reads it back byte for byte.
  const Frame info = board.request(kLinkHello, 7, {})[0];
  EXPECT_EQ(le16(info.payload, kInfoStoredLength), stream.size());
  EXPECT_EQ(le16(info.payload, kInfoStoredCrc),
            emflow_crc16(kCrc16Init, stream.data(), stream.size()));
  EXPECT_EQ(info.payload[kInfoRunning], 1);
  Bytes readBack;
  while (readBack.size() < stream.size()) {
    const std::vector<Frame> chunk =
        board.request(kLinkReadBack, 8, le16Bytes(static_cast<uint16_t>(readBack.size())));
    ASSERT_EQ(chunk.size(), 1u);
    ASSERT_EQ(chunk[0].type, kLinkStoredChunk);
    EXPECT_EQ(le16(chunk[0].payload, 0), readBack.size());
    EXPECT_EQ(le16(chunk[0].payload, 2), stream.size());
    ASSERT_GT(chunk[0].payload.size(), 6u);
    readBack.insert(readBack.end(), chunk[0].payload.begin() + 6, chunk[0].payload.end());
  }
  EXPECT_EQ(readBack, stream);
}

TEST(LinkSession, InfoSaysWhetherTheRunningNetworkHasWorkLeft) {
  Board board;
  upload(board, forwardGraph(42));  // its one packet delivered: started, nothing left to do
  std::vector<Frame> info = board.request(kLinkHello, 9, {});
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].payload[kInfoRunning], 1);
  EXPECT_EQ(info[0].payload[kInfoActive], 0);
  // A Timer added live waits for its first tick: work is due.
  uint8_t buffer[32];
  CommandStreamWriter writer(buffer, sizeof buffer);
  writer.createNode(2, kComponent_Timer);
  writer.initial(2, Timer::kIn_interval, Packet::Int(100));
  uint16_t length = 0;
  ASSERT_EQ(writer.finish(&length), kOk);
  expectAck(board.request(kLinkLiveEdit, 10, Bytes(buffer, buffer + length)), 10);
  // The firmware's loop runs the network: the interval is delivered, nothing stays queued.
  for (int i = 0; i < 100 && board.network.run() != kOk; ++i) {
  }
  ASSERT_EQ(board.network.queued(), 0u);
  info = board.request(kLinkHello, 11, {});
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].payload[kInfoActive], 1);
}

TEST(LinkSession, AfterAResetTheBoardRunsTheStoredGraph) {
  Bytes eeprom(1024, 0xFF);
  {
    Board board(&eeprom);
    upload(board, forwardGraph(7));
  }
  Board rebooted(&eeprom);
  EXPECT_EQ(rebooted.session.boot(), kOk);
  EXPECT_TRUE(rebooted.network.isRunning());
  const std::vector<Frame> frames = rebooted.received();
  ASSERT_EQ(frames.size(), 1u);
  int32_t value = 0;
  packetFrame(frames[0], &value);
  EXPECT_EQ(value, 7);
  // An empty EEPROM: nothing to boot, and nothing reported.
  Board blank;
  EXPECT_EQ(blank.session.boot(), kErrNoGraph);
  EXPECT_TRUE(blank.received().empty());
}

TEST(LinkSession, ACutOrCorruptUploadChangesNothing) {
  Board board;
  upload(board, forwardGraph(1));
  const Bytes stored = board.eeprom;
  const Bytes next = forwardGraph(2);
  // Begin and half the chunks, then a commit: truncated.
  Bytes begin = le16Bytes(static_cast<uint16_t>(next.size()));
  const Bytes crc = le16Bytes(emflow_crc16(kCrc16Init, next.data(), next.size()));
  begin.insert(begin.end(), crc.begin(), crc.end());
  expectAck(board.request(kLinkStreamBegin, 1, begin), 1);
  Bytes half = le16Bytes(0);
  half.insert(half.end(), next.begin(), next.begin() + 10);
  expectAck(board.request(kLinkStreamChunk, 2, half), 2);
  expectError(board.request(kLinkStreamCommit, 3, {}), 3, kErrTruncated);
  // A wrong announced CRC: refused before anything runs.
  expectError(upload(board, next, 40, 0x1234), 99, kErrBadChecksum);
  // A chunk out of order ends the upload; its commit then has nothing to commit.
  expectAck(board.request(kLinkStreamBegin, 1, begin), 1);
  expectError(board.request(kLinkStreamChunk, 2, le16Bytes(5)), 2, kErrOutOfRange);
  expectError(board.request(kLinkStreamCommit, 3, {}), 3, kErrBusy);
  // The first graph is still stored and running, with its state untouched.
  StoredGraph found;
  ASSERT_EQ(emflow_find_graph(board.storage, &found), kOk);
  EXPECT_EQ(found.crc, emflow_crc16(kCrc16Init, forwardGraph(1).data(), forwardGraph(1).size()));
  EXPECT_TRUE(board.network.isRunning());
  EXPECT_EQ(board.network.nodeCount(), 2);
}

TEST(LinkSession, AStreamThisFirmwareCannotRunIsRefusedAndTheOldGraphRestored) {
  Board board;
  upload(board, forwardGraph(1));
  // Syntax is fine, but component id 250 is not in this firmware's library.
  const std::vector<Frame> frames = upload(board, forwardGraph(2, 250));
  expectError(frames, 99, kErrUnknownComponent);
  EXPECT_EQ(le16(frames[0].payload, 3), 2) << "the failing command: create node 1";
  StoredGraph found;
  ASSERT_EQ(emflow_find_graph(board.storage, &found), kOk);
  EXPECT_EQ(found.crc, emflow_crc16(kCrc16Init, forwardGraph(1).data(), forwardGraph(1).size()));
  EXPECT_TRUE(board.network.isRunning());
  EXPECT_EQ(board.network.nodeComponent(1), kComponent_Drop);
}

TEST(LinkSession, LiveEditsApplyToTheRunningNetworkOrSayWhyNot) {
  Board board;
  upload(board, forwardGraph(1));
  uint8_t buffer[32];
  CommandStreamWriter writer(buffer, sizeof buffer);
  writer.stop();
  uint16_t length = 0;
  ASSERT_EQ(writer.finish(&length), kOk);
  const Bytes stop(buffer, buffer + length);
  expectAck(board.request(kLinkLiveEdit, 4, stop), 4);
  EXPECT_FALSE(board.network.isRunning());
  Bytes corrupt = stop;
  corrupt.back() ^= 0x40;
  const std::vector<Frame> frames = board.request(kLinkLiveEdit, 5, corrupt);
  expectError(frames, 5, kErrBadChecksum);
}

TEST(LinkSession, DamagedFramesAndUnknownTypesAreAnswered) {
  Board board;
  expectError(board.request(0x3E, 9, {}), 9, kErrBadCommand);
  Bytes wire(kLinkMaxEncoded);
  uint16_t written = 0;
  const uint8_t payload[] = {1, 2, 3};
  encodeLinkFrame(kLinkHello, 1, payload, 3, wire.data(), 80, &written);
  wire.resize(written);
  wire[3] = static_cast<uint8_t>(wire[3] == 0x55 ? 0x56 : 0x55);
  const std::vector<Frame> frames = board.feed(wire);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type, kLinkDamaged) << "an event: the damaged frame's sequence is unknown";
  EXPECT_EQ(frames[0].payload[0], kErrBadChecksum);
  EXPECT_EQ(le16(frames[0].payload, 5), written - 2) << "its length on the wire, delimiters aside";
}

TEST(LinkSession, NetworkErrorsBecomeNetworkErrorEvents) {
  Board board;
  // Forward → Forward with nothing after it: the second one's send has no connection.
  const std::vector<Frame> frames = upload(board, forwardGraph(3, kComponent_Forward));
  ASSERT_GE(frames.size(), 2u);
  bool sawNotConnected = false;
  for (const Frame& f : frames) {
    if (f.type == kLinkNetworkError && f.payload[0] == kErrNotConnected) {
      sawNotConnected = true;
      EXPECT_EQ(f.payload[1], 1) << "node";
      EXPECT_EQ(f.payload[2], 0) << "port";
    }
  }
  EXPECT_TRUE(sawNotConnected);
  EXPECT_EQ(frames.back().type, kLinkAck);
}

namespace {

// Classify 0 with model `id` on its MODEL port, started.
Bytes classifyGraph(uint8_t id) {
  uint8_t buffer[64];
  CommandStreamWriter writer(buffer, sizeof buffer);
  writer.reset();
  writer.createNode(0, kComponent_Classify);
  writer.initial(0, Classify::kIn_model, Packet::Int(id));
  writer.start();
  uint16_t length = 0;
  EXPECT_EQ(writer.finish(&length), kOk);
  return Bytes(buffer, buffer + length);
}

uint32_t le32(const Bytes& b, size_t at) {
  return le16(b, at) | (uint32_t(le16(b, at + 2)) << 16);
}

}  // namespace

TEST(LinkSession, ABoardWithoutAModelAreaSaysSo) {
  Board board;
  expectError(board.request(kLinkModelArea, 3, {}), 3, kErrUnsupported);
}

TEST(LinkSession, TheModelAreaQueryReportsWhereItIsAndWhatItHolds) {
  modelStoreClear();
  const Bytes area = emflow::testing::modelAreaImage(
      {{1, modelgen::writeTreeBlob(emflow::testing::smallClassifier())}}, 2048);
  ModelAreaInfo found;
  ASSERT_EQ(modelAreaLoad(area.data(), area.size(), kMemoryRam, &found), kOk);
  const LinkModelArea link = {0x200, 2048, 256, &found};
  Board board(nullptr, &link);
  const std::vector<Frame> frames = board.request(kLinkModelArea, 4, {});
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].type, kLinkModelAreaInfo);
  EXPECT_EQ(frames[0].sequence, 4);
  const Bytes& p = frames[0].payload;
  ASSERT_EQ(p.size(), kModelAreaFieldsSize + 1u);
  EXPECT_EQ(le32(p, kModelAreaFieldAddress), 0x200u);
  EXPECT_EQ(le32(p, kModelAreaFieldCapacity), 2048u);
  EXPECT_EQ(le16(p, kModelAreaFieldPageSize), 256);
  EXPECT_EQ(p[kModelAreaFieldMaxModels], EMFLOW_MAX_MODELS);
  EXPECT_EQ(p[kModelAreaFieldState], kModelAreaValid);
  EXPECT_EQ(p[kModelAreaFieldCount], 1);
  EXPECT_EQ(le32(p, kModelAreaFieldLength), found.length);
  EXPECT_EQ(le32(p, kModelAreaFieldCrc), blobCrc32(area.data(), kMemoryRam, found.length));
  EXPECT_EQ(p[kModelAreaFieldsSize], 1) << "the id of the one model";
  expectError(board.request(kLinkModelArea, 5, {0}), 5, kErrOutOfRange);
}

TEST(LinkSession, AGraphWhoseModelIsMissingIsRefusedNamingTheNodeAndNeverRuns) {
  modelStoreClear();
  const Bytes blob = modelgen::writeTreeBlob(emflow::testing::smallClassifier());
  ASSERT_EQ(modelStorePut(1, blob.data(), blob.size(), kMemoryRam), kOk);
  Board board;
  expectAck(upload(board, classifyGraph(1)), 99);
  EXPECT_TRUE(board.network.isRunning());
  // Model 2 is not on the board: refused at commit, naming node 0 and its MODEL port; the
  // stored graph (the one with model 1) runs again and stays stored.
  const std::vector<Frame> frames = upload(board, classifyGraph(2));
  expectError(frames, 99, kErrNoModel);
  EXPECT_EQ(frames[0].payload[1], 0) << "node";
  EXPECT_EQ(frames[0].payload[2], Classify::kIn_model) << "port";
  for (const Frame& f : frames) EXPECT_NE(f.type, kLinkNetworkError) << "no event besides";
  StoredGraph stored;
  ASSERT_EQ(emflow_find_graph(board.storage, &stored), kOk);
  const Bytes first = classifyGraph(1);
  EXPECT_EQ(stored.crc, emflow_crc16(kCrc16Init, first.data(), first.size()));
  EXPECT_TRUE(board.network.isRunning());

  // The model goes (a damaged area registers none): at boot the stored graph is refused with
  // a network error naming the node, and nothing runs.
  modelStoreClear();
  Board rebooted(&board.eeprom);
  EXPECT_EQ(rebooted.session.boot(), kErrNoModel);
  const std::vector<Frame> events = rebooted.received();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, kLinkNetworkError);
  EXPECT_EQ(events[0].payload[0], kErrNoModel);
  EXPECT_EQ(events[0].payload[1], 0);
  EXPECT_EQ(events[0].payload[2], Classify::kIn_model);
  EXPECT_FALSE(rebooted.network.isRunning());
  EXPECT_EQ(rebooted.network.nodeCount(), 0);

  // Refused again while the stored graph needs the missing model too: the answer, then an
  // event that the stored graph does not run either — never a silently empty board.
  const std::vector<Frame> both = upload(rebooted, classifyGraph(2));
  expectError(both, 99, kErrNoModel);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[1].type, kLinkNetworkError);
  EXPECT_EQ(both[1].payload[0], kErrNoModel);
  EXPECT_EQ(both[1].payload[1], 0);
  EXPECT_FALSE(rebooted.network.isRunning());
}
