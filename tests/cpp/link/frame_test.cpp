// The serial link's frame layer (core/link/frame.*): round trips, and what a noisy or cut
// line does to it. The promise under test: a damaged frame is reported, never accepted with
// other content, and never takes the next frame down with it.
#include "link/frame.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/crc16.h"

using namespace emflow;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes encode(uint8_t type, uint8_t sequence, const Bytes& payload) {
  Bytes out(kLinkMaxEncoded);
  uint16_t written = 0;
  EXPECT_EQ(encodeLinkFrame(type, sequence, payload.data(), static_cast<uint8_t>(payload.size()),
                            out.data(), static_cast<uint16_t>(out.size()), &written),
            kOk);
  out.resize(written);
  return out;
}

struct Decoded {
  uint8_t type;
  uint8_t sequence;
  Bytes payload;
  bool operator==(const Decoded& o) const {
    return type == o.type && sequence == o.sequence && payload == o.payload;
  }
};

struct Outcome {
  std::vector<Decoded> frames;
  std::vector<Status> errors;
};

Outcome feedAll(FrameDecoder& decoder, const Bytes& bytes) {
  Outcome outcome;
  for (uint8_t byte : bytes) {
    const LinkEvent event = decoder.feed(byte);
    if (event == kLinkFrameReady) {
      const LinkFrame& f = decoder.frame();
      outcome.frames.push_back({f.type, f.sequence, Bytes(f.payload, f.payload + f.length)});
    } else if (event == kLinkFrameError) {
      outcome.errors.push_back(decoder.error());
    }
  }
  return outcome;
}

// Payloads that exercise COBS: no zeros, all zeros, zeros at both ends, every byte value.
std::vector<Bytes> samplePayloads() {
  std::vector<Bytes> payloads = {{}, {0}, {0, 0, 0}, {1, 2, 3}, {0, 1, 0, 2, 0}, {0xFF, 0, 0xFF}};
  Bytes ramp, zeros(kLinkMaxPayload, 0), full;
  for (int i = 0; i < kLinkMaxPayload; ++i) ramp.push_back(static_cast<uint8_t>(i * 37 + 1));
  for (int i = 0; i < kLinkMaxPayload; ++i) full.push_back(static_cast<uint8_t>(i % 3 ? i : 0));
  payloads.push_back(ramp);
  payloads.push_back(zeros);
  payloads.push_back(full);
  return payloads;
}

}  // namespace

TEST(LinkFrame, EncodedFramesContainZeroOnlyAsDelimiters) {
  for (const Bytes& payload : samplePayloads()) {
    const Bytes wire = encode(0x12, 7, payload);
    ASSERT_GE(wire.size(), 2u);
    EXPECT_EQ(wire.front(), 0);
    EXPECT_EQ(wire.back(), 0);
    for (size_t i = 1; i + 1 < wire.size(); ++i) EXPECT_NE(wire[i], 0) << "byte " << i;
    EXPECT_LE(wire.size(), kLinkMaxEncoded);
  }
}

TEST(LinkFrame, RoundTripsEveryPayload) {
  FrameDecoder decoder;
  uint8_t sequence = 0;
  for (const Bytes& payload : samplePayloads()) {
    const Outcome out = feedAll(decoder, encode(0x41, sequence, payload));
    ASSERT_TRUE(out.errors.empty());
    ASSERT_EQ(out.frames.size(), 1u);
    EXPECT_EQ(out.frames[0], (Decoded{0x41, sequence, payload}));
    ++sequence;
  }
  EXPECT_EQ(decoder.framesReceived(), sequence);
  EXPECT_EQ(decoder.framesDamaged(), 0);
}

TEST(LinkFrame, BodyIsVersionTypeSequencePayloadAndCrc) {
  // The documented layout, decoded by hand: COBS of {1, 0x05, 9, 0xAA, crc lo, crc hi}.
  const Bytes wire = encode(0x05, 9, {0xAA});
  const uint8_t data[] = {kLinkVersion, 0x05, 9, 0xAA};
  const uint16_t crc = emflow_crc16(kCrc16Init, data, sizeof data);
  Bytes body = {data[0],
                data[1],
                data[2],
                data[3],
                static_cast<uint8_t>(crc & 0xFF),
                static_cast<uint8_t>(crc >> 8)};
  ASSERT_TRUE(body[4] != 0 && body[5] != 0) << "pick another sample: this one has no zero";
  const Bytes expected = {0, 7, body[0], body[1], body[2], body[3], body[4], body[5], 0};
  EXPECT_EQ(wire, expected);
}

TEST(LinkFrame, RefusesOversizedPayloadAndSmallBuffers) {
  Bytes big(kLinkMaxPayload + 1, 1);
  uint8_t out[300];
  uint16_t written = 99;
  EXPECT_EQ(encodeLinkFrame(1, 0, big.data(), static_cast<uint8_t>(big.size()), out, sizeof out,
                            &written),
            kErrOutOfRange);
  EXPECT_EQ(written, 0);
  EXPECT_EQ(encodeLinkFrame(1, 0, big.data(), 10, out, 5, &written), kErrBufferTooSmall);
  EXPECT_EQ(written, 0);
}

TEST(LinkFrame, IdleZerosAreNotFrames) {
  FrameDecoder decoder;
  const Outcome out = feedAll(decoder, Bytes(20, 0));
  EXPECT_TRUE(out.frames.empty());
  EXPECT_TRUE(out.errors.empty());
}

TEST(LinkFrame, ReportsEachKindOfDamage) {
  FrameDecoder decoder;
  // Delimiter inside a COBS block: the sender was cut off.
  EXPECT_EQ(feedAll(decoder, {0, 5, 1, 2, 0}).errors, std::vector<Status>{kErrCorrupt});
  // Too short for version, type, sequence and CRC.
  EXPECT_EQ(feedAll(decoder, {0, 3, 1, 2, 0}).errors, std::vector<Status>{kErrTruncated});
  // Longer than any frame: discarded up to the delimiter, reported once.
  Bytes flood(1000, 0x42);
  flood.insert(flood.begin(), 0);
  flood.push_back(0);
  const Outcome out = feedAll(decoder, flood);
  EXPECT_EQ(out.errors, std::vector<Status>{kErrOutOfRange});
  EXPECT_EQ(decoder.errorLength(), 1000);
  // A wrong checksum, and a right checksum over a wrong version.
  Bytes wire = encode(1, 1, {1, 2, 3});
  wire[5] ^= wire[5] == 1 ? 2 : 1;  // a flip that keeps the byte non-zero
  EXPECT_EQ(feedAll(decoder, wire).errors, std::vector<Status>{kErrBadChecksum});
  const uint8_t v2[] = {2, 1, 1};
  const uint16_t crc = emflow_crc16(kCrc16Init, v2, 3);
  const Bytes v2Wire = {
      0, 6, 2, 1, 1, static_cast<uint8_t>(crc & 0xFF), static_cast<uint8_t>(crc >> 8), 0};
  ASSERT_TRUE((crc & 0xFF) != 0 && (crc >> 8) != 0);
  EXPECT_EQ(feedAll(decoder, v2Wire).errors, std::vector<Status>{kErrBadVersion});
  EXPECT_EQ(decoder.framesDamaged(), 5);
  // And the decoder still works afterwards.
  EXPECT_EQ(feedAll(decoder, encode(3, 4, {0, 5})).frames.size(), 1u);
}

// A frame cut at every possible byte, followed by a whole frame: the cut frame is reported
// (or, cut before its first byte, is nothing at all) and the next frame arrives intact.
TEST(LinkFrame, FrameCutAtEveryByteNeverTakesTheNextOneDown) {
  const Bytes next = encode(0x02, 200, {9, 0, 8});
  int cuts = 0;
  for (const Bytes& payload : samplePayloads()) {
    const Bytes wire = encode(0x03, 1, payload);
    for (size_t cut = 0; cut + 1 < wire.size(); ++cut) {
      FrameDecoder decoder;
      Bytes line(wire.begin(), wire.begin() + static_cast<long>(cut));
      line.insert(line.end(), next.begin(), next.end());
      const Outcome out = feedAll(decoder, line);
      ASSERT_EQ(out.frames.size(), 1u) << "cut at " << cut;
      EXPECT_EQ(out.frames[0], (Decoded{0x02, 200, {9, 0, 8}}));
      EXPECT_EQ(out.errors.size(), cut > 1 ? 1u : 0u) << "cut at " << cut;
      ++cuts;
    }
  }
  EXPECT_GT(cuts, 200);
}

// Every single-bit flip of every sample frame: never a frame with other content accepted, and
// the frame after it always arrives.
TEST(LinkFrame, EverySingleBitFlipIsCaught) {
  const Bytes next = encode(0x44, 77, {1, 2, 3, 4});
  int flips = 0;
  for (const Bytes& payload : samplePayloads()) {
    const Bytes wire = encode(0x03, 5, payload);
    const Decoded original{0x03, 5, payload};
    for (size_t i = 0; i < wire.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        Bytes line = wire;
        line[i] = static_cast<uint8_t>(line[i] ^ (1 << bit));
        line.insert(line.end(), next.begin(), next.end());
        FrameDecoder decoder;
        const Outcome out = feedAll(decoder, line);
        ++flips;
        ASSERT_FALSE(out.frames.empty()) << "byte " << i << " bit " << bit;
        EXPECT_EQ(out.frames.back(), (Decoded{0x44, 77, {1, 2, 3, 4}}))
            << "byte " << i << " bit " << bit;
        for (size_t f = 0; f + 1 < out.frames.size(); ++f) {
          // A flip in a delimiter may leave the original frame intact; nothing else passes.
          EXPECT_EQ(out.frames[f], original) << "byte " << i << " bit " << bit;
        }
        if (out.frames.size() == 1) {
          EXPECT_FALSE(out.errors.empty()) << "byte " << i << " bit " << bit << ": silent drop";
        }
      }
    }
  }
  EXPECT_GT(flips, 2000);
}

TEST(LinkFrame, BackToBackFramesShareDelimiters) {
  // Senders put 0x00 on both sides; two frames in a row then have "00 00" between them.
  FrameDecoder decoder;
  Bytes line;
  for (uint8_t s = 0; s < 50; ++s) {
    const Bytes wire = encode(0x10, s, {s, 0, s});
    line.insert(line.end(), wire.begin(), wire.end());
  }
  const Outcome out = feedAll(decoder, line);
  ASSERT_EQ(out.frames.size(), 50u);
  for (uint8_t s = 0; s < 50; ++s) EXPECT_EQ(out.frames[s], (Decoded{0x10, s, {s, 0, s}}));
  EXPECT_TRUE(out.errors.empty());
}
