// A minimal ZIP archive writer (PKWARE APPNOTE 6.3): "stored" entries (no compression) with
// CRC-32, local headers, a central directory and its end record. Stored is enough for a
// sketch of a few dozen small files, needs no zlib, and runs the same in WebAssembly.
// Entries get a fixed timestamp (1980-01-01 00:00) so the same graph gives the same bytes.
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_ZIP_WRITER_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_ZIP_WRITER_H

#include <cstdint>
#include <string>
#include <vector>

namespace emflow::exporter {

struct ZipEntry {
  std::string path;  // '/'-separated, relative, e.g. "fridge/fridge.ino"
  std::string data;
};

// CRC-32 as ZIP uses it (IEEE 802.3, reflected polynomial 0xEDB88320).
uint32_t crc32(const void* data, size_t length);

// The archive bytes. Entries must be fewer than 65535 and each under 4 GiB (no ZIP64);
// paths must be non-empty, relative and without "..": otherwise returns empty and sets *error.
std::vector<uint8_t> writeZip(const std::vector<ZipEntry>& entries, std::string* error);

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_ZIP_WRITER_H
