#include "link/frame.h"

#include "runtime/crc16.h"
#include "runtime/little_endian.h"

namespace emflow {

namespace {

const uint8_t kHeaderSize = 3;  // version, type, sequence
const uint8_t kCobsBlockMax = 0xFF;

// The body being encoded, seen as one byte sequence without copying it anywhere.
struct BodyView {
  uint8_t header[kHeaderSize];
  const uint8_t* payload;
  uint8_t length;
  uint8_t crc[2];
  uint8_t size() const { return static_cast<uint8_t>(kHeaderSize + length + 2); }
  uint8_t at(uint8_t i) const {
    if (i < kHeaderSize) return header[i];
    i = static_cast<uint8_t>(i - kHeaderSize);
    if (i < length) return payload[i];
    return crc[i - length];
  }
};

struct BufferSink {
  uint8_t* out;
  uint16_t capacity;
  uint16_t used;
};

void putInBuffer(uint8_t byte, void* context) {
  BufferSink* sink = static_cast<BufferSink*>(context);
  if (sink->used < sink->capacity) sink->out[sink->used] = byte;
  ++sink->used;  // counts past the end so the caller sees the overflow
}

}  // namespace

void FrameDecoder::reset() {
  length_ = 0;
  blockLeft_ = 0;
  zeroPending_ = false;
  overflow_ = false;
  encodedLength_ = 0;
  frame_.type = 0;
  frame_.sequence = 0;
  frame_.payload = body_;
  frame_.length = 0;
  error_ = kOk;
  errorLength_ = 0;
  framesReceived_ = 0;
  framesDamaged_ = 0;
}

LinkEvent FrameDecoder::fail(Status status) {
  error_ = status;
  errorLength_ = encodedLength_;
  ++framesDamaged_;
  length_ = 0;
  blockLeft_ = 0;
  zeroPending_ = false;
  overflow_ = false;
  encodedLength_ = 0;
  return kLinkFrameError;
}

LinkEvent FrameDecoder::feed(uint8_t byte) {
  if (byte == 0) return finishFrame();
  if (encodedLength_ < 0xFFFF) ++encodedLength_;
  if (overflow_) return kLinkNothing;  // reported once, at the delimiter
  if (blockLeft_ == 0) {
    // A code byte: the previous block's implied zero (if any) is now known to be data.
    if (zeroPending_) {
      if (length_ >= kLinkMaxBody) {
        overflow_ = true;
        return kLinkNothing;
      }
      body_[length_++] = 0;
    }
    blockLeft_ = static_cast<uint8_t>(byte - 1);
    zeroPending_ = byte != kCobsBlockMax;
    return kLinkNothing;
  }
  if (length_ >= kLinkMaxBody) {
    overflow_ = true;
    return kLinkNothing;
  }
  body_[length_++] = byte;
  --blockLeft_;
  return kLinkNothing;
}

LinkEvent FrameDecoder::finishFrame() {
  if (encodedLength_ == 0) return kLinkNothing;  // idle line or the leading delimiter
  if (overflow_) return fail(kErrOutOfRange);
  // A delimiter inside a block: the sender was cut off mid-frame (or a byte was lost).
  if (blockLeft_ != 0) return fail(kErrCorrupt);
  if (length_ < kLinkFrameOverhead) return fail(kErrTruncated);
  const uint8_t dataLength = static_cast<uint8_t>(length_ - 2);
  const uint16_t expected = readLe16(body_ + dataLength);
  if (emflow_crc16(kCrc16Init, body_, dataLength) != expected) return fail(kErrBadChecksum);
  if (body_[0] != kLinkVersion) return fail(kErrBadVersion);
  frame_.type = body_[1];
  frame_.sequence = body_[2];
  frame_.payload = body_ + kHeaderSize;
  frame_.length = static_cast<uint8_t>(dataLength - kHeaderSize);
  ++framesReceived_;
  length_ = 0;
  blockLeft_ = 0;
  zeroPending_ = false;
  encodedLength_ = 0;
  return kLinkFrameReady;
}

Status writeLinkFrame(LinkByteSink sink, void* context, uint8_t type, uint8_t sequence,
                      const uint8_t* payload, uint8_t length) {
  if (length > kLinkMaxPayload) return kErrOutOfRange;
  BodyView body;
  body.header[0] = kLinkVersion;
  body.header[1] = type;
  body.header[2] = sequence;
  body.payload = payload;
  body.length = length;
  uint16_t crc = emflow_crc16(kCrc16Init, body.header, kHeaderSize);
  crc = emflow_crc16(crc, payload, length);
  writeLe16(crc, body.crc);

  sink(0, context);
  // COBS: each block is a code byte (distance to the next zero, or to the end, plus one)
  // followed by the non-zero bytes before that zero. The body is shorter than one full
  // block (static_assert in frame.h), so no 0xFF blocks arise.
  const uint8_t size = body.size();
  uint8_t start = 0;
  for (;;) {
    uint8_t end = start;
    while (end < size && body.at(end) != 0) ++end;
    sink(static_cast<uint8_t>(end - start + 1), context);
    for (uint8_t i = start; i < end; ++i) sink(body.at(i), context);
    if (end >= size) break;
    start = static_cast<uint8_t>(end + 1);  // skip the zero the code byte stands for
  }
  sink(0, context);
  return kOk;
}

Status encodeLinkFrame(uint8_t type, uint8_t sequence, const uint8_t* payload, uint8_t length,
                       uint8_t* out, uint16_t capacity, uint16_t* written) {
  BufferSink sink = {out, capacity, 0};
  const Status status = writeLinkFrame(putInBuffer, &sink, type, sequence, payload, length);
  *written = status == kOk && sink.used <= capacity ? sink.used : 0;
  if (status != kOk) return status;
  return sink.used <= capacity ? kOk : kErrBufferTooSmall;
}

}  // namespace emflow
