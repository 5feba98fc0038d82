// The serial link's frame decoder on the board itself: one program, built natively (g++) and
// for the ATmega328P (avr-g++ 5.4, run on simavr) by tests/firmware/link_check.sh, which
// requires the two outputs to be identical. It plays line scenarios through writeLinkFrame
// and FrameDecoder — good frames, a frame cut at every byte, every single-bit flip, a flood —
// and prints one line per scenario with what the decoder reported, so an AVR-only difference
// (16-bit int, 8-bit arithmetic, avr-g++'s optimizer) shows up as a diff line.
#include <stdint.h>

#include "link/frame.h"

#ifdef __AVR__
#include <avr/interrupt.h>
#include <avr/sleep.h>

#include "uart0.h"
namespace {
void print(const char* text) {
  emflow::uart0::print(text);
}
void printNumber(int32_t value) {
  emflow::uart0::printNumber(value);
}
}  // namespace
#else
#include <stdio.h>
namespace {
void print(const char* text) {
  fputs(text, stdout);
}
void printNumber(int32_t value) {
  printf("%ld", static_cast<long>(value));
}
}  // namespace
#endif

using namespace emflow;

namespace {

// Tallies what the decoder reports for the bytes fed to it.
struct Tally {
  FrameDecoder decoder;
  uint16_t frames;
  uint16_t errors[kStatusCount];
  uint16_t checksum;  // a running sum over accepted frames' type, sequence and payload
  void clear() {
    decoder.reset();
    frames = 0;
    checksum = 0;
    for (uint8_t i = 0; i < kStatusCount; ++i) errors[i] = 0;
  }
  void feed(uint8_t byte) {
    const LinkEvent event = decoder.feed(byte);
    if (event == kLinkFrameReady) {
      const LinkFrame& f = decoder.frame();
      ++frames;
      checksum = static_cast<uint16_t>(checksum * 31 + f.type + f.sequence);
      for (uint8_t i = 0; i < f.length; ++i) {
        checksum = static_cast<uint16_t>(checksum * 31 + f.payload[i]);
      }
    } else if (event == kLinkFrameError) {
      ++errors[decoder.error()];
    }
  }
};

Tally tally;

void feedToTally(uint8_t byte, void*) {
  tally.feed(byte);
}

struct Encoded {
  uint8_t bytes[kLinkMaxEncoded];
  uint16_t length;
};

void makePayload(uint8_t kind, uint8_t* payload, uint8_t* length) {
  *length = kind == 0 ? 0 : static_cast<uint8_t>((kind * 13) % (kLinkMaxPayload + 1));
  for (uint8_t i = 0; i < *length; ++i) {
    payload[i] = (i + kind) % 4 == 0 ? 0 : static_cast<uint8_t>(i * 7 + kind);
  }
}

void encode(uint8_t kind, Encoded* out) {
  uint8_t payload[kLinkMaxPayload];
  uint8_t length = 0;
  makePayload(kind, payload, &length);
  encodeLinkFrame(static_cast<uint8_t>(0x40 + kind), kind, payload, length, out->bytes,
                  sizeof out->bytes, &out->length);
}

void report(const char* name) {
  print(name);
  print(": frames ");
  printNumber(tally.frames);
  for (uint8_t i = 0; i < kStatusCount; ++i) {
    if (tally.errors[i] == 0) continue;
    print(" status");
    printNumber(i);
    print("=");
    printNumber(tally.errors[i]);
  }
  print(" sum ");
  printNumber(tally.checksum);
  print("\n");
}

void run() {
  print("emflow link selftest, max payload ");
  printNumber(kLinkMaxPayload);
  print("\n");

  tally.clear();
  for (uint8_t kind = 0; kind < 12; ++kind) {
    uint8_t payload[kLinkMaxPayload];
    uint8_t length = 0;
    makePayload(kind, payload, &length);
    writeLinkFrame(feedToTally, 0, static_cast<uint8_t>(0x40 + kind), kind, payload, length);
  }
  report("good frames");

  // Each frame cut at every byte, each cut followed by a good frame.
  tally.clear();
  Encoded next, frame;
  encode(1, &next);
  for (uint8_t kind = 0; kind < 12; ++kind) {
    encode(kind, &frame);
    for (uint16_t cut = 0; cut + 1 < frame.length; ++cut) {
      for (uint16_t i = 0; i < cut; ++i) tally.feed(frame.bytes[i]);
      for (uint16_t i = 0; i < next.length; ++i) tally.feed(next.bytes[i]);
    }
  }
  report("cut frames");

  // Every single-bit flip of each frame, each followed by a good frame.
  tally.clear();
  for (uint8_t kind = 0; kind < 12; kind = static_cast<uint8_t>(kind + 3)) {
    encode(kind, &frame);
    for (uint16_t i = 0; i < frame.length; ++i) {
      for (uint8_t bit = 0; bit < 8; ++bit) {
        for (uint16_t k = 0; k < frame.length; ++k) {
          const uint8_t flip = k == i ? static_cast<uint8_t>(1 << bit) : 0;
          tally.feed(static_cast<uint8_t>(frame.bytes[k] ^ flip));
        }
        for (uint16_t k = 0; k < next.length; ++k) tally.feed(next.bytes[k]);
      }
    }
  }
  report("bit flips");

  // A flood longer than any frame, then a good frame.
  tally.clear();
  tally.feed(0);
  for (uint16_t i = 0; i < 1000; ++i) tally.feed(static_cast<uint8_t>(i % 255 + 1));
  for (uint16_t i = 0; i < next.length; ++i) tally.feed(next.bytes[i]);
  report("flood");
  print("done\n");
}

}  // namespace

#ifdef __AVR__
int main() {
  uart0::begin();
  run();
  cli();
  sleep_cpu();  // with interrupts off: simavr ends the run here
  for (;;) {
  }
}
#else
int main() {
  run();
  return 0;
}
#endif
