// Command stream: encoder/decoder round trips, every kind of corruption, error locations.
#include <gtest/gtest.h>

#include <vector>

#include "fake_io.h"
#include "fridge_stream.h"
#include "packet_text.h"
#include "runtime/command_stream.h"
#include "runtime/crc16.h"
#include "runtime/network.h"

namespace emflow {
namespace testing {
namespace {

// Recomputes the header's length and CRC after a test edits the body on purpose.
void reseal(std::vector<uint8_t>& s) {
  const uint16_t body = static_cast<uint16_t>(s.size() - kStreamHeaderSize);
  const uint16_t crc = emflow_crc16(kCrc16Init, s.data() + kStreamHeaderSize, body);
  s[6] = static_cast<uint8_t>(body);
  s[7] = static_cast<uint8_t>(body >> 8);
  s[8] = static_cast<uint8_t>(crc);
  s[9] = static_cast<uint8_t>(crc >> 8);
}

TEST(Crc16, MatchesTheCcittFalseCheckValue) {
  const uint8_t digits[] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
  EXPECT_EQ(emflow_crc16(kCrc16Init, digits, sizeof(digits)), 0x29B1);
  const uint16_t half = emflow_crc16(kCrc16Init, digits, 4);
  EXPECT_EQ(emflow_crc16(half, digits + 4, 5), 0x29B1);
}

TEST(CommandStream, FridgeRoundTripBuildsTheGraph) {
  const std::vector<uint8_t> s = fridgeStream();
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0], 'E');
  EXPECT_EQ(s[4], kStreamVersion);
  StreamError error;
  ASSERT_EQ(emflow_check_command_stream(s.data(), s.size(), &error), kOk);
  EXPECT_EQ(error.command, 1 + 11 + 14 + 13 + 1 + 1);  // index of kCmdEnd
  FakeIO io;
  Network net(io);
  ASSERT_EQ(emflow_apply_command_stream(s.data(), s.size(), net, &error), kOk);
  EXPECT_EQ(net.nodeCount(), 11u);
  EXPECT_EQ(net.edgeCount(), 14u);
  EXPECT_EQ(net.initialCount(), 13u);
  EXPECT_TRUE(net.isRunning());
  EXPECT_EQ(net.nodeComponent(kSwitch), kComponent_BreakBeforeMake);
  const EdgeId watched = net.findEdge(kHysteresis, 0, kNoIndex, kSwitch, 0, kNoIndex);
  ASSERT_NE(watched, kNoEdge);
  EXPECT_TRUE(net.isWatched(watched));
  auto* hysteresis = static_cast<HysteresisLatch*>(net.nodeState(kHysteresis));
  EXPECT_EQ(hysteresis->low, 2.0f);
  EXPECT_EQ(hysteresis->high, 5.0f);
  auto* thermometer = static_cast<ReadDallasTemperature*>(net.nodeState(kThermometer));
  EXPECT_EQ(thermometer->addressBytes, 8);
  EXPECT_EQ(thermometer->pin, 9);
}

TEST(CommandStream, EveryCommandAndPacketTypeRoundTrips) {
  uint8_t buffer[256];
  CommandStreamWriter w(buffer, sizeof(buffer));
  w.reset();
  w.createNode(0, kComponent_Forward);
  w.createNode(1, kComponent_Count);
  w.createNode(2, kComponent_Drop);
  w.connect(0, 0, 3, 1, 0, 4);
  w.connect(1, 0, 2, 0);
  const Packet packets[] = {Packet::Void(),         Packet::Bool(true),
                            Packet::Byte(200),      Packet::Int(-123456),
                            Packet::Float(-2.25f),  Packet::BracketOpen(),
                            Packet::BracketClose(), Packet::Error(kErrNoSensor)};
  for (const Packet& p : packets) w.initial(0, 0, p);
  w.watchEdge(0, 0, 1, 0, true);
  w.start();
  w.stop();
  w.removeInitial(0, 0);
  w.disconnect(0, 0, 3, 1, 0, 4);
  w.removeNode(2);
  uint16_t length = 0;
  ASSERT_EQ(w.finish(&length), kOk);
  EXPECT_EQ(w.commandCount(), 1 + 3 + 2 + 8 + 1 + 1 + 1 + 1 + 1 + 1 + 1);

  FakeIO io;
  Network net(io);
  std::vector<Packet> seen;
  net.setTraceHandler(
      [](void* user, const TraceEvent& e) {
        static_cast<std::vector<Packet>*>(user)->push_back(e.packet);
      },
      &seen);
  StreamError error;
  ASSERT_EQ(emflow_apply_command_stream(buffer, length, net, &error), kOk)
      << emflow_status_name(error.status) << " at command " << error.command;
  ASSERT_EQ(seen.size(), 8u);  // the watched edge 0 -> 1 saw every initial packet once
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(seen[i], packets[i]) << i;
  EXPECT_FALSE(net.isRunning());
  EXPECT_EQ(net.initialCount(), 0u);
  EXPECT_EQ(net.edgeCount(), 0u);  // 0->1 disconnected, 1->2 went with node 2
  EXPECT_EQ(net.nodeCount(), 2u);
}

TEST(CommandStream, EveryTruncationIsRejectedAndChangesNothing) {
  const std::vector<uint8_t> s = fridgeStream();
  for (size_t cut = 0; cut < s.size(); ++cut) {
    FakeIO io;
    Network net(io);
    StreamError error;
    const Status status = emflow_apply_command_stream(s.data(), cut, net, &error);
    EXPECT_NE(status, kOk) << cut;
    EXPECT_EQ(net.nodeCount(), 0u) << cut;
  }
}

TEST(CommandStream, EveryByteCorruptionIsDetected) {
  const std::vector<uint8_t> s = fridgeStream();
  for (size_t i = 0; i < s.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xFF}) {
      std::vector<uint8_t> bad = s;
      bad[i] ^= flip;
      FakeIO io;
      Network net(io);
      StreamError error;
      EXPECT_NE(emflow_apply_command_stream(bad.data(), bad.size(), net, &error), kOk)
          << "byte " << i << " ^ " << int(flip);
      EXPECT_EQ(net.nodeCount(), 0u);
    }
  }
}

struct Corruption {
  const char* what;
  std::vector<uint8_t> body;  // commands after the header (resealed)
  Status status;
  uint16_t command;
};

TEST(CommandStream, MalformedCommandsAreLocated) {
  const std::vector<Corruption> cases = {
      {"unknown opcode", {kCmdReset, 0x42, kCmdEnd}, kErrBadCommand, 1},
      {"operands cut", {kCmdReset, kCmdCreateNode, 0}, kErrTruncated, 1},
      {"no end", {kCmdReset, kCmdStart}, kErrTruncated, 2},
      {"bytes after end", {kCmdEnd, kCmdStart}, kErrCorrupt, 0},
      {"bad packet type", {kCmdInitial, 0, 0, 42, kCmdEnd}, kErrBadCommand, 0},
      {"bool not 0/1", {kCmdInitial, 0, 0, kPacketBool, 2, kCmdEnd}, kErrOutOfRange, 0},
      {"float NaN",
       {kCmdInitial, 0, 0, kPacketFloat, 0, 0, 0xC0, 0x7F, kCmdEnd},
       kErrOutOfRange,
       0},
      {"error status out of range",
       {kCmdInitial, 0, 0, kPacketError, kStatusCount, kCmdEnd},
       kErrOutOfRange,
       0},
      {"watch flag", {kCmdWatchEdge, 0, 0, 1, 0, 7, kCmdEnd}, kErrOutOfRange, 0},
  };
  for (const Corruption& c : cases) {
    std::vector<uint8_t> s = {'E', 'M', 'F', 'G', kStreamVersion, 0, 0, 0, 0, 0};
    s.insert(s.end(), c.body.begin(), c.body.end());
    reseal(s);
    StreamError error;
    EXPECT_EQ(emflow_check_command_stream(s.data(), s.size(), &error), c.status) << c.what;
    EXPECT_EQ(error.status, c.status) << c.what;
    EXPECT_EQ(error.command, c.command) << c.what;
  }
}

TEST(CommandStream, HeaderErrors) {
  std::vector<uint8_t> s = fridgeStream();
  StreamError error;
  std::vector<uint8_t> bad = s;
  bad[1] = 'X';
  EXPECT_EQ(emflow_check_command_stream(bad.data(), bad.size(), &error), kErrBadMagic);
  bad = s;
  bad[4] = 2;
  EXPECT_EQ(emflow_check_command_stream(bad.data(), bad.size(), &error), kErrBadVersion);
  EXPECT_EQ(error.offset, 4u);
  bad = s;
  bad.push_back(0);
  EXPECT_EQ(emflow_check_command_stream(bad.data(), bad.size(), &error), kErrCorrupt);
  bad = s;
  bad[20] ^= 0x10;
  EXPECT_EQ(emflow_check_command_stream(bad.data(), bad.size(), &error), kErrBadChecksum);
  EXPECT_EQ(emflow_check_command_stream(nullptr, 0, &error), kErrTruncated);
}

TEST(CommandStream, ApplyErrorsNameTheCommand) {
  uint8_t buffer[64];
  CommandStreamWriter w(buffer, sizeof(buffer));
  w.createNode(0, kComponent_Forward);
  w.createNode(1, 250);  // no such component
  w.start();
  uint16_t length;
  ASSERT_EQ(w.finish(&length), kOk);
  FakeIO io;
  Network net(io);
  StreamError error;
  EXPECT_EQ(emflow_apply_command_stream(buffer, length, net, &error), kErrUnknownComponent);
  EXPECT_EQ(error.command, 1);
  EXPECT_EQ(error.offset, kStreamHeaderSize + 3u);
  EXPECT_FALSE(net.isRunning());

  CommandStreamWriter w2(buffer, sizeof(buffer));
  w2.createNode(0, kComponent_Forward);
  w2.disconnect(0, 0, kNoIndex, 0, 0, kNoIndex);
  ASSERT_EQ(w2.finish(&length), kOk);
  Network net2(io);
  EXPECT_EQ(emflow_apply_command_stream(buffer, length, net2, &error), kErrNotConnected);
  EXPECT_EQ(error.command, 1);
}

TEST(CommandStream, WriterOverflowIsSticky) {
  uint8_t buffer[16];
  CommandStreamWriter w(buffer, sizeof(buffer));
  w.createNode(0, kComponent_Forward);
  w.connect(0, 0, 0, 0);
  w.createNode(1, kComponent_Forward);
  uint16_t length = 0;
  EXPECT_EQ(w.finish(&length), kErrBufferTooSmall);
  CommandStreamWriter tiny(buffer, 4);
  EXPECT_EQ(tiny.status(), kErrBufferTooSmall);
  Packet invalid = Packet::Void();
  invalid.type = kPacketTypeCount;
  CommandStreamWriter w3(buffer, sizeof(buffer));
  w3.initial(0, 0, invalid);
  EXPECT_EQ(w3.finish(&length), kErrBadPacket);
}

TEST(CommandStream, StorageAndMemoryReadersAgree) {
  std::vector<uint8_t> s = fridgeStream();
  std::vector<uint8_t> eeprom(1024, 0xFF);
  std::copy(s.begin(), s.end(), eeprom.begin() + 100);
  MemoryStorage storage(eeprom.data(), static_cast<uint32_t>(eeprom.size()));
  FakeIO io;
  Network net(io);
  StreamError error;
  ASSERT_EQ(emflow_apply_command_stream(storage, 100, s.size(), net, &error), kOk);
  EXPECT_EQ(net.nodeCount(), 11u);
  eeprom[100 + 30] ^= 1;
  EXPECT_EQ(emflow_check_command_stream(storage, 100, s.size(), &error), kErrBadChecksum);
  EXPECT_EQ(emflow_check_command_stream(storage, 1020, 100, &error), kErrStorage);
}

}  // namespace
}  // namespace testing
}  // namespace emflow
