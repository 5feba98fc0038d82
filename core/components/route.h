// Route: sends each packet to one element of its array out-port, chosen by ROUTE.
#ifndef EMFLOW_COMPONENTS_ROUTE_H
#define EMFLOW_COMPONENTS_ROUTE_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_Route(COMPONENT, IN, OUT)                                             \
  COMPONENT("Route", "random", "Sends each packet to OUT[ROUTE]; OUT[0] until ROUTE is set.") \
  IN(in, "all", false, "", "Packets to route")                                                \
  IN(route, "int", false, "0", "Index of the out-port connection to use (0..254)")            \
  OUT(out, "all", true, "", "OUT[0], OUT[1], ...: the selected connection gets the packet")

namespace emflow {

struct Route : ComponentBase {
  EMFLOW_PORT_ENUMS(Route)
  uint8_t route;

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_route) {
      const int32_t index = packet.asInt();
      if (!packet.isData() || index < 0 || index >= kNoIndex) {
        return ctx.reject(port, kErrOutOfRange);
      }
      route = static_cast<uint8_t>(index);
    } else {
      ctx.sendIndexed(kOut_out, route, packet);
    }
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_ROUTE_H
