// `emflow run GRAPH --world activity`: the activity world's half of the run command
// (cmd_run.cpp parses the options): the simulation, its summary (per-activity counts of the
// predicted classes, accuracy), the trace, the recorded feature vectors and the world's ADC
// readings.
#ifndef EMFLOW_CLI_RUN_ACTIVITY_H
#define EMFLOW_CLI_RUN_ACTIVITY_H

#include <cstdint>
#include <string>

#include "host/firmware/compiled_graph.h"
#include "host/firmware/model_refs.h"

namespace emflow::cli {

struct ActivityRunOptions {
  uint64_t durationMs = 3600ull * 1000;
  uint64_t sampleMs = 60 * 1000;
  uint64_t seed = 1;
  std::string tracePath;     // CSV trace, empty: none
  std::string featuresPath;  // CSV of the model node's feature vectors + true activity
  std::string adcPath;       // CSV of the ADC counts on A0..A2 over the run
};

// Runs and prints the summary to stdout; returns the exit code (errors printed to stderr,
// prefixed with `input`).
int runActivityWorld(const std::string& input, const firmware::CompiledGraph& graph,
                     firmware::ModelBlobs models, const ActivityRunOptions& options);

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_RUN_ACTIVITY_H
