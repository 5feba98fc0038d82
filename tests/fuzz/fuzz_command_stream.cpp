// libFuzzer target: the command-stream decoder and everything it drives.
//
// Input: one mode byte, then a stream. Mode bit 0 set: the harness first fixes the header's
// length and CRC so that the fuzzer explores command semantics (the network, live edits, the
// components running on a fuzzed graph); clear: the bytes are decoded as they are, which
// exercises header and checksum validation. Either way, a valid stream is also saved to and
// loaded from a RAM "EEPROM", and a running network is driven for a few simulated seconds.
#include <stddef.h>
#include <stdint.h>

#include <vector>

#include "../cpp/runtime/fake_io.h"
#include "runtime/command_stream.h"
#include "runtime/crc16.h"
#include "runtime/graph_store.h"
#include "runtime/network.h"

using namespace emflow;

namespace {

void reseal(std::vector<uint8_t>& s) {
  if (s.size() < kStreamHeaderSize) return;
  const size_t body = s.size() - kStreamHeaderSize;
  if (body > 0xFFFF) return;
  const uint16_t crc = emflow_crc16(kCrc16Init, s.data() + kStreamHeaderSize, body);
  s[6] = static_cast<uint8_t>(body);
  s[7] = static_cast<uint8_t>(body >> 8);
  s[8] = static_cast<uint8_t>(crc);
  s[9] = static_cast<uint8_t>(crc >> 8);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 4096) return 0;
  std::vector<uint8_t> stream(data + 1, data + size);
  if (data[0] & 1) reseal(stream);

  static testing::FakeIO io;
  io = testing::FakeIO();
  io.sensors[9].raw = 5 * 16;
  static Network network(io);  // large on hosts: reuse it, clear() per input
  network.clear();
  StreamError error = {kOk, 0, 0};
  const Status status = emflow_apply_command_stream(stream.data(), stream.size(), network, &error);
  if (status != kOk && error.status != status) __builtin_trap();  // error must be reported

  // Drive whatever was built: 20 simulated seconds, jumping from wake-up to wake-up.
  for (int step = 0; step < 200 && network.isRunning(); ++step) {
    TimeMs next;
    if (network.nextWakeup(&next) && static_cast<int32_t>(next - io.now) > 0 &&
        next - io.now < 20000) {
      io.now = next;
    } else {
      io.now += 100;
    }
    network.run();
  }
  TraceEvent event;
  while (network.popTrace(&event)) {
  }

  if (status == kOk && stream.size() < 1000) {
    std::vector<uint8_t> eeprom(2048, 0xFF);
    MemoryStorage storage(eeprom.data(), static_cast<uint32_t>(eeprom.size()));
    if (emflow_save_graph(storage, stream.data(), static_cast<uint16_t>(stream.size())) != kOk) {
      __builtin_trap();  // a valid stream that fits must be storable
    }
    network.clear();
    if (emflow_load_graph(storage, network, &error) != kOk) __builtin_trap();
  }
  return 0;
}
