// Builds a model area image (core/ml/model_area.h) from blobs, for the tests: the same layout
// the host writes (web/src/link/modelArea.ts), made independently here.
#ifndef EMFLOW_TESTS_ML_MODEL_AREA_IMAGE_H
#define EMFLOW_TESTS_ML_MODEL_AREA_IMAGE_H

#include <cstdint>
#include <map>
#include <vector>

#include "ml/model_area.h"

namespace emflow::testing {

inline void putU32(std::vector<uint8_t>& out, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

// The area holding `blobs` (id → blob, in id order), padded with 0xFF to `capacity`.
inline std::vector<uint8_t> modelAreaImage(const std::map<uint8_t, std::vector<uint8_t>>& blobs,
                                           size_t capacity) {
  std::vector<uint8_t> area(kModelAreaHeaderSize + blobs.size() * kModelAreaEntrySize, 0);
  area[0] = 'E', area[1] = 'M', area[2] = 'F', area[3] = 'A';
  area[4] = kModelAreaVersion;
  area[5] = static_cast<uint8_t>(blobs.size());
  size_t entry = kModelAreaHeaderSize;
  for (const auto& [id, blob] : blobs) {
    const size_t offset = area.size();
    area.insert(area.end(), blob.begin(), blob.end());
    area[entry] = id;
    putU32(area, entry + 4, static_cast<uint32_t>(offset));
    putU32(area, entry + 8, static_cast<uint32_t>(blob.size()));
    for (int i = 0; i < 4; ++i) area[entry + 12 + i] = blob[blob.size() - 4 + i];
    entry += kModelAreaEntrySize;
  }
  const uint32_t length = static_cast<uint32_t>(area.size());
  putU32(area, 8, length);
  area.resize(length + 4);
  putU32(area, length, blobCrc32(area.data(), kMemoryRam, length));
  area.resize(capacity, 0xFF);
  return area;
}

}  // namespace emflow::testing

#endif  // EMFLOW_TESTS_ML_MODEL_AREA_IMAGE_H
