#include "fridge_world.h"

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

}  // namespace emflow::world
