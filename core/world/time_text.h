// Durations as people type them: "750ms", "30s", "15m", "24h", "2d", or combined "1h30m".
// A bare number is seconds. Used by `emflow run` and the door schedule.
#ifndef EMFLOW_WORLD_TIME_TEXT_H
#define EMFLOW_WORLD_TIME_TEXT_H

#include <cstdint>
#include <string>

namespace emflow::world {

// Parses `text` into milliseconds. On failure returns false and sets `error` to a message
// naming the offending character position.
bool parseDuration(const std::string& text, uint64_t* ms, std::string* error);

// "1d 02:03:04.005"-style text of a time in ms, for summaries.
std::string formatDuration(uint64_t ms);

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_TIME_TEXT_H
