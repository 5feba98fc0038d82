// Packets as bytes (core/runtime/packet_bytes.*): every type round-trips, and bytes that are
// not a packet are refused with a reason instead of being read as one.
#include "runtime/packet_bytes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace emflow {
namespace {

Packet roundTrip(const Packet& packet, uint8_t expectedSize) {
  uint8_t bytes[kPacketBytesMax];
  EXPECT_EQ(emflow_write_packet(packet, bytes), expectedSize);
  Packet back = Packet::Void();
  uint8_t used = 0;
  EXPECT_EQ(emflow_read_packet(bytes, expectedSize, &back, &used), kOk);
  EXPECT_EQ(used, expectedSize);
  EXPECT_EQ(back.type, packet.type);
  return back;
}

TEST(PacketBytes, EveryTypeRoundTrips) {
  roundTrip(Packet::Void(), 1);
  EXPECT_TRUE(roundTrip(Packet::Bool(true), 2).value.b);
  EXPECT_FALSE(roundTrip(Packet::Bool(false), 2).value.b);
  EXPECT_EQ(roundTrip(Packet::Byte(200), 2).value.byte, 200);
  EXPECT_EQ(roundTrip(Packet::Int(-123456789), 5).value.i, -123456789);
  EXPECT_EQ(roundTrip(Packet::Float(-2.5f), 5).value.f, -2.5f);
  EXPECT_TRUE(std::isinf(roundTrip(Packet::Float(INFINITY), 5).value.f));
  EXPECT_EQ(roundTrip(Packet::Error(kErrQueueFull), 2).value.error, kErrQueueFull);
  Packet open = Packet::Void();
  open.type = kPacketBracketOpen;
  roundTrip(open, 1);
}

TEST(PacketBytes, LittleEndianOnTheWire) {
  uint8_t bytes[kPacketBytesMax];
  ASSERT_EQ(emflow_write_packet(Packet::Int(0x01020304), bytes), 5);
  const uint8_t expected[] = {kPacketInt, 4, 3, 2, 1};
  EXPECT_EQ(std::memcmp(bytes, expected, 5), 0);
}

TEST(PacketBytes, RefusesWhatIsNotAPacket) {
  Packet packet = Packet::Void();
  uint8_t used = 9;
  const uint8_t unknownType[] = {kPacketTypeCount, 0};
  EXPECT_EQ(emflow_read_packet(unknownType, 2, &packet, &used), kErrBadPacket);
  EXPECT_EQ(used, 0);
  const uint8_t shortInt[] = {kPacketInt, 1, 2};
  EXPECT_EQ(emflow_read_packet(shortInt, 3, &packet, &used), kErrTruncated);
  EXPECT_EQ(emflow_read_packet(shortInt, 0, &packet, &used), kErrTruncated);
  const uint8_t badBool[] = {kPacketBool, 2};
  EXPECT_EQ(emflow_read_packet(badBool, 2, &packet, &used), kErrOutOfRange);
  const uint8_t badStatus[] = {kPacketError, kStatusCount};
  EXPECT_EQ(emflow_read_packet(badStatus, 2, &packet, &used), kErrOutOfRange);
  Packet unknown = Packet::Void();
  unknown.type = static_cast<PacketType>(kPacketTypeCount);
  uint8_t bytes[kPacketBytesMax];
  EXPECT_EQ(emflow_write_packet(unknown, bytes), 0);
}

}  // namespace
}  // namespace emflow
