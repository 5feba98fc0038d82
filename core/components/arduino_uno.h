// ArduinoUno: the Uno's pin map as a component. When the network starts, each CONNECTED
// out-port sends its pin number once (PIN9 -> 9, A0 -> 14), so graphs name pins instead of
// hard-coding numbers: `board(ArduinoUno) PIN9 -> PIN thermometer()`. A connection added
// while the network runs gets its pin number at the next start.
#ifndef EMFLOW_COMPONENTS_ARDUINO_UNO_H
#define EMFLOW_COMPONENTS_ARDUINO_UNO_H

#include "../runtime/component.h"

// The formatter does not converge on this long macro: keep it laid out by hand.
// clang-format off
#define EMFLOW_UNO_DIGITAL(OUT, n) OUT(pin##n, "int", kPortOptional, "", "Sends " #n " at start")
#define EMFLOW_UNO_ANALOG(OUT, n, pin) \
  OUT(a##n, "int", kPortOptional, "", "Sends " #pin " (analog input A" #n ") at start")

#define EMFLOW_DESCRIBE_ArduinoUno(COMPONENT, IN, OUT)                                       \
  COMPONENT("ArduinoUno", "microchip",                                                       \
            "Arduino Uno pin map: each connected port sends its pin number when the network " \
            "starts (PIN0..PIN19, A0..A5 = 14..19).")                                        \
  EMFLOW_UNO_DIGITAL(OUT, 0)  EMFLOW_UNO_DIGITAL(OUT, 1)  EMFLOW_UNO_DIGITAL(OUT, 2)         \
  EMFLOW_UNO_DIGITAL(OUT, 3)  EMFLOW_UNO_DIGITAL(OUT, 4)  EMFLOW_UNO_DIGITAL(OUT, 5)         \
  EMFLOW_UNO_DIGITAL(OUT, 6)  EMFLOW_UNO_DIGITAL(OUT, 7)  EMFLOW_UNO_DIGITAL(OUT, 8)         \
  EMFLOW_UNO_DIGITAL(OUT, 9)  EMFLOW_UNO_DIGITAL(OUT, 10) EMFLOW_UNO_DIGITAL(OUT, 11)        \
  EMFLOW_UNO_DIGITAL(OUT, 12) EMFLOW_UNO_DIGITAL(OUT, 13) EMFLOW_UNO_DIGITAL(OUT, 14)        \
  EMFLOW_UNO_DIGITAL(OUT, 15) EMFLOW_UNO_DIGITAL(OUT, 16) EMFLOW_UNO_DIGITAL(OUT, 17)        \
  EMFLOW_UNO_DIGITAL(OUT, 18) EMFLOW_UNO_DIGITAL(OUT, 19)                                    \
  EMFLOW_UNO_ANALOG(OUT, 0, 14) EMFLOW_UNO_ANALOG(OUT, 1, 15) EMFLOW_UNO_ANALOG(OUT, 2, 16)  \
  EMFLOW_UNO_ANALOG(OUT, 3, 17) EMFLOW_UNO_ANALOG(OUT, 4, 18) EMFLOW_UNO_ANALOG(OUT, 5, 19)
// clang-format on

namespace emflow {

struct ArduinoUno : ComponentBase {
  EMFLOW_PORT_ENUMS(ArduinoUno)
  static uint8_t pinOf(uint8_t port) {
    return port < kOut_a0 ? port : static_cast<uint8_t>(14 + (port - kOut_a0));
  }
  void start(Context& ctx) {
    for (uint8_t port = 0; port < kOutCount; ++port) {
      if (ctx.isConnected(port)) ctx.send(port, Packet::Int(pinOf(port)));
    }
  }
  void process(Context&, const Packet&, uint8_t) {}  // no in-ports
};

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_ARDUINO_UNO_H
