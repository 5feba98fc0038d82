// `emflow run GRAPH --world NAME` for the worlds that need nothing but the registry
// (sim/world_registry.h: replay, none, and any world added there): the one runner, the
// trace, a summary of the run with the world's own lines and the classes the graph's
// Classify node sent.
#ifndef EMFLOW_CLI_RUN_WORLD_H
#define EMFLOW_CLI_RUN_WORLD_H

#include <cstdint>
#include <string>

#include "host/firmware/compiled_graph.h"
#include "host/firmware/model_refs.h"
#include "sim/world_registry.h"

namespace emflow::cli {

struct WorldRunOptions {
  std::string world;
  std::string dataPath;  // the recording, for a world that needs one
  uint64_t durationMs = 0;
  bool durationGiven = false;  // else: to the recording's end (or 1h)
  uint64_t sampleMs = 60 * 1000;
  sim::WorldParams params;  // the seed and the world's own options (run reads the data)
  std::string tracePath;
};

int runWorld(const std::string& input, const firmware::CompiledGraph& graph,
             firmware::ModelBlobs models, const WorldRunOptions& options);

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_RUN_WORLD_H
