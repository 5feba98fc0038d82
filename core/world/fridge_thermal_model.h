// The heat balance of a household fridge compartment: two thermal masses and the flows
// between them. Pure physics, no time keeping; FridgeWorld steps it on a fixed grid.
//
//   ambient ──UA_wall──┐                      ┌── compressor: −Q_cool while running
//   ambient ──UA_door──┤ (only while open)    │
//                      air (+liner, shelves) ─┴──UA_contents── contents (food, drinks)
//                                                                 └── +thermal load (W)
//
// Default constants and their derivation are in docs/world.md. With them, at 22 °C ambient,
// a 4/5 °C thermostat on the air cycles the compressor about every 16 minutes at ~29 % duty.
#ifndef EMFLOW_WORLD_FRIDGE_THERMAL_MODEL_H
#define EMFLOW_WORLD_FRIDGE_THERMAL_MODEL_H

namespace emflow::world {

struct FridgeThermalParams {
  double airHeatCapacityJPerK = 12000.0;       // air 0.3 kJ/K + liner, shelves, evaporator plate
  double contentsHeatCapacityJPerK = 30000.0;  // ~8 kg of water-rich food and drinks
  double wallConductanceWPerK = 1.0;           // 250 L cabinet, 5 cm PU foam
  double contentsConductanceWPerK = 3.0;       // ~0.6 m² of food surface, natural convection
  double doorOpenConductanceWPerK = 25.0;      // air exchange ~0.02 m³/s while the door is open
  double compressorCoolingW = 60.0;            // evaporator capacity of a small fridge compressor
};

struct FridgeThermalState {
  double airC;
  double contentsC;
};

struct FridgeThermalInputs {
  double ambientC;
  bool compressorOn;
  bool doorOpen;
  double thermalLoadW;  // extra heat into the contents (warm groceries, a lamp, ...)
};

// One explicit Euler step of `seconds`. Stable and accurate for steps far below the smallest
// time constant (air with the door open: 12000 / 29 ≈ 410 s); FridgeWorld uses 0.1 s.
// Only +, −, ×, ÷: the same inputs give bit-identical results on every IEEE platform.
FridgeThermalState stepFridge(const FridgeThermalParams& params, const FridgeThermalState& state,
                              const FridgeThermalInputs& inputs, double seconds);

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_FRIDGE_THERMAL_MODEL_H
