// "Did you mean ...?" for names typed in graphs: the closest candidate by edit distance,
// case-insensitive, if it is close enough to be a plausible typo.
#ifndef EMFLOW_HOST_COMPILE_SUGGEST_H
#define EMFLOW_HOST_COMPILE_SUGGEST_H

#include <string>
#include <vector>

namespace emflow::compile {

// Empty when nothing is within max(1, length/3) edits.
std::string closestName(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace emflow::compile

#endif  // EMFLOW_HOST_COMPILE_SUGGEST_H
