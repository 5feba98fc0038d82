// libFuzzer target for the serial link's frame decoder (core/link/frame.*), the first code a
// board runs on every byte a host — or line noise — sends. Input: raw line bytes. Checks:
// no crash or out-of-bounds access (ASan+UBSan), every accepted frame re-encodes to exactly
// the bytes it arrived as (so nothing was accepted with other content), every damaged frame
// carries a reason, and the decoder still decodes a good frame afterwards.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "link/frame.h"

using namespace emflow;

namespace {

std::vector<uint8_t> encode(const LinkFrame& frame) {
  std::vector<uint8_t> out(kLinkMaxEncoded);
  uint16_t written = 0;
  if (encodeLinkFrame(frame.type, frame.sequence, frame.payload, frame.length, out.data(),
                      static_cast<uint16_t>(out.size()), &written) != kOk) {
    std::abort();
  }
  out.resize(written);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FrameDecoder decoder;
  size_t frameStart = 0;  // index after the last delimiter
  for (size_t i = 0; i < size; ++i) {
    const LinkEvent event = decoder.feed(data[i]);
    if (event == kLinkFrameReady) {
      // The accepted frame's encoding (minus its leading delimiter) must be what arrived.
      const std::vector<uint8_t> again = encode(decoder.frame());
      const size_t arrived = i + 1 - frameStart;
      if (again.size() - 1 != arrived) std::abort();
      for (size_t k = 0; k < arrived; ++k) {
        if (again[k + 1] != data[frameStart + k]) std::abort();
      }
    } else if (event == kLinkFrameError && decoder.error() == kOk) {
      std::abort();
    }
    if (data[i] == 0) frameStart = i + 1;
  }
  // Whatever came before, a delimiter and a good frame get through.
  const uint8_t payload[] = {1, 0, 2};
  std::vector<uint8_t> good(kLinkMaxEncoded);
  uint16_t written = 0;
  encodeLinkFrame(0x10, 42, payload, sizeof payload, good.data(),
                  static_cast<uint16_t>(good.size()), &written);
  // (The good frame's leading delimiter may first complete a valid frame the input left
  // unterminated; only the last frame must be the good one.)
  int ready = 0;
  for (uint16_t k = 0; k < written; ++k) {
    if (decoder.feed(good[k]) == kLinkFrameReady) ++ready;
  }
  const LinkFrame& f = decoder.frame();
  if (ready < 1 || f.type != 0x10 || f.sequence != 42 || f.length != 3 || f.payload[1] != 0) {
    std::abort();
  }
  return 0;
}
