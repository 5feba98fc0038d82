// The binary model container: a 16-byte header, a kind-specific payload and a CRC-32 trailer,
// all little-endian. A device reads it straight from flash (PROGMEM on AVR) or RAM through
// the byte accessor below, so a model never has to be copied into RAM.
//
//   offset size  field
//   0      4     magic "EMFM"
//   4      1     version (kModelFormatVersion)
//   5      1     kind (ModelKind): 1-31 trees, 32-63 other families
//   6      1     flags: bit0 = int16 fixed-point features; other bits must be 0
//   7      1     reserved, must be 0
//   8      2     n_features (>= 1)
//   10     2     n_outputs  (values written by predict: classes, regression outputs, scores)
//   12     4     payload_size
//   16     ...   payload (layout per kind: docs/model-format.md)
//   16+N   4     CRC-32 (IEEE, as zlib.crc32) of bytes [0, 16+N)
#ifndef EMFLOW_ML_MODEL_BLOB_H
#define EMFLOW_ML_MODEL_BLOB_H

#include <float.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__AVR__)
#include <avr/pgmspace.h>
#endif

#include "model_kinds.h"
#include "runtime/status.h"

namespace emflow {

static const uint8_t kModelFormatVersion = 1;
static const size_t kModelHeaderSize = 16;
static const size_t kModelTrailerSize = 4;
static const uint8_t kModelFlagInt16 = 0x01;
static const uint8_t kModelKnownFlags = kModelFlagInt16;

// ModelKind (every kind, with its value and role) is declared in model_kinds.h.

// Where the blob's bytes live. On AVR, flash is a separate address space read with
// pgm_read_byte; everywhere else both are plain memory.
enum MemorySpace : uint8_t { kMemoryRam = 0, kMemoryFlash = 1 };

// A validated view of a blob: where it is and what its header says. Cheap to copy.
struct ModelBlob {
  const uint8_t* data;  // start of the header
  size_t size;          // header + payload + trailer
  MemorySpace space;
  ModelKind kind;
  uint8_t flags;
  uint16_t nFeatures;
  uint16_t nOutputs;
  size_t payloadSize;
};

// --- byte accessor -------------------------------------------------------------------------
// All reads of model data go through blobU8 so the same code runs from RAM and flash.
inline uint8_t blobU8(const uint8_t* data, MemorySpace space, size_t offset) {
#if defined(__AVR__)
  if (space == kMemoryFlash) return pgm_read_byte(data + offset);
#else
  (void)space;
#endif
  return data[offset];
}

inline uint16_t blobU16(const uint8_t* data, MemorySpace space, size_t offset) {
  return static_cast<uint16_t>(blobU8(data, space, offset) |
                               (static_cast<uint16_t>(blobU8(data, space, offset + 1)) << 8));
}

inline uint32_t blobU32(const uint8_t* data, MemorySpace space, size_t offset) {
  return static_cast<uint32_t>(blobU16(data, space, offset)) |
         (static_cast<uint32_t>(blobU16(data, space, offset + 2)) << 16);
}

inline int16_t blobI16(const uint8_t* data, MemorySpace space, size_t offset) {
  return static_cast<int16_t>(blobU16(data, space, offset));
}

inline int32_t blobI32(const uint8_t* data, MemorySpace space, size_t offset) {
  return static_cast<int32_t>(blobU32(data, space, offset));
}

inline float blobF32(const uint8_t* data, MemorySpace space, size_t offset) {
  uint32_t bits = blobU32(data, space, offset);
  float value;
  memcpy(&value, &bits, sizeof value);
  return value;
}

// True when a float read from a blob is usable (not NaN, not infinite).
inline bool blobFinite(float value) {
  return value == value && value <= FLT_MAX && value >= -FLT_MAX;
}

// Offsets into the payload, relative to the start of the blob.
inline size_t blobPayloadOffset(size_t payloadOffset) {
  return kModelHeaderSize + payloadOffset;
}

// CRC-32 (IEEE 802.3, reflected, as zlib.crc32) of `size` bytes read through the accessor.
uint32_t blobCrc32(const uint8_t* data, MemorySpace space, size_t size);

// Validates the container (size, magic, version, flags, reserved byte, payload size, CRC) and
// fills `out`. Does not look inside the payload: model_open() calls the kind's loader for that.
Status modelBlobParse(const uint8_t* data, size_t size, MemorySpace space, ModelBlob* out);

}  // namespace emflow

#endif  // EMFLOW_ML_MODEL_BLOB_H
