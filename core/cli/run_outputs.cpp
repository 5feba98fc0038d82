// Opening and closing the output files of `emflow run` (run_outputs.h).
#include "run_outputs.h"

#include <cstdio>

namespace emflow::cli {

bool openRunOutput(const std::string& path, std::ofstream* file) {
  if (path.empty()) return true;
  file->open(path, std::ios::binary);
  if (*file) return true;
  std::fprintf(stderr, "emflow run: cannot write %s\n", path.c_str());
  return false;
}

int finishRun(std::initializer_list<RunOutput> outputs, bool finished, const std::string& input,
              const std::string& error) {
  for (const RunOutput& output : outputs) {
    if (!output.file->is_open()) continue;
    output.file->close();  // flushes: a full disk shows here, not while writing
    if (!*output.file) {
      std::fprintf(stderr, "emflow run: writing %s failed\n", output.path.c_str());
      return 1;
    }
  }
  if (!finished) {
    std::fprintf(stderr, "%s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace emflow::cli
