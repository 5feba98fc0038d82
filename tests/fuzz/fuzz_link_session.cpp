// libFuzzer target for the board's end of the serial link (core/link/session.*): what a host,
// or a hostile one, can make a board do. Input: a list of frames, each [type][length][payload],
// which the harness encodes with a correct CRC so the fuzzer reaches the messages (uploads,
// chunks, commits, live edits, read-backs) rather than the checksum; a type byte of 0xFF
// instead passes the next `length` bytes to the board raw (damage, cut frames). Checks: no
// crash or out-of-bounds access (ASan+UBSan); every frame the board sends decodes; every
// request gets at least one answer; a stored graph is always one the board can load. The board
// has a model area holding a small classifier as model 1 (core/ml/model_area.h), so uploads
// with model nodes either open it or are refused (no such model), and the ModelArea query is
// answered with what the area holds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "../cpp/ml/model_area_image.h"
#include "../cpp/ml/tree_blobs.h"
#include "../cpp/runtime/fake_io.h"
#include "components/library.h"
#include "link/session.h"

using namespace emflow;

namespace {

struct Board {
  std::vector<uint8_t> sent;
  static void collect(uint8_t byte, void* self) { static_cast<Board*>(self)->sent.push_back(byte); }
};

size_t framesIn(const std::vector<uint8_t>& bytes) {
  FrameDecoder decoder;
  size_t frames = 0;
  for (uint8_t byte : bytes) {
    const LinkEvent event = decoder.feed(byte);
    if (event == kLinkFrameError) std::abort();  // the board must never send a damaged frame
    if (event == kLinkFrameReady) ++frames;
  }
  return frames;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The model area, built once: a board's flash does not change while it runs.
  static const std::vector<uint8_t> area = emflow::testing::modelAreaImage(
      {{1, modelgen::writeTreeBlob(emflow::testing::smallClassifier())}}, 1024);
  static ModelAreaInfo areaInfo;
  modelStoreClear();
  if (modelAreaLoad(area.data(), area.size(), kMemoryRam, &areaInfo) != kOk) std::abort();
  static const LinkModelArea areaLink = {0x200, 1024, 256, &areaInfo};
  emflow::testing::FakeIO io;
  Network network(io);
  std::vector<uint8_t> eeprom(1024, 0xFF);
  MemoryStorage storage(eeprom.data(), static_cast<uint32_t>(eeprom.size()));
  Board board;
  LinkSession session(network, storage, Board::collect, &board,
                      {kLinkBoardHost, static_cast<uint8_t>(kComponentCount), &areaLink});
  size_t at = 0;
  uint8_t sequence = 0;
  while (at + 2 <= size) {
    const uint8_t type = data[at];
    size_t length = data[at + 1];
    at += 2;
    if (length > size - at) length = size - at;
    if (type == 0xFF) {
      for (size_t i = 0; i < length; ++i) session.receive(data[at + i]);
    } else {
      if (length > kLinkMaxPayload) length = kLinkMaxPayload;
      uint8_t wire[kLinkMaxEncoded];
      uint16_t written = 0;
      if (encodeLinkFrame(type, sequence++, data + at, static_cast<uint8_t>(length), wire,
                          sizeof wire, &written) != kOk) {
        std::abort();
      }
      const size_t before = board.sent.size();
      for (uint16_t i = 0; i < written; ++i) session.receive(wire[i]);
      if (board.sent.size() == before) std::abort();  // a request without an answer
    }
    at += length;
    io.now += 100;
    network.run();
  }
  framesIn(board.sent);
  // Whatever happened, the stored graph (if any) loads on a fresh board.
  StoredGraph stored;
  if (emflow_find_graph(storage, &stored) == kOk) {
    StreamError error;
    if (emflow_check_command_stream(storage, stored.offset, stored.length, &error) != kOk) {
      std::abort();
    }
  }
  return 0;
}
