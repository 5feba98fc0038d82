// The byte-at-a-time CRC-16/CCITT-FALSE against its definition: the eight bits of each byte
// shifted through the register one by one (the check value is in command_stream_test.cpp).
#include "runtime/crc16.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace emflow {
namespace {

uint16_t bitByBit(uint16_t crc, const std::vector<uint8_t>& data) {
  for (uint8_t byte : data) {
    crc = static_cast<uint16_t>(crc ^ (byte << 8));
    for (int bit = 0; bit < 8; ++bit)
      crc = static_cast<uint16_t>((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  return crc;
}

TEST(Crc16, EqualsTheBitByBitDefinitionForEveryByteAndState) {
  for (uint32_t crc = 0; crc <= 0xFFFF; crc += 0x0101) {
    for (int byte = 0; byte < 256; ++byte) {
      const uint8_t one = static_cast<uint8_t>(byte);
      ASSERT_EQ(emflow_crc16(static_cast<uint16_t>(crc), &one, 1),
                bitByBit(static_cast<uint16_t>(crc), {one}))
          << "crc " << crc << " byte " << byte;
    }
  }
}

TEST(Crc16, EqualsTheDefinitionOnRandomStreamsAndContinues) {
  std::mt19937 random(7);
  for (int run = 0; run < 200; ++run) {
    std::vector<uint8_t> data(random() % 300);
    for (uint8_t& byte : data) byte = static_cast<uint8_t>(random());
    const uint16_t whole = emflow_crc16(kCrc16Init, data.data(), data.size());
    ASSERT_EQ(whole, bitByBit(kCrc16Init, data));
    const size_t cut = data.empty() ? 0 : random() % data.size();
    const uint16_t first = emflow_crc16(kCrc16Init, data.data(), cut);
    ASSERT_EQ(emflow_crc16(first, data.data() + cut, data.size() - cut), whole);
  }
}

}  // namespace
}  // namespace emflow
