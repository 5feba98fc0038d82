// Mutated blobs almost never keep a valid CRC: the fuzz targets also run a copy whose trailer
// is repaired, so the checks behind the CRC (and what runs on accepted blobs) get fuzzed.
#ifndef EMFLOW_TESTS_FUZZ_REPAIRED_CRC_H
#define EMFLOW_TESTS_FUZZ_REPAIRED_CRC_H

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ml/model_blob.h"

// The input with its CRC-32 trailer recomputed; empty if it is too short to have one.
inline std::vector<uint8_t> withRepairedCrc(const uint8_t* data, size_t size) {
  if (size < emflow::kModelHeaderSize + emflow::kModelTrailerSize) return {};
  std::vector<uint8_t> repaired(data, data + size);
  const size_t covered = size - emflow::kModelTrailerSize;
  const uint32_t crc = emflow::blobCrc32(repaired.data(), emflow::kMemoryRam, covered);
  for (size_t i = 0; i < 4; ++i) repaired[covered + i] = static_cast<uint8_t>(crc >> (8 * i));
  return repaired;
}

#endif  // EMFLOW_TESTS_FUZZ_REPAIRED_CRC_H
