#include "latching_contactor.h"

namespace emflow::world {

void LatchingContactor::onPinWrite(uint8_t pin, bool level) {
  const bool active = wiring_.relaysActiveLow ? !level : level;
  const bool wasOverlapping = setActive_ && resetActive_;
  if (pin == wiring_.setPin) {
    setActive_ = active;
  } else if (pin == wiring_.resetPin) {
    resetActive_ = active;
  } else {
    return;
  }
  if (setActive_ && resetActive_) {
    if (!wasOverlapping) ++overlaps_;
    return;  // coils fighting: the armature stays where it was
  }
  if (setActive_ && !closed_) {
    closed_ = true;
    ++closes_;
  } else if (resetActive_) {
    closed_ = false;
  }
}

}  // namespace emflow::world
