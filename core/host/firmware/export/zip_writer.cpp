#include "zip_writer.h"

namespace emflow::exporter {

namespace {

void put16(std::vector<uint8_t>* out, uint32_t v) {
  out->push_back(static_cast<uint8_t>(v));
  out->push_back(static_cast<uint8_t>(v >> 8));
}
void put32(std::vector<uint8_t>* out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

const uint32_t kDosDate1980 = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
const uint16_t kVersion = 20;                           // 2.0: stored entries, folders
const uint16_t kUtf8Names = 1 << 11;                    // general purpose flag bit 11

bool safePath(const std::string& path) {
  if (path.empty() || path[0] == '/' || path.find('\\') != std::string::npos) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string part = path.substr(start, end - start);
    if (part == ".." || part == "." || (part.empty() && end != path.size())) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

uint32_t crc32(const void* data, size_t length) {
  static uint32_t table[256];
  static bool ready = false;
  if (!ready) {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    ready = true;
  }
  uint32_t crc = 0xFFFFFFFFu;
  const uint8_t* p = static_cast<const uint8_t*>(data);
  for (size_t i = 0; i < length; ++i) crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> writeZip(const std::vector<ZipEntry>& entries, std::string* error) {
  if (entries.size() >= 0xFFFF) {
    *error = "too many files for a ZIP without ZIP64: " + std::to_string(entries.size());
    return {};
  }
  std::vector<uint8_t> out, central;
  for (const ZipEntry& entry : entries) {
    if (!safePath(entry.path) || entry.path.size() > 0xFFFF) {
      *error = "unsafe path in archive: '" + entry.path + "'";
      return {};
    }
    if (entry.data.size() >= 0xFFFFFFFFu || out.size() >= 0xFFFFFFFFu - entry.data.size()) {
      *error = "archive too large without ZIP64 at '" + entry.path + "'";
      return {};
    }
    const uint32_t crc = crc32(entry.data.data(), entry.data.size());
    const uint32_t size = static_cast<uint32_t>(entry.data.size());
    const uint32_t offset = static_cast<uint32_t>(out.size());
    put32(&out, 0x04034b50);  // local file header
    put16(&out, kVersion);
    put16(&out, kUtf8Names);
    put16(&out, 0);  // method: stored
    put16(&out, 0);  // time 00:00
    put16(&out, kDosDate1980);
    put32(&out, crc);
    put32(&out, size);
    put32(&out, size);
    put16(&out, static_cast<uint32_t>(entry.path.size()));
    put16(&out, 0);  // extra field length
    out.insert(out.end(), entry.path.begin(), entry.path.end());
    out.insert(out.end(), entry.data.begin(), entry.data.end());

    put32(&central, 0x02014b50);           // central directory header
    put16(&central, (3 << 8) | kVersion);  // made by: Unix, so the attributes below count
    put16(&central, kVersion);
    put16(&central, kUtf8Names);
    put16(&central, 0);
    put16(&central, 0);
    put16(&central, kDosDate1980);
    put32(&central, crc);
    put32(&central, size);
    put32(&central, size);
    put16(&central, static_cast<uint32_t>(entry.path.size()));
    put16(&central, 0);               // extra
    put16(&central, 0);               // comment
    put16(&central, 0);               // disk number
    put16(&central, 0);               // internal attributes
    put32(&central, 0100644u << 16);  // external: regular file, rw-r--r--
    put32(&central, offset);
    central.insert(central.end(), entry.path.begin(), entry.path.end());
  }
  const uint32_t centralOffset = static_cast<uint32_t>(out.size());
  const uint32_t centralSize = static_cast<uint32_t>(central.size());
  out.insert(out.end(), central.begin(), central.end());
  put32(&out, 0x06054b50);  // end of central directory
  put16(&out, 0);
  put16(&out, 0);
  put16(&out, static_cast<uint32_t>(entries.size()));
  put16(&out, static_cast<uint32_t>(entries.size()));
  put32(&out, centralSize);
  put32(&out, centralOffset);
  put16(&out, 0);  // comment length
  return out;
}

}  // namespace emflow::exporter
