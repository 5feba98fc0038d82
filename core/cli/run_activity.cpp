#include "run_activity.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

#include "host/sim/simulated_activity.h"
#include "run_outputs.h"
#include "world/time_text.h"

namespace emflow::cli {

namespace {

// The largest class index predicted, so the table has a column for every class seen.
int classColumns(const sim::ActivitySummary& s) {
  int columns = world::kActivityCount;
  for (const auto& row : s.counts)
    for (int k = 0; k < sim::ActivitySummary::kMaxClasses; ++k)
      if (row[k] && k + 1 > columns) columns = k + 1;
  return columns;
}

void printSummary(const sim::ActivitySummary& s, FILE* out) {
  std::fprintf(out, "simulated            %s\n", world::formatDuration(s.durationMs).c_str());
  std::fprintf(
      out, "model node           %s\n",
      s.modelNode.empty() ? "(none: the graph has no Classify node)" : s.modelNode.c_str());
  std::fprintf(out, "windows              %u (%u span two activities, not scored)\n", s.windows,
               s.mixedWindows);
  std::fprintf(out, "predictions          %u scored, accuracy %.1f %% (%u correct)\n",
               s.predictions, s.accuracy() * 100.0, s.correct());
  const int columns = classColumns(s);
  std::fprintf(out, "true \\ predicted ");
  for (int k = 0; k < columns; ++k) {
    std::fprintf(out, " %10s",
                 k < world::kActivityCount ? world::activityName(static_cast<world::Activity>(k))
                                           : ("class " + std::to_string(k)).c_str());
  }
  std::fprintf(out, "   recall\n");
  for (int a = 0; a < world::kActivityCount; ++a) {
    uint32_t total = 0;
    std::fprintf(out, "  %-14s ", world::activityName(static_cast<world::Activity>(a)));
    for (int k = 0; k < columns; ++k) {
      std::fprintf(out, " %10u", s.counts[a][k]);
      total += s.counts[a][k];
    }
    if (total)
      std::fprintf(out, "   %5.1f %%\n", 100.0 * s.counts[a][a] / total);
    else
      std::fprintf(out, "       -\n");
  }
  std::fprintf(out, "packets              %u (error packets %u)\n", s.packets, s.errorPackets);
  std::fprintf(out, "network errors       %u%s%s\n", s.networkErrors,
               s.firstError.empty() ? "" : "  first: ", s.firstError.c_str());
}

// The ADC counts the world puts on A0..A2 (pins 14..16), millisecond by millisecond, as
// "time_ms,a0,a1,a2" rows that hold until the next row: a second world with the same config
// and schedule on its own VirtualIO, so the recording is the run's, bit for bit. A simulated
// board (tests/firmware/activity_parity.mjs) converts these counts at its own virtual time.
void writeAdcSeries(const world::ActivityConfig& config,
                    const std::vector<world::ActivitySegment>& schedule, TimeMs durationMs,
                    std::ostream& csv) {
  world::VirtualIO io;
  world::ActivityWorld activityWorld(io, config, schedule);
  csv << "time_ms,a0,a1,a2\n";
  uint16_t previous[3] = {0xFFFF, 0xFFFF, 0xFFFF};
  for (TimeMs t = 0; t <= durationMs; ++t) {
    io.advanceTo(t);
    uint16_t counts[3];
    for (uint8_t i = 0; i < 3; ++i) io.analogRead(static_cast<uint8_t>(14 + i), &counts[i]);
    if (t > 0 && std::equal(counts, counts + 3, previous)) continue;
    csv << t << ',' << counts[0] << ',' << counts[1] << ',' << counts[2] << '\n';
    std::copy(counts, counts + 3, previous);
  }
}

}  // namespace

int runActivityWorld(const std::string& input, const firmware::CompiledGraph& graph,
                     firmware::ModelBlobs models, const ActivityRunOptions& options) {
  std::ofstream trace, features, adc;
  if (!openRunOutput(options.tracePath, &trace) ||
      !openRunOutput(options.featuresPath, &features) || !openRunOutput(options.adcPath, &adc))
    return 1;
  world::ActivityConfig config;
  config.seed = options.seed;
  const std::vector<world::ActivitySegment> schedule =
      world::ActivityGenerator::randomSchedule(options.seed, options.durationMs / 1000.0);
  if (adc.is_open()) writeAdcSeries(config, schedule, options.durationMs, adc);
  auto board = std::make_unique<sim::SimulatedActivity>(graph, config, schedule);
  board->setModels(std::move(models));
  board->setSampleInterval(static_cast<TimeMs>(options.sampleMs));
  if (trace.is_open()) {
    board->writeHeader(trace);
    board->setTrace(&trace);
  }
  // Training rows: the features exactly as the model node received them (9 significant
  // digits round-trip a float32), and the true activity's index, only for windows within one
  // activity.
  bool header = false;
  if (features.is_open()) {
    board->setFeatureSink([&](const std::vector<float>& values, world::Activity truth, bool mixed) {
      if (mixed) return;
      if (!header) {
        for (size_t i = 0; i < values.size(); ++i) features << 'f' << i << ',';
        features << "activity\n";
        header = true;
      }
      char text[32];
      for (float v : values) {
        std::snprintf(text, sizeof text, "%.9g,", static_cast<double>(v));
        features << text;
      }
      features << static_cast<int>(truth) << '\n';
    });
  }
  std::string error;
  if (!board->load(&error)) {
    std::fprintf(stderr, "%s: %s\n", input.c_str(), error.c_str());
    return 1;
  }
  const bool finished = board->runUntil(static_cast<TimeMs>(options.durationMs), &error);
  printSummary(board->summary(), stdout);
  return finishRun(
      {{&trace, options.tracePath}, {&features, options.featuresPath}, {&adc, options.adcPath}},
      finished, input, error);
}

}  // namespace emflow::cli
