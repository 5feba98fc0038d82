// MapLinear: maps a value linearly from one range to another (Arduino's map(), in float, not
// clamped: combine with Constrain to clamp).
#ifndef EMFLOW_COMPONENTS_MAP_LINEAR_H
#define EMFLOW_COMPONENTS_MAP_LINEAR_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_MapLinear(COMPONENT, IN, OUT)                                            \
  COMPONENT("MapLinear", "line-chart",                                                           \
            "Maps IN linearly from [INMIN, INMAX] to [OUTMIN, OUTMAX] (not clamped).")           \
  IN(in, "number", false, "", "Value to map")                                                    \
  IN(inmin, "number", false, "0", "Input value that maps to OUTMIN")                             \
  IN(inmax, "number", false, "1023", "Input value that maps to OUTMAX (must differ from INMIN)") \
  IN(outmin, "number", false, "0", "Output for INMIN")                                           \
  IN(outmax, "number", false, "255", "Output for INMAX")                                         \
  OUT(out, "number", false, "", "The mapped value; an error packet if INMIN == INMAX")

namespace emflow {

struct MapLinear : ComponentBase {
  EMFLOW_PORT_ENUMS(MapLinear)
  float range[4];  // inmin, inmax, outmin, outmax (in-port order 1..4)

  void start(Context&) {
    range[1] = 1023.0f;
    range[3] = 255.0f;
  }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    if (port != kIn_in) {
      range[port - kIn_inmin] = packet.asFloat();
      return;
    }
    const float span = range[1] - range[0];
    if (span == 0.0f) {
      ctx.send(kOut_out, Packet::Error(kErrOutOfRange));
      return;
    }
    const float x = packet.asFloat();
    ctx.send(kOut_out, Packet::Float(range[2] + (x - range[0]) * (range[3] - range[2]) / span));
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_MAP_LINEAR_H
