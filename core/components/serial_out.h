// SerialOut: writes each packet as one line of text to the serial port ("true", "42",
// "21.50", "[", "]", "bang", "error 7"), so a board can log without a host protocol.
#ifndef EMFLOW_COMPONENTS_SERIAL_OUT_H
#define EMFLOW_COMPONENTS_SERIAL_OUT_H

#include "../runtime/component.h"

#define EMFLOW_DESCRIBE_SerialOut(COMPONENT, IN, OUT)                                            \
  COMPONENT("SerialOut", "terminal", "Writes each packet as a line of text to the serial port.") \
  IN(in, "all", false, "", "Packets to print (floats with 2 decimals)")

namespace emflow {

// Formats a packet as text without stdio (not available on small boards); returns the
// length written to `out` (at most kPacketTextMax bytes, no terminator).
static const uint8_t kPacketTextMax = 16;
uint8_t emflow_format_packet(const Packet& packet, char* out);

struct SerialOut : ComponentBase {
  EMFLOW_PORT_ENUMS(SerialOut)
  void process(Context& ctx, const Packet& packet, uint8_t port) {
    char line[kPacketTextMax + 1];
    uint8_t length = emflow_format_packet(packet, line);
    line[length++] = '\n';
    const Status status = ctx.io().serialWrite(reinterpret_cast<const uint8_t*>(line), length);
    if (status != kOk) ctx.reject(port, status);
  }
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_SERIAL_OUT_H
