#include "host/graph/suggest.h"

#include <algorithm>
#include <vector>

namespace emflow::graph {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool equalsIgnoreCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

size_t editDistance(const std::string& a, const std::string& b) {
  return boundedEditDistance(a, b, a.size() + b.size());
}

size_t boundedEditDistance(const std::string& a, const std::string& b, size_t bound) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > bound) return bound + 1;
  // Three rolling rows (i-2, i-1, i) instead of the full table: the swap rule looks two back.
  std::vector<size_t> rows(3 * (m + 1));
  size_t* older = rows.data();
  size_t* previous = older + (m + 1);
  size_t* current = previous + (m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = j;
  size_t previousMin = 0;
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    size_t rowMin = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      size_t d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        d = std::min(d, older[j - 2] + 1);
      current[j] = d;
      rowMin = std::min(rowMin, d);
    }
    // Every later cell grows from one of the last two rows: once both exceed the bound, so
    // does the answer.
    if (rowMin > bound && previousMin > bound) return bound + 1;
    previousMin = rowMin;
    size_t* spare = older;
    older = previous;
    previous = current;
    current = spare;
  }
  return std::min(previous[m], bound + 1);
}

std::string nearestName(const std::string& name, const std::vector<std::string>& candidates) {
  size_t limit = std::max<size_t>(1, name.size() / 3);
  std::string best;
  size_t bestDistance = limit + 1;
  for (const std::string& candidate : candidates) {
    // A length difference alone costs that many edits: such names are not typos of each other.
    size_t gap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                : name.size() - candidate.size();
    if (gap >= bestDistance) continue;
    size_t distance = boundedEditDistance(name, candidate, bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

}  // namespace emflow::graph
