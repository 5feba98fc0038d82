// Shared shape of components that combine the latest values of two inputs A and B
// (BooleanAnd, BooleanOr, NumberEquals, Compare, Min, Max): each packet on either input
// updates that side and, once both sides have had a value, sends the combination.
// Inputs must be data packets (bool, byte, int, float); anything else is rejected.
#ifndef EMFLOW_COMPONENTS_TWO_INPUTS_H
#define EMFLOW_COMPONENTS_TWO_INPUTS_H

#include "../runtime/component.h"

namespace emflow {

struct TwoInputs {
  float a;
  float b;
  uint8_t seen;  // bit 0: A has had a value, bit 1: B

  // Stores the value; returns true when both sides are known and a result should be sent.
  bool update(Context& ctx, const Packet& packet, uint8_t port) {
    if (!packet.isData()) {
      ctx.reject(port, kErrBadPacket);
      return false;
    }
    if (port == 0) {
      a = packet.asFloat();
    } else {
      b = packet.asFloat();
    }
    seen = static_cast<uint8_t>(seen | (1u << port));
    return seen == 3;
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_TWO_INPUTS_H
