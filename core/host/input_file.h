// Reading a whole input file for the host tools with a size cap, so that a directory, a
// device like /dev/zero or a huge file gives a clear error instead of an empty result or
// running out of memory. Every file the `emflow` CLI reads goes through readInputFile.
#ifndef EMFLOW_HOST_INPUT_FILE_H
#define EMFLOW_HOST_INPUT_FILE_H

#include <cstddef>
#include <string>

namespace emflow {

// Graphs (.fbp, JSON), model blobs and other single documents.
constexpr size_t kMaxInputFileBytes = 16u << 20;  // 16 MiB
// CSV data sets (train, predict, scores, dsp) are allowed to be larger.
constexpr size_t kMaxCsvFileBytes = 256u << 20;  // 256 MiB

// Reads `path` whole into `bytes`. False with "PATH: reason" in `error` when it cannot be
// opened, is a directory, or holds more than `maxBytes` (read from pipes and devices too,
// stopping after maxBytes + 1 bytes).
bool readInputFile(const std::string& path, size_t maxBytes, std::string* bytes,
                   std::string* error);

// "16 MiB", "256 MiB", "1000 bytes": a cap as people read it.
std::string describeBytes(size_t bytes);

}  // namespace emflow

#endif  // EMFLOW_HOST_INPUT_FILE_H
