// The seed corpus of the command-stream fuzzer (tests/fuzz/corpus/command_stream/) is made by
// the runtime's own encoder. This test checks every seed still decodes (after the fuzzer's
// mode byte; regression-* files are inputs that once failed, kept as they are); with
// EMFLOW_WRITE_CORPUS=1 in the environment it (re)writes the seeds first.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fridge_stream.h"
#include "runtime/command_stream.h"

namespace emflow {
namespace testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::vector<uint8_t>>> seeds() {
  std::vector<std::pair<std::string, std::vector<uint8_t>>> out;
  out.push_back({"fridge", fridgeStream()});
  uint8_t buffer[256];
  {
    CommandStreamWriter w(buffer, sizeof(buffer));
    w.reset();
    w.createNode(0, kComponent_Timer);
    w.createNode(1, kComponent_Count);
    w.createNode(2, kComponent_Split);
    w.createNode(3, kComponent_Route);
    w.createNode(4, kComponent_SerialOut);
    w.createNode(5, kComponent_Gate);
    w.connect(0, 0, 1, 0);
    w.connect(1, 0, 2, 0);
    w.connect(2, 0, 0, 3, 0, kNoIndex);
    w.connect(2, 0, 1, 5, 0, kNoIndex);
    w.connect(3, 0, 0, 4, 0, kNoIndex);
    w.connect(5, 0, 4, 0);
    w.initial(0, 0, Packet::Int(100));
    w.initial(5, 1, Packet::Bool(true));
    w.initial(3, 1, Packet::Byte(0));
    w.watchEdge(1, 0, 2, 0, true);
    w.start();
    w.removeNode(5);
    w.disconnect(2, 0, 0, 3, 0, kNoIndex);
    w.removeInitial(0, 0);
    w.stop();
    uint16_t length = 0;
    if (w.finish(&length) == kOk) out.push_back({"edits", {buffer, buffer + length}});
  }
  {
    CommandStreamWriter w(buffer, sizeof(buffer));
    w.createNode(0, kComponent_MapLinear);
    w.createNode(1, kComponent_Constrain);
    w.createNode(2, kComponent_HysteresisLatch);
    w.createNode(3, kComponent_BreakBeforeMake);
    w.createNode(4, kComponent_MonitorPin);
    w.connect(0, 0, 1, 0);
    w.connect(1, 0, 2, 0);
    w.connect(2, 0, 3, 0);
    w.connect(4, 0, 3, 1);
    w.initial(0, 0, Packet::Float(512.5f));
    w.initial(4, 0, Packet::Int(3));
    w.initial(0, 0, Packet::Error(kErrNoSensor));
    w.initial(0, 0, Packet::BracketOpen());
    w.start();
    uint16_t length = 0;
    if (w.finish(&length) == kOk) out.push_back({"numbers", {buffer, buffer + length}});
  }
  return out;
}

TEST(FuzzCorpus, SeedsAreValidStreams) {
  const fs::path dir = fs::path(EMFLOW_SOURCE_DIR) / "tests/fuzz/corpus/command_stream";
  const auto all = seeds();
  ASSERT_EQ(all.size(), 3u);
  if (std::getenv("EMFLOW_WRITE_CORPUS")) {
    fs::create_directories(dir);
    for (const auto& [name, bytes] : all) {
      for (uint8_t mode : {0, 1}) {
        std::ofstream f(dir / (name + (mode ? "-resealed" : "") + ".bin"), std::ios::binary);
        f.put(static_cast<char>(mode));
        f.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      }
    }
  }
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), {});
    ASSERT_GE(bytes.size(), 1u);
    if (entry.path().filename().string().rfind("regression-", 0) == 0) continue;  // any bytes
    StreamError error;
    EXPECT_EQ(emflow_check_command_stream(bytes.data() + 1, bytes.size() - 1, &error), kOk)
        << entry.path() << ": " << emflow_status_name(error.status) << " at command "
        << error.command;
    ++files;
  }
  EXPECT_GE(files, 6);  // the generated seeds plus regression inputs found by fuzzing
}

}  // namespace
}  // namespace testing
}  // namespace emflow
