// The stored-method ZIP writer: structure read back field by field, CRC-32, refusals.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "host/firmware/export/zip_writer.h"

namespace emflow::exporter {
namespace {

uint32_t read16(const std::vector<uint8_t>& b, size_t at) {
  return b[at] | (b[at + 1] << 8);
}
uint32_t read32(const std::vector<uint8_t>& b, size_t at) {
  return read16(b, at) | (read16(b, at + 2) << 16);
}

TEST(Crc32, MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789", 9), 0xCBF43926u);
  EXPECT_EQ(crc32("", 0), 0u);
}

TEST(ZipWriter, WritesLocalHeadersCentralDirectoryAndEndRecord) {
  std::string error;
  const std::vector<ZipEntry> entries = {{"s/s.ino", "void setup() {}\n"},
                                         {"s/emflow/runtime/a.h", std::string("\0\xff", 2)}};
  const std::vector<uint8_t> zip = writeZip(entries, &error);
  ASSERT_FALSE(zip.empty()) << error;

  // End of central directory: the last 22 bytes (no comment).
  const size_t end = zip.size() - 22;
  ASSERT_EQ(read32(zip, end), 0x06054b50u);
  EXPECT_EQ(read16(zip, end + 8), 2u);
  EXPECT_EQ(read16(zip, end + 10), 2u);
  const uint32_t centralSize = read32(zip, end + 12);
  size_t central = read32(zip, end + 16);
  EXPECT_EQ(central + centralSize, end);

  for (const ZipEntry& entry : entries) {
    ASSERT_EQ(read32(zip, central), 0x02014b50u);
    const uint32_t crc = read32(zip, central + 16);
    EXPECT_EQ(crc, crc32(entry.data.data(), entry.data.size()));
    EXPECT_EQ(read32(zip, central + 20), entry.data.size());
    const uint32_t nameLength = read16(zip, central + 28);
    EXPECT_EQ(std::string(zip.begin() + central + 46, zip.begin() + central + 46 + nameLength),
              entry.path);
    const size_t local = read32(zip, central + 42);
    ASSERT_EQ(read32(zip, local), 0x04034b50u);
    EXPECT_EQ(read16(zip, local + 8), 0u);  // stored
    EXPECT_EQ(read32(zip, local + 14), crc);
    const size_t data = local + 30 + read16(zip, local + 26) + read16(zip, local + 28);
    EXPECT_EQ(std::string(zip.begin() + data, zip.begin() + data + entry.data.size()), entry.data);
    central += 46 + nameLength;
  }
}

TEST(ZipWriter, SameEntriesGiveTheSameBytes) {
  std::string error;
  const std::vector<ZipEntry> entries = {{"a/b.txt", "x"}};
  EXPECT_EQ(writeZip(entries, &error), writeZip(entries, &error));
}

TEST(ZipWriter, RefusesPathsThatEscapeTheFolder) {
  for (const char* path : {"", "/etc/passwd", "a/../../b", "..", "a\\b", "a//b", "./a"}) {
    std::string error;
    EXPECT_TRUE(writeZip({{path, "x"}}, &error).empty()) << path;
    EXPECT_NE(error.find("unsafe path"), std::string::npos) << path;
  }
}

TEST(ZipWriter, UnzipAcceptsTheArchive) {
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) GTEST_SKIP() << "no unzip";
  std::string error;
  const std::vector<uint8_t> zip =
      writeZip({{"d/x.txt", "hello\n"}, {"d/y.bin", "\x01\x02"}}, &error);
  const std::string path = EMFLOW_BINARY_DIR "/zip_writer_test.zip";
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(zip.data()), static_cast<std::streamsize>(zip.size()));
  EXPECT_EQ(std::system(("unzip -tq " + path + " >/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace emflow::exporter
