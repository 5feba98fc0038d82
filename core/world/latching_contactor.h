// The compressor's power switch as the reference graph wires it: two relay modules on two
// digital pins drive the SET and RESET coils of a bistable (latching) contactor.
//
//   pin 11 ─ relay "turnOn"  ─ SET coil   ┐
//   pin 12 ─ relay "turnOff" ─ RESET coil ┴─ latching contactor ─ compressor
//
// - Relay modules are active-low by default (the common opto-isolated boards energise their
//   coil when the input is LOW); an undriven pin leaves its relay off.
// - SET energised alone closes the contacts, RESET alone opens them, neither keeps the last
//   position (that is what "latching" means: no power is needed to hold it).
// - Both energised at once is a fault: the coils fight, the position stays where it was, and
//   the overlap is counted. BreakBeforeMake exists to make this count zero.
#ifndef EMFLOW_WORLD_LATCHING_CONTACTOR_H
#define EMFLOW_WORLD_LATCHING_CONTACTOR_H

#include <cstdint>

namespace emflow::world {

struct ContactorWiring {
  uint8_t setPin = 11;
  uint8_t resetPin = 12;
  bool relaysActiveLow = true;
};

class LatchingContactor {
 public:
  explicit LatchingContactor(const ContactorWiring& wiring) : wiring_(wiring) {}

  // Called on every digital write; pins other than the two relay pins are ignored.
  void onPinWrite(uint8_t pin, bool level);

  bool closed() const { return closed_; }
  bool setRelayActive() const { return setActive_; }
  bool resetRelayActive() const { return resetActive_; }
  uint32_t overlapCount() const { return overlaps_; }  // times both relays became active
  uint32_t closeCount() const { return closes_; }      // open → closed transitions
  const ContactorWiring& wiring() const { return wiring_; }

  // The position before the first coil pulse (a contactor at rest after installation).
  void setInitiallyClosed(bool closed) { closed_ = closed; }

 private:
  ContactorWiring wiring_;
  bool setActive_ = false;
  bool resetActive_ = false;
  bool closed_ = false;
  uint32_t overlaps_ = 0;
  uint32_t closes_ = 0;
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_LATCHING_CONTACTOR_H
