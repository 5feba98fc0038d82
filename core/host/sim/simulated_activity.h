// A compiled graph running against the activity world (a cow-halter accelerometer on A0..A2,
// core/world/activity_world.h) on the virtual clock: what `emflow run --world activity` and
// the activity example's tests use.
//
// It scores the graph's first model node (Classify) against the truth: every feature vector
// that reaches the node's IN port closes a window — the readings since the previous one — whose
// true activity is the world's at both ends (a window spanning two activities is "mixed" and
// not scored); the class index the node then sends on OUT is its prediction. The same feature
// vectors, bit for bit the floats the device code computed, can be handed to a sink, which is
// how examples/models/make_activity_model.sh records training data.
#ifndef EMFLOW_HOST_SIM_SIMULATED_ACTIVITY_H
#define EMFLOW_HOST_SIM_SIMULATED_ACTIVITY_H

#include <array>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "host/sim/simulated_world.h"
#include "world/activity_world.h"

namespace emflow::sim {

struct ActivitySummary {
  static constexpr int kMaxClasses = 16;
  TimeMs durationMs = 0;
  uint32_t windows = 0;       // feature vectors that reached the model node
  uint32_t mixedWindows = 0;  // of which spanned two activities (not scored)
  uint32_t predictions = 0;   // scored predictions (pure windows the node answered)
  // counts[true activity][predicted class]; classes beyond kMaxClasses are not counted
  std::array<std::array<uint32_t, kMaxClasses>, world::kActivityCount> counts{};
  uint32_t packets = 0, errorPackets = 0, networkErrors = 0;
  std::string firstError;
  std::string modelNode;  // name of the scored node, empty if the graph has none

  uint32_t correct() const;
  double accuracy() const { return predictions ? double(correct()) / predictions : 0.0; }
};

// The scoring is an observer on the one runner (SimulatedWorld), which owns the clock and trace.
class SimulatedActivity : public SimulatedWorld {
 public:
  // One feature vector at the model node's IN port, the window's true activity, mixed or not.
  using FeatureSink =
      std::function<void(const std::vector<float>& features, world::Activity truth, bool mixed)>;

  SimulatedActivity(const CompiledGraph& graph, const world::ActivityConfig& config,
                    std::vector<world::ActivitySegment> schedule);

  void setTrace(std::ostream* csv) { runner().setTrace(csv); }  // null: no trace
  void setSampleInterval(TimeMs ms) { runner().setSampleInterval(ms); }
  void setFeatureSink(FeatureSink sink) { sink_ = std::move(sink); }
  void writeHeader(std::ostream& csv) { runner().writeHeader(csv); }

  // Starts the network if needed, then runs until the clock reaches `untilMs`. False (with
  // `error`) if the network does not start or never becomes idle at one instant.
  bool runUntil(TimeMs untilMs, std::string* error);

  ActivitySummary summary() const;
  world::ActivityWorld& world() {
    return static_cast<world::ActivityWorld&>(SimulatedWorld::world());
  }

 private:
  void observe(const TraceEvent& event);
  void windowClosed();

  FeatureSink sink_;
  ActivitySummary summary_;
  bool started_ = false;
  // The scored model node: its id and the numbers of its IN and OUT ports.
  NodeId modelNode_ = 0xFF;
  uint8_t modelIn_ = 0xFF, modelOut_ = 0xFF;
  std::vector<float> features_;  // of the vector arriving
  bool inVector_ = false;
  TimeMs windowStartMs_ = 0;
  bool pendingScore_ = false;  // a pure window waits for its prediction
  world::Activity pendingTruth_ = world::Activity::kStanding;
};

}  // namespace emflow::sim

#endif  // EMFLOW_HOST_SIM_SIMULATED_ACTIVITY_H
