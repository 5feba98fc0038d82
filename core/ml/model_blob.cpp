#include "model_blob.h"

namespace emflow {

uint32_t blobCrc32(const uint8_t* data, MemorySpace space, size_t size) {
  uint32_t crc = 0xFFFFFFFFu;
#if defined(__AVR__)
  // Bitwise: no table, so nothing lands in the AVR's 2 KB of RAM.
  for (size_t i = 0; i < size; ++i) {
    crc ^= blobU8(data, space, i);
    for (uint8_t bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
#else
  // Nibble-at-a-time table: 64 bytes of constants instead of 1 KB, fast enough for loading.
  static const uint32_t kNibble[16] = {0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu,
                                       0x76DC4190u, 0x6B6B51F4u, 0x4DB26158u, 0x5005713Cu,
                                       0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
                                       0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};
  for (size_t i = 0; i < size; ++i) {
    crc ^= blobU8(data, space, i);
    crc = (crc >> 4) ^ kNibble[crc & 0x0F];
    crc = (crc >> 4) ^ kNibble[crc & 0x0F];
  }
#endif
  return crc ^ 0xFFFFFFFFu;
}

Status modelBlobParse(const uint8_t* data, size_t size, MemorySpace space, ModelBlob* out) {
  if (data == NULL || out == NULL) return kErrOutOfRange;
  if (size < kModelHeaderSize + kModelTrailerSize) return kErrTruncated;
  if (blobU8(data, space, 0) != 'E' || blobU8(data, space, 1) != 'M' ||
      blobU8(data, space, 2) != 'F' || blobU8(data, space, 3) != 'M')
    return kErrBadMagic;
  if (blobU8(data, space, 4) != kModelFormatVersion) return kErrBadVersion;
  const uint8_t flags = blobU8(data, space, 6);
  if ((flags & ~kModelKnownFlags) != 0 || blobU8(data, space, 7) != 0) return kErrCorrupt;
  const uint32_t payloadSize = blobU32(data, space, 12);
  // Compare without forming header + payload + trailer, which could wrap around.
  if (payloadSize > size - kModelHeaderSize - kModelTrailerSize) return kErrTruncated;
  if (payloadSize < size - kModelHeaderSize - kModelTrailerSize) return kErrCorrupt;
  const size_t covered = kModelHeaderSize + payloadSize;
  if (blobCrc32(data, space, covered) != blobU32(data, space, covered)) return kErrBadChecksum;
  const uint8_t kind = blobU8(data, space, 5);
  if (kind == kModelNone || kind > kModelLastOtherKind) return kErrModelType;
  const uint16_t nFeatures = blobU16(data, space, 8);
  const uint16_t nOutputs = blobU16(data, space, 10);
  if (nFeatures == 0 || nOutputs == 0) return kErrOutOfRange;

  out->data = data;
  out->size = size;
  out->space = space;
  out->kind = static_cast<ModelKind>(kind);
  out->flags = flags;
  out->nFeatures = nFeatures;
  out->nOutputs = nOutputs;
  out->payloadSize = payloadSize;
  return kOk;
}

}  // namespace emflow
