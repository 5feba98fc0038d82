// The generic half of `emflow run` (run_world.h).
#include "run_world.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "host/sim/simulated_world.h"
#include "run_outputs.h"
#include "world/replay_world.h"
#include "world/time_text.h"

namespace emflow::cli {

namespace {

constexpr uint64_t kDefaultDurationMs = 3600ull * 1000;

bool readWhole(const std::string& path, std::string* text) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream content;
  content << file.rdbuf();
  *text = content.str();
  return static_cast<bool>(file) || file.eof();
}

}  // namespace

int runWorld(const std::string& input, const firmware::CompiledGraph& graph,
             firmware::ModelBlobs models, const WorldRunOptions& options) {
  sim::WorldParams params = options.params;
  params.durationMs = static_cast<TimeMs>(options.durationMs);
  if (!options.dataPath.empty() && !readWhole(options.dataPath, &params.data)) {
    std::fprintf(stderr, "emflow run: cannot read %s\n", options.dataPath.c_str());
    return 1;
  }
  auto board = std::make_unique<sim::SimulatedWorld>(graph, options.world, params);
  if (!board->error().empty()) {
    const std::string where = options.dataPath.empty() ? options.world : options.dataPath;
    std::fprintf(stderr, "%s:%s\n", where.c_str(), board->error().c_str());
    return 1;
  }
  uint64_t durationMs = options.durationMs;
  if (!options.durationGiven) {
    auto* replay = dynamic_cast<world::ReplayWorld*>(&board->world());
    durationMs = replay ? replay->endMs() : kDefaultDurationMs;
  }
  std::ofstream trace;
  if (!openRunOutput(options.tracePath, &trace)) return 1;
  if (trace.is_open()) {
    board->runner().writeHeader(trace);
    board->runner().setTrace(&trace);
  }
  // The classes the Classify nodes send (their OUT port), counted per class.
  std::map<std::string, std::map<int32_t, uint32_t>> classes;
  for (const firmware::CompiledNode& node : graph.nodes) {
    if (node.componentName == "Classify") classes[node.name];
  }
  board->runner().addPacketObserver([&](const TraceEvent& event) {
    const firmware::CompiledNode* node = graph.node(event.src);
    if (node && node->componentName == "Classify" && event.srcPort == 0 && event.packet.isData())
      ++classes[node->name][event.packet.asInt()];
  });
  board->runner().setSampleInterval(static_cast<TimeMs>(options.sampleMs));
  board->setModels(std::move(models));
  std::string error;
  if (!board->load(&error)) {
    std::fprintf(stderr, "%s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  const bool finished = board->runner().runUntil(static_cast<TimeMs>(durationMs), &error);
  const sim::RunSummary s = board->runner().summary();
  std::printf("world                %s\n", options.world.c_str());
  std::printf("simulated            %s\n", world::formatDuration(s.durationMs).c_str());
  for (const auto& [label, value] : board->world().summaryLines(s.durationMs))
    std::printf("%-20s %s\n", label.c_str(), value.c_str());
  for (const auto& [node, counts] : classes) {
    std::string line;
    for (const auto& [cls, count] : counts)
      line += (line.empty() ? "" : "  ") + std::to_string(cls) + ": " + std::to_string(count);
    std::printf("classes of %-9s %s\n", node.c_str(), line.empty() ? "(none)" : line.c_str());
  }
  std::printf("packets              %u (error packets %u)\n", s.packets, s.errorPackets);
  std::printf("pin writes           %u\n", s.pinWrites);
  std::printf("network errors       %u%s%s\n", s.networkErrors,
              s.firstError.empty() ? "" : "  first: ", s.firstError.c_str());
  return finishRun({{&trace, options.tracePath}}, finished, input, error);
}

}  // namespace emflow::cli
