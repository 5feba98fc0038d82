#include "time_text.h"

#include <cctype>
#include <cstdio>

namespace emflow::world {

namespace {

uint64_t unitMs(const std::string& unit) {
  if (unit == "ms") return 1;
  if (unit == "s" || unit.empty()) return 1000;
  if (unit == "m" || unit == "min") return 60 * 1000;
  if (unit == "h") return 3600 * 1000;
  if (unit == "d") return 24 * 3600 * 1000;
  return 0;
}

}  // namespace

bool parseDuration(const std::string& text, uint64_t* ms, std::string* error) {
  if (text.empty()) {
    *error = "empty duration (expected e.g. 30s, 15m, 24h, 2d)";
    return false;
  }
  const uint64_t kMaxMs = 1000ull * 3600 * 24 * 366 * 100;  // a century is enough
  uint64_t total = 0;
  size_t i = 0;
  while (i < text.size()) {
    const size_t numberStart = i;
    uint64_t value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      value = value * 10 + static_cast<uint64_t>(text[i] - '0');
      if (value > kMaxMs) {
        *error = "duration '" + text + "' is too long";
        return false;
      }
      ++i;
    }
    if (i == numberStart) {
      *error = "expected a number at position " + std::to_string(i + 1) + " of '" + text + "'";
      return false;
    }
    const size_t unitStart = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string unit = text.substr(unitStart, i - unitStart);
    const uint64_t factor = unitMs(unit);
    if (factor == 0) {
      *error = "unknown time unit '" + unit + "' at position " + std::to_string(unitStart + 1) +
               " of '" + text + "' (use ms, s, m, h or d)";
      return false;
    }
    total += value * factor;
    if (total > kMaxMs) {
      *error = "duration '" + text + "' is too long";
      return false;
    }
  }
  *ms = total;
  return true;
}

std::string formatDuration(uint64_t ms) {
  char buffer[48];
  const uint64_t days = ms / (24ull * 3600 * 1000);
  ms %= 24ull * 3600 * 1000;
  std::snprintf(
      buffer, sizeof buffer, "%llud %02llu:%02llu:%02llu.%03llu",
      static_cast<unsigned long long>(days), static_cast<unsigned long long>(ms / 3600000),
      static_cast<unsigned long long>(ms / 60000 % 60),
      static_cast<unsigned long long>(ms / 1000 % 60), static_cast<unsigned long long>(ms % 1000));
  return buffer;
}

}  // namespace emflow::world
