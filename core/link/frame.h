// Frames of the serial link between a host (browser, Node, the CLI) and a board running the
// generic firmware. The format is defined in docs/serial-link.md; this header is its only
// encoder and decoder, used by boards and hosts alike (device code: C++14, no std library,
// no heap).
//
//   on the wire   0x00 | COBS(body) | 0x00
//   body          version (1) | type (1) | sequence (1) | payload (0..kLinkMaxPayload) |
//                 CRC-16/CCITT-FALSE of the bytes before it (2, little-endian)
//
// COBS (consistent overhead byte stuffing) keeps 0x00 out of the encoded body, so 0x00 always
// means "frame boundary": a receiver that joins mid-frame, or a frame cut short by a reset,
// loses only that frame. Senders put 0x00 before AND after each frame so that the frame after
// a cut one is intact. Every damaged frame is reported (never dropped silently); empty frames
// (two zeros in a row) are line idle, not errors.
#ifndef EMFLOW_LINK_FRAME_H
#define EMFLOW_LINK_FRAME_H

#include <stdint.h>

#include "runtime/status.h"

// The largest payload a frame carries. A board's receive buffer is this plus 5 bytes, so the
// Uno keeps it small; a command stream larger than one payload travels in chunks.
#ifndef EMFLOW_LINK_MAX_PAYLOAD
#define EMFLOW_LINK_MAX_PAYLOAD 64
#endif

namespace emflow {

static const uint8_t kLinkVersion = 1;
static const uint8_t kLinkMaxPayload = EMFLOW_LINK_MAX_PAYLOAD;
static const uint8_t kLinkFrameOverhead = 5;  // version, type, sequence, CRC-16
static const uint8_t kLinkMaxBody = kLinkMaxPayload + kLinkFrameOverhead;
// COBS adds one code byte per started run of 254 bytes; plus the two delimiters.
static const uint16_t kLinkMaxEncoded = kLinkMaxBody + (kLinkMaxBody / 254) + 1 + 2;

static_assert(EMFLOW_LINK_MAX_PAYLOAD + 5 <= 250, "a link body must fit in one COBS block");

// A decoded frame. `payload` points into the decoder's buffer: valid until the next feed().
struct LinkFrame {
  uint8_t type;
  uint8_t sequence;
  const uint8_t* payload;
  uint8_t length;
};

enum LinkEvent : uint8_t {
  kLinkNothing,     // byte consumed, no frame finished (or an empty frame: line idle)
  kLinkFrameReady,  // frame() holds a checked frame
  kLinkFrameError,  // a frame ended damaged: error() says why, errorLength() how long it was
};

// Reassembles frames from received bytes, one byte at a time (what a UART interrupt or a
// serial poll loop hands over). Checks, in this order: COBS structure (kErrCorrupt), length
// (kErrOutOfRange when longer than the buffer, kErrTruncated when shorter than a header),
// checksum (kErrBadChecksum) and version (kErrBadVersion). Frame types are not checked here:
// the session layer answers an unknown type with an error frame.
class FrameDecoder {
 public:
  FrameDecoder() { reset(); }
  void reset();
  LinkEvent feed(uint8_t byte);
  const LinkFrame& frame() const { return frame_; }
  Status error() const { return error_; }
  // Encoded bytes the damaged frame had (delimiter excluded), to locate it in a capture.
  uint16_t errorLength() const { return errorLength_; }
  uint16_t framesReceived() const { return framesReceived_; }
  uint16_t framesDamaged() const { return framesDamaged_; }

 private:
  LinkEvent finishFrame();
  LinkEvent fail(Status status);
  uint8_t body_[kLinkMaxBody];
  uint8_t length_;     // decoded body bytes so far
  uint8_t blockLeft_;  // data bytes left in the current COBS block
  bool zeroPending_;   // the current block ends in an implied zero (unless the frame ends)
  bool overflow_;      // the frame outgrew body_: discard it up to the next delimiter
  uint16_t encodedLength_;
  LinkFrame frame_;
  Status error_;
  uint16_t errorLength_;
  uint16_t framesReceived_;
  uint16_t framesDamaged_;
};

// Where an encoded frame goes, one byte at a time (a UART on a board, a buffer on a host).
typedef void (*LinkByteSink)(uint8_t byte, void* context);

// Writes one whole frame (both delimiters) to `sink` without a buffer of its own: the COBS
// code bytes are found by looking ahead in the payload, so a board needs no transmit buffer.
// Returns kErrOutOfRange (and writes nothing) when `length` exceeds kLinkMaxPayload.
Status writeLinkFrame(LinkByteSink sink, void* context, uint8_t type, uint8_t sequence,
                      const uint8_t* payload, uint8_t length);

// Host convenience: the same frame into a caller-owned buffer. *written = bytes used.
// kErrBufferTooSmall when it does not fit (nothing usable is written then).
Status encodeLinkFrame(uint8_t type, uint8_t sequence, const uint8_t* payload, uint8_t length,
                       uint8_t* out, uint16_t capacity, uint16_t* written);

}  // namespace emflow

#endif  // EMFLOW_LINK_FRAME_H
