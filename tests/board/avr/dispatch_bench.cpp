// Cycles per packet dispatch of the runtime on an ATmega328P (tests/bench/board.sh builds this
// with the firmware's flags and runs it on simavr). A chain of Forward nodes, a packet injected
// at its head: every delivery is one dispatch (queue → process() → send → queue). Timer1 runs
// at the CPU clock (prescaler 1) and is read around each Network::run(), so the figure counts
// the same cycles on the simulator as on a real Uno. Prints one line per measurement:
//   "dispatch: <cycles> cycles per packet (<deliveries> deliveries, chain of <n>)"
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>

#include "avr_io.h"
#include "components/forward.h"
#include "runtime/network.h"

namespace {

const uint8_t kChain = 8;    // Forward nodes
const uint8_t kRounds = 50;  // packets sent through the chain

emflow::AvrIO io;
emflow::Network network(io);

}  // namespace

namespace emflow {

// The component table: Forward only.
bool emflow_component_type(ComponentId id, ComponentType* out) {
  if (id != 0) return false;
  const ComponentType forward = EMFLOW_COMPONENT_TYPE(Forward);
  *out = forward;
  return true;
}

}  // namespace emflow

int main() {
  io.begin();
  const emflow::ComponentId kForward = 0;
  for (uint8_t n = 0; n < kChain; ++n) network.addNode(n, kForward);
  for (uint8_t n = 0; n + 1 < kChain; ++n) network.connect(n, 0, static_cast<uint8_t>(n + 1), 0);
  network.start();
  TCCR1A = 0;
  TCCR1B = _BV(CS10);  // Timer1 at 16 MHz
  uint32_t cycles = 0;
  // The chain's last out-port is not connected: its send is reported (counted), not dropped
  // silently, and that report is part of every round's cost.
  for (uint8_t round = 0; round < kRounds; ++round) {
    network.inject(0, 0, emflow::Packet::Int(round));
    const uint16_t start = TCNT1;
    network.run();
    cycles += static_cast<uint16_t>(TCNT1 - start);
  }
  const uint32_t deliveries = network.stats().delivered;
  io.print("dispatch: ");
  io.printNumber(static_cast<int32_t>(cycles / deliveries));
  io.print(" cycles per packet (");
  io.printNumber(static_cast<int32_t>(deliveries));
  io.print(" deliveries, chain of ");
  io.printNumber(kChain);
  io.print(")\n");
  cli();
  sleep_cpu();
}
