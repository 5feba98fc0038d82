#include "simulated_activity.h"

#include <cstdio>
#include <cstring>

#include "components/library.h"
#include "world/simulation.h"

namespace emflow::compile {

namespace {

// Deliveries allowed at one instant before the run is declared stuck (as world/simulation).
constexpr uint32_t kMaxRunsPerInstant = 10000;

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
    : SimulatedBoard(graph), world_(io_, config, std::move(schedule)) {
  for (const CompiledNode& node : graph_.nodes) {
    if (node.componentName != "Classify") continue;
    modelNode_ = node.id;
    modelIn_ = portNumber(node.component, "in", false);
    modelOut_ = portNumber(node.component, "out", true);
    summary_.modelNode = node.name;
    break;
  }
  network_->watchAll(true);
  network_->setTraceHandler(&SimulatedActivity::onTrace, this);
  network_->setErrorHandler(&SimulatedActivity::onError, this);
  io_.addPinListener([this](const world::PinWrite& w) {
    writeRow("pin", "D" + std::to_string(w.pin), w.level ? "1" : "0");
  });
}

void SimulatedActivity::writeHeader(std::ostream& csv) {
  csv << "time_ms,kind,name,value,activity,a0,a1,a2\n";
}

void SimulatedActivity::writeRow(const char* kind, const std::string& name,
                                 const std::string& value) {
  if (!csv_) return;
  std::string safeName = name;  // names come from the graph: quote them if needed
  if (safeName.find_first_of(",\"\n\r") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : safeName) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    safeName = quoted + "\"";
  }
  uint16_t a[3] = {0, 0, 0};
  for (uint8_t i = 0; i < 3; ++i) io_.analogRead(static_cast<uint8_t>(14 + i), &a[i]);
  *csv_ << io_.timeMs() << ',' << kind << ',' << safeName << ',' << value << ','
        << world::activityName(world_.activityAt(io_.timeMs())) << ',' << a[0] << ',' << a[1] << ','
        << a[2] << '\n';
}

// A feature vector reached the model node: the window since the previous one is closed.
void SimulatedActivity::windowClosed() {
  const TimeMs now = io_.timeMs();
  const world::Activity first = world_.activityAt(windowStartMs_ + 1);
  const world::Activity last = world_.activityAt(now);
  const bool mixed = first != last;
  windowStartMs_ = now;
  ++summary_.windows;
  if (mixed) ++summary_.mixedWindows;
  pendingScore_ = !mixed;
  pendingTruth_ = last;
  if (sink_) sink_(features_, last, mixed);
}

void SimulatedActivity::onTrace(void* self, const TraceEvent& event) {
  SimulatedActivity& s = *static_cast<SimulatedActivity*>(self);
  ++s.summary_.packets;
  if (event.packet.type == kPacketError) ++s.summary_.errorPackets;
  if (event.tgt == s.modelNode_ && event.tgtPort == s.modelIn_) {
    if (event.packet.type == kPacketBracketOpen) {
      s.features_.clear();
      s.inVector_ = true;
    } else if (event.packet.type == kPacketBracketClose) {
      if (s.inVector_) s.windowClosed();
      s.inVector_ = false;
    } else if (s.inVector_) {
      s.features_.push_back(event.packet.asFloat());
    }
  }
  if (event.src == s.modelNode_ && event.srcPort == s.modelOut_ && s.pendingScore_ &&
      event.packet.isData()) {
    s.pendingScore_ = false;
    const int32_t predicted = event.packet.asInt();
    if (predicted >= 0 && predicted < ActivitySummary::kMaxClasses) {
      ++s.summary_.counts[static_cast<int>(s.pendingTruth_)][predicted];
      ++s.summary_.predictions;
    }
  }
  if (s.csv_) s.writeRow("packet", s.edgeName(event), world::packetText(event.packet));
}

void SimulatedActivity::onError(void* self, const NetworkError& error) {
  SimulatedActivity& s = *static_cast<SimulatedActivity*>(self);
  ++s.summary_.networkErrors;
  // Send errors name an out-port, rejected packets an in-port (network.h).
  const bool outPort = error.status == kErrQueueFull || error.status == kErrNotConnected;
  const std::string where = s.portName(error.node, error.port, outPort);
  if (s.summary_.firstError.empty()) {
    s.summary_.firstError = "t=" + std::to_string(s.io_.timeMs()) +
                            " ms: " + emflow_status_name(error.status) + " at " + where;
  }
  s.writeRow("error", where, emflow_status_name(error.status));
}

bool SimulatedActivity::drain(std::string* error) {
  TraceEvent ignored;
  for (uint32_t runs = 0; runs < kMaxRunsPerInstant; ++runs) {
    const Status status = network_->run();
    while (network_->popTrace(&ignored)) {
    }  // the handler has seen them; keep the ring from overflowing
    TimeMs due;
    const bool wakeDue = network_->nextWakeup(&due) && due <= io_.timeMs();
    if (status == kOk && !wakeDue) return true;
  }
  *error = "the network did not become idle at t=" + std::to_string(io_.timeMs()) + " ms after " +
           std::to_string(kMaxRunsPerInstant) + " runs";
  return false;
}

bool SimulatedActivity::runUntil(TimeMs untilMs, std::string* error) {
  if (!started_) {
    started_ = true;
    startMs_ = windowStartMs_ = nextSampleMs_ = io_.timeMs();
  }
  if (!network_->isRunning()) {
    const Status status = network_->start();
    if (status != kOk) {
      *error = std::string("the network did not start: ") + emflow_status_name(status);
      return false;
    }
  }
  if (!drain(error)) return false;
  for (;;) {
    const TimeMs now = io_.timeMs();
    summary_.durationMs = now - startMs_;
    if (now >= nextSampleMs_) {
      writeRow("sample", "world", "");
      nextSampleMs_ = now + sampleIntervalMs_;
    }
    if (now >= untilMs) return true;
    TimeMs next = untilMs < nextSampleMs_ ? untilMs : nextSampleMs_;
    TimeMs wake;
    if (network_->nextWakeup(&wake) && wake < next) next = wake > now ? wake : now;
    io_.advanceTo(next);
    if (!drain(error)) return false;
  }
}

}  // namespace emflow::compile
