#include "model_area.h"

namespace emflow {

namespace {

Status fail(ModelAreaInfo* info, Status why) {
  for (uint8_t i = 0; i < info->count; ++i) modelStoreRemove(info->ids[i]);
  info->state = kModelAreaBad;
  info->status = why;
  info->count = 0;
  return why;
}

}  // namespace

Status modelAreaLoad(const uint8_t* area, uint32_t capacity, MemorySpace space,
                     ModelAreaInfo* info) {
  info->state = kModelAreaEmpty;
  info->status = kOk;
  info->count = 0;
  info->length = 0;
  info->crc = 0;
  if (capacity < kModelAreaHeaderSize + 4) return fail(info, kErrOutOfRange);
  if (blobU32(area, space, 0) == 0xFFFFFFFFu) return kOk;  // erased: no models
  if (blobU8(area, space, 0) != 'E' || blobU8(area, space, 1) != 'M' ||
      blobU8(area, space, 2) != 'F' || blobU8(area, space, 3) != 'A') {
    return fail(info, kErrBadMagic);
  }
  if (blobU8(area, space, 4) != kModelAreaVersion) return fail(info, kErrBadVersion);
  const uint8_t count = blobU8(area, space, 5);
  const uint32_t length = blobU32(area, space, 8);
  info->length = length;
  if (count == 0 || count > EMFLOW_MAX_MODELS || blobU16(area, space, 6) != 0)
    return fail(info, kErrOutOfRange);
  const uint32_t blobsStart = kModelAreaHeaderSize + uint32_t(count) * kModelAreaEntrySize;
  if (length < blobsStart || length > capacity - 4) return fail(info, kErrOutOfRange);
  info->crc = blobU32(area, space, length);
  if (blobCrc32(area, space, length) != info->crc) return fail(info, kErrBadChecksum);
  for (uint8_t i = 0; i < count; ++i) {
    const size_t entry = kModelAreaHeaderSize + size_t(i) * kModelAreaEntrySize;
    const uint8_t id = blobU8(area, space, entry);
    const uint32_t offset = blobU32(area, space, entry + 4);
    const uint32_t size = blobU32(area, space, entry + 8);
    if (blobU8(area, space, entry + 1) != 0 || blobU16(area, space, entry + 2) != 0 ||
        offset < blobsStart || size < 4 || size > length || offset > length - size) {
      return fail(info, kErrOutOfRange);
    }
    // The entry's CRC is the blob's own trailer: the host compares models by it.
    if (blobU32(area, space, entry + 12) != blobU32(area, space, offset + size - 4))
      return fail(info, kErrBadChecksum);
    for (uint8_t j = 0; j < info->count; ++j)
      if (info->ids[j] == id) return fail(info, kErrOutOfRange);  // an id named twice
    const Status status = modelStorePut(id, area + offset, size, space);
    if (status != kOk) return fail(info, status);
    info->ids[info->count++] = id;
  }
  info->state = kModelAreaValid;
  return kOk;
}

}  // namespace emflow
