// Little-endian byte output for model blobs (host side; the device reads them back with the
// accessors of core/ml/model_blob.h).
#ifndef EMFLOW_HOST_TRAIN_BYTE_WRITER_H
#define EMFLOW_HOST_TRAIN_BYTE_WRITER_H

#include <cstdint>
#include <cstring>
#include <vector>

namespace emflow::train {

class ByteWriter {
 public:
  void u8(uint32_t v) { bytes_.push_back(static_cast<uint8_t>(v)); }
  void u16(uint32_t v) {
    u8(v & 0xFF);
    u8((v >> 8) & 0xFF);
  }
  void u32(uint32_t v) {
    u16(v & 0xFFFF);
    u16(v >> 16);
  }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void f32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u32(bits);
  }
  // A signed value in `width` bytes (1, 2 or 4), two's complement.
  void signedInt(int32_t v, unsigned width) {
    const uint32_t bits = static_cast<uint32_t>(v);
    for (unsigned i = 0; i < width; ++i) u8((bits >> (8 * i)) & 0xFF);
  }
  void append(const std::vector<uint8_t>& more) {
    bytes_.insert(bytes_.end(), more.begin(), more.end());
  }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_BYTE_WRITER_H
