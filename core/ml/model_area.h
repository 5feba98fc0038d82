// A board's model area: a range of flash (on the generic Mega firmware, 8 KB right after the
// interrupt vectors) that holds several model blobs under their ids, written by the host through
// the bootloader and read in place by the model store (0 B of RAM per model byte). The layout
// (little-endian; docs/serial-link.md, "Models in flash"):
//
//   offset        size  field
//   0             4     magic "EMFA"
//   4             1     version (kModelAreaVersion)
//   5             1     count: models that follow (1..EMFLOW_MAX_MODELS)
//   6             2     reserved, 0
//   8             4     length: bytes from 0 to the area CRC (header, entries, blobs)
//   12            16*n  entries: id (u8), 3 reserved (0), offset (u32, from the area's start),
//                       size (u32), the blob's own CRC-32 (u32, its trailer)
//   ...                 the blobs (docs/model-format.md)
//   length        4     CRC-32 (as blobCrc32) of bytes [0, length)
//
// An erased area (0xFF, as a board leaves the bootloader or a full flash) holds no models. A
// damaged one (any check fails) registers none: the graphs that name its models are refused.
#ifndef EMFLOW_ML_MODEL_AREA_H
#define EMFLOW_ML_MODEL_AREA_H

#include <stddef.h>
#include <stdint.h>

#include "model_blob.h"
#include "model_store.h"

namespace emflow {

static const uint8_t kModelAreaVersion = 1;
static const uint8_t kModelAreaHeaderSize = 12;
static const uint8_t kModelAreaEntrySize = 16;

// X(Name, value): what a board found in its area at boot.
#define EMFLOW_MODEL_AREA_STATES(X)                                 \
  X(Empty, 0) /* erased (starts with 0xFFFFFFFF): no models */      \
  X(Valid, 1) /* every check passed, the models are in the store */ \
  X(Bad, 2)   /* a check failed (status says which): no models */

enum ModelAreaState : uint8_t {
#define EMFLOW_MODEL_AREA_STATE_ENUM(Name, value) kModelArea##Name = value,
  EMFLOW_MODEL_AREA_STATES(EMFLOW_MODEL_AREA_STATE_ENUM)
#undef EMFLOW_MODEL_AREA_STATE_ENUM
};

// What modelAreaLoad found: reported to the host (the link's model-area answer), so that it
// writes the area only when the board does not already hold the same models.
struct ModelAreaInfo {
  ModelAreaState state;
  Status status;    // why the area is bad (kOk otherwise)
  uint8_t count;    // models registered
  uint32_t length;  // the header's length field (0 when empty or unreadable)
  uint32_t crc;     // the area's CRC-32 as stored (0 when empty)
  uint8_t ids[EMFLOW_MAX_MODELS];
};

// Checks the area (`capacity` bytes at `area`, in `space`) — header, bounds, the CRC-32 over
// everything, each entry's CRC against its blob's trailer, each blob (modelStorePut validates
// it) — and registers its models in the model store. All or nothing: on any failure the
// models it had put are removed again. Returns info->status.
Status modelAreaLoad(const uint8_t* area, uint32_t capacity, MemorySpace space,
                     ModelAreaInfo* info);

}  // namespace emflow

#endif  // EMFLOW_ML_MODEL_AREA_H
