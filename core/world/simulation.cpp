#include "simulation.h"

#include <cstdio>

namespace emflow::world {

namespace {

// Deliveries allowed at one instant before the run is declared stuck: far above what any
// real graph needs at one time step, low enough to fail fast on a packet cycle.
constexpr uint32_t kMaxRunsPerInstant = 10000;

// Rows are written to the stream once this many bytes are pending.
constexpr size_t kTraceChunkBytes = 64 * 1024;

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

Simulation::Simulation(VirtualIO& io, FridgeWorld& world, Network& network)
    : io_(io), world_(world), network_(network) {
  network_.watchAll(true);
  network_.setTraceHandler(&Simulation::onTrace, this);
  network_.setErrorHandler(&Simulation::onError, this);
  io_.addPinListener([this](const PinWrite& w) {
    writeRow("pin", "D" + std::to_string(w.pin), w.level ? "1" : "0");
  });
}

void Simulation::writeHeader(std::ostream& csv) {
  csv << "time_ms,kind,name,value,air_c,contents_c,ambient_c,compressor,door\n";
}

void Simulation::writeRow(const char* kind, const std::string& name, const char* value) {
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
  char tail[96];
  const int tailLength =
      std::snprintf(tail, sizeof tail, ",%.3f,%.3f,%.2f,%d,%d\n", world_.airC(), world_.contentsC(),
                    world_.ambientC(), world_.compressorOn() ? 1 : 0, world_.doorOpen() ? 1 : 0);
  pendingRows_.append(head, static_cast<size_t>(headLength));
  pendingRows_ += kind;
  pendingRows_ += ',';
  pendingRows_ += *safeName;
  pendingRows_ += ',';
  pendingRows_ += value;
  pendingRows_.append(tail, static_cast<size_t>(tailLength));
  if (pendingRows_.size() >= kTraceChunkBytes) flushTrace();
}

void Simulation::flushTrace() {
  if (csv_ && !pendingRows_.empty()) {
    csv_->write(pendingRows_.data(), static_cast<std::streamsize>(pendingRows_.size()));
  }
  pendingRows_.clear();
}

void Simulation::onTrace(void* self, const TraceEvent& event) {
  Simulation& s = *static_cast<Simulation*>(self);
  ++s.packets_;
  if (event.packet.type == kPacketError) ++s.errorPackets_;
  if (!s.csv_) return;
  std::string name =
      s.edgeNamer_ ? s.edgeNamer_(event)
                   : std::to_string(event.src) + "." + std::to_string(event.srcPort) + " -> " +
                         std::to_string(event.tgt) + "." + std::to_string(event.tgtPort);
  s.writeRow("packet", name, packetText(event.packet).c_str());
}

void Simulation::onError(void* self, const NetworkError& error) {
  Simulation& s = *static_cast<Simulation*>(self);
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

bool Simulation::drain(std::string* error) {
  TraceEvent ignored;
  for (uint32_t runs = 0; runs < kMaxRunsPerInstant; ++runs) {
    const Status status = network_.run();
    while (network_.popTrace(&ignored)) {
    }  // the handler has seen them; keep the ring from overflowing
    TimeMs due;
    const bool wakeDue = network_.nextWakeup(&due) && due <= io_.timeMs();
    if (status == kOk && !wakeDue) return true;
  }
  *error = "the network did not become idle at t=" + std::to_string(io_.timeMs()) + " ms after " +
           std::to_string(kMaxRunsPerInstant) +
           " runs (a packet cycle, or a node waking itself at the same time forever)";
  return false;
}

bool Simulation::runUntil(TimeMs untilMs, std::string* error) {
  const bool finished = run(untilMs, error);
  flushTrace();
  return finished;
}

bool Simulation::run(TimeMs untilMs, std::string* error) {
  if (!started_) {
    started_ = true;
    startMs_ = io_.timeMs();
    nextSampleMs_ = startMs_;
    world_.resetExtremes();
  }
  if (!network_.isRunning()) {
    const Status status = network_.start();
    if (status != kOk) {
      *error = std::string("the network did not start: ") + emflow_status_name(status);
      return false;
    }
  }
  if (!drain(error)) return false;
  for (;;) {
    const TimeMs now = io_.timeMs();
    if (now >= nextSampleMs_) {
      writeRow("sample", "world", "");
      nextSampleMs_ = now + sampleIntervalMs_;
    }
    if (now >= untilMs) return true;
    TimeMs next = untilMs < nextSampleMs_ ? untilMs : nextSampleMs_;
    TimeMs wake;
    if (network_.nextWakeup(&wake) && wake < next) next = wake > now ? wake : now;
    io_.advanceTo(next);
    if (!drain(error)) return false;
  }
}

SimulationSummary Simulation::summary() const {
  SimulationSummary s;
  s.durationMs = io_.timeMs() - startMs_;
  s.minAirC = world_.minAirC();
  s.maxAirC = world_.maxAirC();
  s.minContentsC = world_.minContentsC();
  s.maxContentsC = world_.maxContentsC();
  const double hours = s.durationMs / 3600000.0;
  s.compressorDuty = s.durationMs ? static_cast<double>(world_.compressorOnMs()) / s.durationMs : 0;
  s.compressorStarts = world_.contactor().closeCount();
  s.cyclesPerHour = hours > 0 ? s.compressorStarts / hours : 0;
  s.relayOverlaps = world_.contactor().overlapCount();
  s.networkErrors = networkErrors_;
  s.errorPackets = errorPackets_;
  s.packets = packets_;
  s.pinWrites = io_.pinWriteCount();
  s.firstError = firstError_;
  return s;
}

}  // namespace emflow::world
