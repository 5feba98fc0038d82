#include "host/input_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace emflow {

std::string describeBytes(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

bool readInputFile(const std::string& path, size_t maxBytes, std::string* bytes,
                   std::string* error) {
  bytes->clear();
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    *error = path + ": cannot open (" + std::strerror(errno) + ")";
    return false;
  }
  // An ifstream opens a directory without complaint and reads nothing from it.
  if (S_ISDIR(info.st_mode)) {
    *error = path + ": is a directory, not a file";
    return false;
  }
  if (S_ISREG(info.st_mode) && static_cast<unsigned long long>(info.st_size) > maxBytes) {
    *error = path + ": " + std::to_string(info.st_size) + " bytes, larger than the limit of " +
             describeBytes(maxBytes);
    return false;
  }
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    *error = path + ": cannot open (" + std::strerror(errno) + ")";
    return false;
  }
  // Devices and pipes have no size up front: read in chunks and stop past the cap.
  char chunk[1 << 16];
  bool failed = false;
  while (bytes->size() <= maxBytes) {
    const size_t n = std::fread(chunk, 1, sizeof chunk, file);
    bytes->append(chunk, n);
    if (n < sizeof chunk) {
      failed = std::ferror(file) != 0;
      break;
    }
  }
  std::fclose(file);
  if (failed) {
    *error = path + ": read error";
    return false;
  }
  if (bytes->size() > maxBytes) {
    *error = path + ": larger than the limit of " + describeBytes(maxBytes);
    bytes->clear();
    return false;
  }
  return true;
}

}  // namespace emflow
