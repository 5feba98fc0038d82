#include "fridge_thermal_model.h"

namespace emflow::world {

FridgeThermalState stepFridge(const FridgeThermalParams& params, const FridgeThermalState& state,
                              const FridgeThermalInputs& inputs, double seconds) {
  double envelope = params.wallConductanceWPerK;
  if (inputs.doorOpen) envelope += params.doorOpenConductanceWPerK;
  const double toContentsW = params.contentsConductanceWPerK * (state.airC - state.contentsC);
  double airW = envelope * (inputs.ambientC - state.airC) - toContentsW;
  if (inputs.compressorOn) airW -= params.compressorCoolingW;
  const double contentsW = toContentsW + inputs.thermalLoadW;

  FridgeThermalState next;
  next.airC = state.airC + airW * seconds / params.airHeatCapacityJPerK;
  next.contentsC = state.contentsC + contentsW * seconds / params.contentsHeatCapacityJPerK;
  return next;
}

}  // namespace emflow::world
