// "Did you mean ...?": the nearest name by edit distance, for error messages.
#ifndef EMFLOW_HOST_GRAPH_SUGGEST_H
#define EMFLOW_HOST_GRAPH_SUGGEST_H

#include <string>
#include <vector>

namespace emflow::graph {

bool equalsIgnoreCase(const std::string& a, const std::string& b);

// Optimal string alignment distance (insertions, deletions, substitutions and swaps of two
// neighbouring characters), ignoring case.
size_t editDistance(const std::string& a, const std::string& b);

// The same distance when it is at most `bound`, otherwise bound + 1 (stops early: suggestions
// only care about close names, and hostile graphs bring many long unknown ones).
size_t boundedEditDistance(const std::string& a, const std::string& b, size_t bound);

// The candidate closest to `name`, if it is close enough to be a plausible typo (at most a
// third of the name's length, and at least 1, edits); empty otherwise.
std::string nearestName(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_SUGGEST_H
