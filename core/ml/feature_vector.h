// Collects a feature vector that arrives as a bracketed sequence of packets
// (BracketOpen, one number per feature, BracketClose) — the form the window/feature component
// emits and the model components consume.
#ifndef EMFLOW_ML_FEATURE_VECTOR_H
#define EMFLOW_ML_FEATURE_VECTOR_H

#include <stdint.h>

#include "runtime/packet.h"

namespace emflow {

#ifndef EMFLOW_MODEL_MAX_FEATURES
#if defined(__AVR__)
#define EMFLOW_MODEL_MAX_FEATURES 8
#else
#define EMFLOW_MODEL_MAX_FEATURES 32
#endif
#endif

struct FeatureVector {
  float values[EMFLOW_MODEL_MAX_FEATURES];
  uint8_t count;
  bool open;      // between BracketOpen and BracketClose
  bool overflow;  // more values than EMFLOW_MODEL_MAX_FEATURES in this vector

  enum Event : uint8_t { kPending, kComplete, kError };

  // Feeds one packet. kComplete when a whole vector has arrived (values[0..count)),
  // kError (with *why) for a packet out of sequence or a vector too long; kPending otherwise.
  Event feed(const Packet& packet, Status* why) {
    if (packet.type == kPacketBracketOpen) {
      count = 0;
      open = true;
      overflow = false;
      return kPending;
    }
    if (!open) {
      *why = kErrBadPacket;  // a number or a close outside a vector
      return kError;
    }
    if (packet.type == kPacketBracketClose) {
      open = false;
      if (!overflow) return kComplete;
      *why = kErrOutOfRange;
      return kError;
    }
    if (!packet.isData()) {
      open = false;
      *why = kErrBadPacket;
      return kError;
    }
    if (count == EMFLOW_MODEL_MAX_FEATURES) {
      overflow = true;
      return kPending;
    }
    values[count++] = packet.asFloat();
    return kPending;
  }
};

}  // namespace emflow

#endif  // EMFLOW_ML_FEATURE_VECTOR_H
