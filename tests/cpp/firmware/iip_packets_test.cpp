// IIP data → typed packets, per port type.
#include <gtest/gtest.h>

#include "host/firmware/iip_packets.h"

namespace emflow::firmware {
namespace {

std::vector<Packet> convert(const graph::Json& data, const std::string& type) {
  std::vector<Packet> packets;
  std::string error;
  EXPECT_TRUE(iipToPackets(data, type, &packets, &error)) << error;
  return packets;
}

std::string failure(const graph::Json& data, const std::string& type) {
  std::vector<Packet> packets;
  std::string error;
  EXPECT_FALSE(iipToPackets(data, type, &packets, &error));
  return error;
}

TEST(IipPackets, Integers) {
  EXPECT_EQ(convert("5000", "int")[0].value.i, 5000);
  EXPECT_EQ(convert("-3", "int")[0].value.i, -3);
  EXPECT_EQ(convert("0x1F", "int")[0].value.i, 31);
  EXPECT_EQ(convert(42, "int")[0].value.i, 42);
  EXPECT_EQ(convert(42.0, "int")[0].type, kPacketInt);
  EXPECT_NE(failure("4.5", "int").find("integer"), std::string::npos);
  EXPECT_NE(failure("99999999999", "int").find("integer"), std::string::npos);
  EXPECT_NE(failure(" 5", "int").find("integer"), std::string::npos);
}

TEST(IipPackets, Numbers) {
  EXPECT_EQ(convert("4.5", "number")[0].value.f, 4.5f);
  EXPECT_EQ(convert("5", "number")[0].type, kPacketFloat);
  EXPECT_EQ(convert(-1.25, "number")[0].value.f, -1.25f);
  EXPECT_NE(failure("warm", "number").find("expected a number"), std::string::npos);
  EXPECT_NE(failure("1e999", "number").find("expected a number"), std::string::npos);
}

TEST(IipPackets, BooleansAndBangs) {
  EXPECT_TRUE(convert("true", "boolean")[0].value.b);
  EXPECT_FALSE(convert("0", "boolean")[0].value.b);
  EXPECT_TRUE(convert(true, "boolean")[0].value.b);
  EXPECT_EQ(convert("anything", "bang")[0].type, kPacketVoid);
  EXPECT_NE(failure("yes", "boolean").find("true or false"), std::string::npos);
}

TEST(IipPackets, ArraysBecomeBracketedSequences) {
  std::vector<Packet> p = convert("[\"0x28\", 255, 300, 1.5, true]", "array");
  ASSERT_EQ(p.size(), 7u);
  EXPECT_EQ(p[0].type, kPacketBracketOpen);
  EXPECT_EQ(p[1].type, kPacketByte);
  EXPECT_EQ(p[1].value.byte, 0x28);
  EXPECT_EQ(p[2].type, kPacketByte);
  EXPECT_EQ(p[3].type, kPacketInt);  // too big for a byte
  EXPECT_EQ(p[4].type, kPacketFloat);
  EXPECT_EQ(p[5].type, kPacketBool);
  EXPECT_EQ(p[6].type, kPacketBracketClose);
  EXPECT_EQ(convert(graph::Json::array({1, 2}), "array").size(), 4u);
  EXPECT_NE(failure("[1, 2", "array").find("expected a JSON array"), std::string::npos);
  EXPECT_NE(failure("[[1]]", "array").find("array element 0"), std::string::npos);
  EXPECT_NE(failure(7, "array").find("expected a JSON array"), std::string::npos);
}

TEST(IipPackets, AllInfersTheType) {
  EXPECT_EQ(convert("12", "all")[0].type, kPacketInt);
  EXPECT_EQ(convert("1.5", "all")[0].type, kPacketFloat);
  EXPECT_EQ(convert("false", "all")[0].type, kPacketBool);
  EXPECT_EQ(convert("", "all")[0].type, kPacketVoid);
  EXPECT_EQ(convert("[1]", "all").size(), 3u);
  EXPECT_NE(failure("hello", "all").find("a number, boolean or array"), std::string::npos);
}

TEST(IipPackets, TextThatIsNotUtf8IsDescribedNotThrown) {
  const std::string bytes = " 5\xff\xff\x07";  // found by fuzz_iip_packets
  for (const char* type : {"int", "number", "boolean", "array", "all"}) {
    EXPECT_FALSE(failure(bytes, type).empty()) << type;
  }
}

TEST(IipPackets, DeeplyNestedArrayTextIsAnErrorNotAStackOverflow) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const char* type : {"array", "all"}) {
    std::string error = failure(deep, type);
    EXPECT_NE(error.find("nested deeper than the limit of 64"), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace emflow::firmware
