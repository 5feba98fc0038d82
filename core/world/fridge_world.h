// The fridge as a World: thermal model + DS18B20 + relay-driven latching contactor + door,
// wired to a VirtualIO as the reference graph expects (thermometer on pin 9, relays on
// pins 11 "turnOn" and 12 "turnOff"; see latching_contactor.h).
//
// A door switch on pin 2 reports the door to the graph (HIGH = open).
//
// Time: physics advances on a fixed grid of `physicsStepMs` (default 100 ms) whatever the
// network's wake-up pattern, so the trajectory depends only on the inputs at grid points
// (relay and door changes take effect at the next grid step). Deterministic: same config,
// same seed, same pin writes ⇒ identical state, bit for bit.
#ifndef EMFLOW_WORLD_FRIDGE_WORLD_H
#define EMFLOW_WORLD_FRIDGE_WORLD_H

#include <cstdint>

#include "door_schedule.h"
#include "ds18b20_model.h"
#include "fridge_thermal_model.h"
#include "latching_contactor.h"
#include "sim/runner.h"
#include "virtual_io.h"
#include "world.h"

namespace emflow::world {

enum class SensorPlacement { kAir, kContents };

constexpr uint8_t kNoDoorSwitch = 0xFF;

struct FridgeConfig {
  FridgeThermalParams thermal;
  double ambientC = 22.0;
  double initialAirC = 5.0;  // a fridge already in service; use ambient for a pull-down
  double initialContentsC = 5.0;
  double thermalLoadW = 0.0;
  bool compressorInitiallyOn = false;
  ContactorWiring wiring;
  uint8_t thermometerPin = 9;
  // Door switch (a reed contact to ground with a pull-up): the input reads HIGH while the
  // door is open, LOW while closed. kNoDoorSwitch to leave the pin alone.
  uint8_t doorSwitchPin = 2;
  OneWireAddress thermometerRom = {{0x28, 0xAF, 0x1C, 0xB2, 0x04, 0x00, 0x00, 0x33}};
  SensorPlacement sensorPlacement = SensorPlacement::kAir;  // a probe hanging in the air
  double sensorNoiseC = 1.0 / 16.0;                         // ± one LSB, triangular
  uint64_t seed = 1;
  TimeMs physicsStepMs = 100;
  DoorSchedule doors;
};

// A fridge run's summary: the runner's counts plus the fridge's own.
struct FridgeSummary : sim::RunSummary {
  double minAirC = 0, maxAirC = 0, minContentsC = 0, maxContentsC = 0;
  double compressorDuty = 0;  // fraction of the time the compressor ran
  uint32_t compressorStarts = 0;
  double cyclesPerHour = 0;
  uint32_t relayOverlaps = 0;  // times both relays were energised at once
};

class FridgeWorld : public World {
 public:
  FridgeWorld(VirtualIO& io, const FridgeConfig& config);

  // World: air/contents/sensor/ambient temperatures, load, door and compressor as samples;
  // inputs ambientC (-40..60), loadW (0..1000) and doorOpen (0/1); trace columns
  // air_c,contents_c,ambient_c,compressor,door.
  void advanceTo(TimeMs now) override;
  void sample(WorldValues* values) const override;
  bool setInput(const std::string& name, double value, std::string* error) override;
  std::string traceHeader() const override;
  void appendTraceValues(std::string* row) const override;
  void runStarted() override { resetExtremes(); }
  std::vector<std::pair<std::string, std::string>> summaryLines(TimeMs durationMs) const override;

  // The fridge's figures over a run the runner summarised.
  FridgeSummary summarize(const sim::RunSummary& run) const;

  // Live controls (the browser's "open the door", "change the ambient")
  void setDoorOpen(bool open) {
    manualDoorOpen_ = open;
    updateDoorSwitch();
  }
  void setAmbientC(double c) { config_.ambientC = c; }
  void setThermalLoadW(double w) { config_.thermalLoadW = w; }

  // State
  double airC() const { return state_.airC; }
  double contentsC() const { return state_.contentsC; }
  double ambientC() const { return config_.ambientC; }
  double sensedC() const;  // the temperature at the probe (before quantisation and noise)
  bool compressorOn() const { return contactor_.closed(); }
  bool doorOpen() const;
  TimeMs physicsTimeMs() const { return physicsTime_; }
  uint64_t compressorOnMs() const { return compressorOnMs_; }
  // Extremes over every physics step since construction (or resetExtremes()), so a summary
  // sees the true peaks, not just the sampled ones.
  void resetExtremes();
  double minAirC() const { return minAirC_; }
  double maxAirC() const { return maxAirC_; }
  double minContentsC() const { return minContentsC_; }
  double maxContentsC() const { return maxContentsC_; }
  const LatchingContactor& contactor() const { return contactor_; }
  Ds18b20Model& thermometer() { return thermometer_; }
  const FridgeConfig& config() const { return config_; }

 private:
  void updateDoorSwitch();

  VirtualIO& io_;
  FridgeConfig config_;
  FridgeThermalState state_;
  LatchingContactor contactor_;
  Ds18b20Model thermometer_;
  bool manualDoorOpen_ = false;
  TimeMs physicsTime_ = 0;
  uint64_t compressorOnMs_ = 0;
  double minAirC_, maxAirC_, minContentsC_, maxContentsC_;
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_FRIDGE_WORLD_H
