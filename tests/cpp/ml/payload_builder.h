// Builds model blobs byte by byte for the loader tests: header, payload, CRC-32 trailer.
#ifndef EMFLOW_TESTS_CPP_ML_PAYLOAD_BUILDER_H
#define EMFLOW_TESTS_CPP_ML_PAYLOAD_BUILDER_H

#include <cstdint>
#include <cstring>
#include <vector>

#include "ml/model.h"

namespace emflow::testing {

class Payload {
 public:
  Payload& u8(uint8_t v) {
    bytes_.push_back(v);
    return *this;
  }
  Payload& u16(uint16_t v) { return u8(v & 0xFF).u8(v >> 8); }
  Payload& i16(int16_t v) { return u16(static_cast<uint16_t>(v)); }
  Payload& f32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    return u16(bits & 0xFFFF).u16(bits >> 16);
  }
  Payload& f32s(std::initializer_list<float> values) {
    for (float v : values) f32(v);
    return *this;
  }
  Payload& pad4() {
    while (bytes_.size() % 4) u8(0);
    return *this;
  }
  std::vector<uint8_t>& bytes() { return bytes_; }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

// A complete container around `payload` with a correct checksum.
inline std::vector<uint8_t> makeBlob(uint8_t kind, uint16_t nFeatures, uint16_t nOutputs,
                                     const std::vector<uint8_t>& payload, bool int16 = false) {
  std::vector<uint8_t> b = {'E',
                            'M',
                            'F',
                            'M',
                            kModelFormatVersion,
                            kind,
                            static_cast<uint8_t>(int16 ? kModelFlagInt16 : 0),
                            0};
  b.push_back(nFeatures & 0xFF);
  b.push_back(nFeatures >> 8);
  b.push_back(nOutputs & 0xFF);
  b.push_back(nOutputs >> 8);
  const uint32_t size = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) b.push_back((size >> (8 * i)) & 0xFF);
  b.insert(b.end(), payload.begin(), payload.end());
  const uint32_t crc = blobCrc32(b.data(), kMemoryRam, b.size());
  for (int i = 0; i < 4; ++i) b.push_back((crc >> (8 * i)) & 0xFF);
  return b;
}

inline Status openBlob(Model* model, const std::vector<uint8_t>& blob) {
  return modelOpen(model, blob.data(), blob.size(), kMemoryRam);
}

}  // namespace emflow::testing

#endif  // EMFLOW_TESTS_CPP_ML_PAYLOAD_BUILDER_H
