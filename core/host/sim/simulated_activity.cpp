#include "simulated_activity.h"

#include <cstdio>
#include <cstring>

#include "components/library.h"

namespace emflow::sim {

namespace {

// Port number of `name` on a component, 0xFF if it has none.
uint8_t portNumber(ComponentId component, const char* name, bool outPort) {
  const ComponentInfo* info = emflow_component_info(component);
  if (!info) return 0xFF;
  const uint8_t count = outPort ? info->outCount : info->inCount;
  for (uint8_t p = 0; p < count; ++p)
    if (std::strcmp((outPort ? info->outPorts : info->inPorts)[p].name, name) == 0) return p;
  return 0xFF;
}

}  // namespace

uint32_t ActivitySummary::correct() const {
  uint32_t sum = 0;
  for (int a = 0; a < world::kActivityCount && a < kMaxClasses; ++a) sum += counts[a][a];
  return sum;
}

SimulatedActivity::SimulatedActivity(const CompiledGraph& graph,
                                     const world::ActivityConfig& config,
                                     std::vector<world::ActivitySegment> schedule)
    : SimulatedWorld(graph, [&config, &schedule](world::VirtualIO& io, std::string*) {
        return std::unique_ptr<world::World>(
            std::make_unique<world::ActivityWorld>(io, config, std::move(schedule)));
      }) {
  for (const CompiledNode& node : graph_.nodes) {
    if (node.componentName != "Classify") continue;
    modelNode_ = node.id;
    modelIn_ = portNumber(node.component, "in", false);
    modelOut_ = portNumber(node.component, "out", true);
    summary_.modelNode = node.name;
    break;
  }
  runner().addPacketObserver([this](const TraceEvent& event) { observe(event); });
}

// A feature vector reached the model node: the window since the previous one is closed.
void SimulatedActivity::windowClosed() {
  const TimeMs now = io_.timeMs();
  const world::Activity first = world().activityAt(windowStartMs_ + 1);
  const world::Activity last = world().activityAt(now);
  const bool mixed = first != last;
  windowStartMs_ = now;
  ++summary_.windows;
  if (mixed) ++summary_.mixedWindows;
  pendingScore_ = !mixed;
  pendingTruth_ = last;
  if (sink_) sink_(features_, last, mixed);
}

void SimulatedActivity::observe(const TraceEvent& event) {
  if (event.tgt == modelNode_ && event.tgtPort == modelIn_) {
    if (event.packet.type == kPacketBracketOpen) {
      features_.clear();
      inVector_ = true;
    } else if (event.packet.type == kPacketBracketClose) {
      if (inVector_) windowClosed();
      inVector_ = false;
    } else if (inVector_) {
      features_.push_back(event.packet.asFloat());
    }
  }
  if (event.src == modelNode_ && event.srcPort == modelOut_ && pendingScore_ &&
      event.packet.isData()) {
    pendingScore_ = false;
    const int32_t predicted = event.packet.asInt();
    if (predicted >= 0 && predicted < ActivitySummary::kMaxClasses) {
      ++summary_.counts[static_cast<int>(pendingTruth_)][predicted];
      ++summary_.predictions;
    }
  }
}

bool SimulatedActivity::runUntil(TimeMs untilMs, std::string* error) {
  if (!started_) {
    started_ = true;
    windowStartMs_ = io_.timeMs();
  }
  return runner().runUntil(untilMs, error);
}

ActivitySummary SimulatedActivity::summary() const {
  ActivitySummary s = summary_;
  const sim::RunSummary run = const_cast<SimulatedActivity*>(this)->runner().summary();
  s.durationMs = run.durationMs;
  s.packets = run.packets;
  s.errorPackets = run.errorPackets;
  s.networkErrors = run.networkErrors;
  s.firstError = run.firstError;
  return s;
}

}  // namespace emflow::sim
