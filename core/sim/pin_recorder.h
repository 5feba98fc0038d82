// Records what a world puts on a board's input pins, millisecond by millisecond, as a CSV the
// replay world reads back (time_ms, then one column per pin; a row whenever a value changes,
// each holding until the next — the replay world's sample-and-hold). A graph replayed from it
// reads, at every instant, exactly what it read from the live world.
#ifndef EMFLOW_SIM_PIN_RECORDER_H
#define EMFLOW_SIM_PIN_RECORDER_H

#include <string>
#include <vector>

#include "sim/world_registry.h"

namespace emflow::sim {

// `pins`: "A0".."A5" (ADC counts) and "D0".."D19" (levels). False with why for an unknown
// world or pin, or a world that cannot be made.
bool recordPins(const std::string& world, const WorldParams& params,
                const std::vector<std::string>& pins, TimeMs durationMs, std::string* csv,
                std::string* error);

}  // namespace emflow::sim

#endif  // EMFLOW_SIM_PIN_RECORDER_H
