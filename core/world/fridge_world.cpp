#include "fridge_world.h"

#include <cstdio>

namespace emflow::world {

FridgeWorld::FridgeWorld(VirtualIO& io, const FridgeConfig& config)
    : io_(io),
      config_(config),
      state_{config.initialAirC, config.initialContentsC},
      contactor_(config.wiring),
      thermometer_(config.thermometerRom, config.seed, config.sensorNoiseC) {
  if (config_.physicsStepMs == 0) config_.physicsStepMs = 1;
  resetExtremes();
  contactor_.setInitiallyClosed(config.compressorInitiallyOn);
  io.setWorld(this);
  io.addPinListener([this](const PinWrite& w) { contactor_.onPinWrite(w.pin, w.level); });
  io.attachThermometer(config.thermometerPin, &thermometer_, [this] { return sensedC(); });
  updateDoorSwitch();
}

void FridgeWorld::updateDoorSwitch() {
  if (config_.doorSwitchPin != kNoDoorSwitch)
    io_.setDigitalInput(config_.doorSwitchPin, doorOpen());
}

double FridgeWorld::sensedC() const {
  return config_.sensorPlacement == SensorPlacement::kAir ? state_.airC : state_.contentsC;
}

void FridgeWorld::resetExtremes() {
  minAirC_ = maxAirC_ = state_.airC;
  minContentsC_ = maxContentsC_ = state_.contentsC;
}

bool FridgeWorld::doorOpen() const {
  return manualDoorOpen_ || config_.doors.isOpen(physicsTime_);
}

void FridgeWorld::advanceTo(TimeMs now) {
  const double stepSeconds = config_.physicsStepMs / 1000.0;
  while (static_cast<uint64_t>(physicsTime_) + config_.physicsStepMs <= now) {
    FridgeThermalInputs inputs;
    inputs.ambientC = config_.ambientC;
    inputs.compressorOn = contactor_.closed();
    inputs.doorOpen = doorOpen();
    inputs.thermalLoadW = config_.thermalLoadW;
    state_ = stepFridge(config_.thermal, state_, inputs, stepSeconds);
    if (inputs.compressorOn) compressorOnMs_ += config_.physicsStepMs;
    physicsTime_ += config_.physicsStepMs;
    if (state_.airC < minAirC_) minAirC_ = state_.airC;
    if (state_.airC > maxAirC_) maxAirC_ = state_.airC;
    if (state_.contentsC < minContentsC_) minContentsC_ = state_.contentsC;
    if (state_.contentsC > maxContentsC_) maxContentsC_ = state_.contentsC;
  }
  updateDoorSwitch();
}

void FridgeWorld::sample(WorldValues* values) const {
  values->push_back({"airC", airC()});
  values->push_back({"contentsC", contentsC()});
  values->push_back({"sensorC", sensedC()});
  values->push_back({"ambientC", ambientC()});
  values->push_back({"loadW", config_.thermalLoadW});
  values->push_back({"doorOpen", doorOpen() ? 1.0 : 0.0});
  values->push_back({"compressorOn", compressorOn() ? 1.0 : 0.0});
}

bool FridgeWorld::setInput(const std::string& name, double value, std::string* error) {
  if (name == "ambientC") {
    if (!(value >= -40 && value <= 60)) {
      *error = "ambientC must be between -40 and 60 °C";
      return false;
    }
    setAmbientC(value);
  } else if (name == "loadW") {
    if (!(value >= 0 && value <= 1000)) {
      *error = "loadW must be between 0 and 1000 W";
      return false;
    }
    setThermalLoadW(value);
  } else if (name == "doorOpen") {
    if (value != 0 && value != 1) {
      *error = "doorOpen must be a boolean";
      return false;
    }
    setDoorOpen(value == 1);
  } else {
    *error = "the fridge world has no input '" + name + "' (it has ambientC, loadW, doorOpen)";
    return false;
  }
  return true;
}

std::string FridgeWorld::traceHeader() const {
  return ",air_c,contents_c,ambient_c,compressor,door";
}

void FridgeWorld::appendTraceValues(std::string* row) const {
  char tail[96];
  const int length = std::snprintf(tail, sizeof tail, ",%.3f,%.3f,%.2f,%d,%d", airC(), contentsC(),
                                   ambientC(), compressorOn() ? 1 : 0, doorOpen() ? 1 : 0);
  row->append(tail, static_cast<size_t>(length));
}

FridgeSummary FridgeWorld::summarize(const sim::RunSummary& run) const {
  FridgeSummary s;
  static_cast<sim::RunSummary&>(s) = run;
  s.minAirC = minAirC_;
  s.maxAirC = maxAirC_;
  s.minContentsC = minContentsC_;
  s.maxContentsC = maxContentsC_;
  const double hours = s.durationMs / 3600000.0;
  s.compressorDuty = s.durationMs ? static_cast<double>(compressorOnMs_) / s.durationMs : 0;
  s.compressorStarts = contactor_.closeCount();
  s.cyclesPerHour = hours > 0 ? s.compressorStarts / hours : 0;
  s.relayOverlaps = contactor_.overlapCount();
  return s;
}

std::vector<std::pair<std::string, std::string>> FridgeWorld::summaryLines(
    TimeMs durationMs) const {
  sim::RunSummary run;
  run.durationMs = durationMs;
  const FridgeSummary s = summarize(run);
  char line[128];
  std::vector<std::pair<std::string, std::string>> lines;
  std::snprintf(line, sizeof line, "min %.2f °C  max %.2f °C", s.minAirC, s.maxAirC);
  lines.push_back({"compartment (air)", line});
  std::snprintf(line, sizeof line, "min %.2f °C  max %.2f °C", s.minContentsC, s.maxContentsC);
  lines.push_back({"contents", line});
  std::snprintf(line, sizeof line, "duty %.1f %%  starts %u  cycles/hour %.2f",
                s.compressorDuty * 100.0, s.compressorStarts, s.cyclesPerHour);
  lines.push_back({"compressor", line});
  lines.push_back({"relay overlaps", std::to_string(s.relayOverlaps)});
  return lines;
}

}  // namespace emflow::world
