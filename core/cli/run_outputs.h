// The output files of `emflow run` (--trace, --features, --adc) for every world: opened before
// the run, closed after it, and the one ending of a run: a write that failed or a run that did
// not finish is reported with exit status 1, never dropped.
#ifndef EMFLOW_CLI_RUN_OUTPUTS_H
#define EMFLOW_CLI_RUN_OUTPUTS_H

#include <fstream>
#include <initializer_list>
#include <string>

namespace emflow::cli {

// One output file and the path it was opened as (for the messages).
struct RunOutput {
  std::ofstream* file;
  const std::string& path;
};

// Opens `path` for writing unless it is empty (no such output); false after printing
// "emflow run: cannot write PATH".
bool openRunOutput(const std::string& path, std::ofstream* file);

// Closes the open outputs and returns the run's exit status: 1 after printing
// "emflow run: writing PATH failed" for the first failed write, else 1 after printing
// "INPUT: ERROR" when the run did not finish, else 0.
int finishRun(std::initializer_list<RunOutput> outputs, bool finished, const std::string& input,
              const std::string& error);

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_RUN_OUTPUTS_H
