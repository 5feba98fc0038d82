// The one virtual clock loop (clock.h).
#include "sim/clock.h"

namespace emflow::sim {

bool Clock::settle(std::string* error) {
  TraceEvent ignored;
  for (uint32_t runs = 0; runs < maxRuns_; ++runs) {
    if (!network_.isRunning()) return true;
    const Status status = network_.run();
    if (popTraces_) {
      while (network_.popTrace(&ignored)) {
      }
    }
    TimeMs due;
    const bool wakeDue = network_.nextWakeup(&due) && due <= io_.timeMs();
    if (status == kOk && !wakeDue) return true;
  }
  *error = "the network did not become idle at t=" + std::to_string(io_.timeMs()) + " ms after " +
           std::to_string(maxRuns_) +
           " runs (a packet cycle, or a node waking itself at the same time forever)";
  return false;
}

bool Clock::runUntil(TimeMs untilMs, std::string* error) {
  if (!settle(error)) return false;
  for (;;) {
    const TimeMs now = io_.timeMs();
    const bool sampling = everyMs_ > 0 && sample_;
    if (sampling && now >= nextSampleMs_) {
      sample_();
      nextSampleMs_ = now + everyMs_;
    }
    if (now >= untilMs) return true;
    TimeMs next = sampling && nextSampleMs_ < untilMs ? nextSampleMs_ : untilMs;
    TimeMs wake;
    if (network_.isRunning() && network_.nextWakeup(&wake) && wake < next)
      next = wake > now ? wake : now;
    io_.advanceTo(next);
    if (!settle(error)) return false;
  }
}

bool Clock::runToWakeups(TimeMs untilMs, const std::function<bool()>& done, std::string* error) {
  if (!settle(error)) return false;
  while (network_.isRunning() && !done()) {
    TimeMs wake;
    if (!network_.nextWakeup(&wake) || wake > untilMs) return true;
    io_.advanceTo(wake);
    if (!settle(error)) return false;
  }
  return true;
}

}  // namespace emflow::sim
