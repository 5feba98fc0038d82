// Gate: passes packets only while open. Starts closed, so nothing leaks before the graph
// has decided (NoFlo's Gate does the same).
#ifndef EMFLOW_COMPONENTS_GATE_H
#define EMFLOW_COMPONENTS_GATE_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Gate(COMPONENT, IN, OUT)                                                 \
  COMPONENT("Gate", "pause", "Passes packets from IN to OUT while OPEN is true; starts closed.") \
  IN(in, "all", false, "", "Packets to pass when open")                                          \
  IN(open, "boolean", false, "false", "true opens the gate, false closes it")                    \
  OUT(out, "all", false, "", "Packets that arrived while open")

namespace emflow {

struct Gate : ComponentBase {
  EMFLOW_PORT_ENUMS(Gate)
  bool open;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_open) {
      if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
      open = packet.asBool();
    } else if (open) {
      ctx.send(kOut_out, packet);
    }
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_GATE_H
