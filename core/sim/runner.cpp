// The headless runner (runner.h): trace rows and counters around the shared clock loop.
#include "sim/runner.h"

#include <cstdio>

namespace emflow::sim {

namespace {

// Rows are written to the stream once this many bytes are pending.
constexpr size_t kTraceChunkBytes = 64 * 1024;

// Default interval of the trace's world samples.
constexpr TimeMs kDefaultSampleMs = 60000;

}  // namespace

std::string packetText(const Packet& packet) {
  char buffer[32];
  switch (packet.type) {
    case kPacketVoid:
      return "bang";
    case kPacketBool:
      return packet.value.b ? "true" : "false";
    case kPacketByte:
      return std::to_string(packet.value.byte);
    case kPacketInt:
      return std::to_string(packet.value.i);
    case kPacketFloat:
      std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(packet.value.f));
      return buffer;
    case kPacketBracketOpen:
      return "[";
    case kPacketBracketClose:
      return "]";
    case kPacketError:
      return std::string("error:") + emflow_status_name(packet.value.error);
    default:
      return "?";
  }
}

Runner::Runner(world::VirtualIO& io, world::World& world, Network& network)
    : io_(io), world_(world), network_(network), clock_(io, network) {
  clock_.setPopTraces(true);
  clock_.setSampler(kDefaultSampleMs, [this] { writeRow("sample", "world", ""); });
  network_.watchAll(true);
  network_.setTraceHandler(&Runner::onTrace, this);
  network_.setErrorHandler(&Runner::onError, this);
  io_.addPinListener([this](const world::PinWrite& w) {
    writeRow("pin", "D" + std::to_string(w.pin), w.level ? "1" : "0");
  });
}

void Runner::writeHeader(std::ostream& csv) const {
  csv << "time_ms,kind,name,value" << world_.traceHeader() << '\n';
}

void Runner::writeRow(const char* kind, const std::string& name, const char* value) {
  if (!csv_) return;
  // Names come from the graph; quote them if they could break the CSV.
  const std::string* safeName = &name;
  std::string quoted;
  if (name.find_first_of(",\"\n\r") != std::string::npos) {
    quoted = "\"";
    for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    safeName = &quoted;
  }
  char head[32];
  const int headLength =
      std::snprintf(head, sizeof head, "%u,", static_cast<unsigned>(io_.timeMs()));
  pendingRows_.append(head, static_cast<size_t>(headLength));
  pendingRows_ += kind;
  pendingRows_ += ',';
  pendingRows_ += *safeName;
  pendingRows_ += ',';
  pendingRows_ += value;
  world_.appendTraceValues(&pendingRows_);
  pendingRows_ += '\n';
  if (pendingRows_.size() >= kTraceChunkBytes) flushTrace();
}

void Runner::flushTrace() {
  if (csv_ && !pendingRows_.empty()) {
    csv_->write(pendingRows_.data(), static_cast<std::streamsize>(pendingRows_.size()));
  }
  pendingRows_.clear();
}

void Runner::onTrace(void* self, const TraceEvent& event) {
  Runner& s = *static_cast<Runner*>(self);
  ++s.packets_;
  if (event.packet.type == kPacketError) ++s.errorPackets_;
  for (const PacketObserver& observer : s.observers_) observer(event);
  if (!s.csv_) return;
  std::string name =
      s.edgeNamer_ ? s.edgeNamer_(event)
                   : std::to_string(event.src) + "." + std::to_string(event.srcPort) + " -> " +
                         std::to_string(event.tgt) + "." + std::to_string(event.tgtPort);
  s.writeRow("packet", name, packetText(event.packet).c_str());
}

void Runner::onError(void* self, const NetworkError& error) {
  Runner& s = *static_cast<Runner*>(self);
  ++s.networkErrors_;
  // Send errors name an out-port, rejected packets an in-port (network.h).
  const bool outPort = error.status == kErrQueueFull || error.status == kErrNotConnected;
  std::string where =
      s.nodeNamer_ ? s.nodeNamer_(error.node, error.port, outPort)
                   : "node " + std::to_string(error.node) + " port " + std::to_string(error.port);
  std::string text = std::string(emflow_status_name(error.status)) + " at " + where;
  if (s.firstError_.empty()) {
    s.firstError_ = "t=" + std::to_string(s.io_.timeMs()) + " ms: " + text;
  }
  s.writeRow("error", where, emflow_status_name(error.status));
}

bool Runner::runUntil(TimeMs untilMs, std::string* error) {
  const bool finished = run(untilMs, error);
  flushTrace();
  return finished;
}

bool Runner::run(TimeMs untilMs, std::string* error) {
  if (!started_) {
    started_ = true;
    startMs_ = io_.timeMs();
    clock_.restartSamples(startMs_);
    world_.runStarted();
  }
  if (!network_.isRunning()) {
    const Status status = network_.start();
    if (status != kOk) {
      *error = std::string("the network did not start: ") + emflow_status_name(status);
      return false;
    }
  }
  return clock_.runUntil(untilMs, error);
}

RunSummary Runner::summary() const {
  RunSummary s;
  s.durationMs = io_.timeMs() - startMs_;
  s.networkErrors = networkErrors_;
  s.errorPackets = errorPackets_;
  s.packets = packets_;
  s.pinWrites = io_.pinWriteCount();
  s.firstError = firstError_;
  return s;
}

}  // namespace emflow::sim
