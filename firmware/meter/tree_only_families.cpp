// The non-tree model families left out of a tree-only build, as `emflow export` leaves them out
// of a sketch whose models are all trees (core/host/firmware/export/model_sketch.cpp): their
// kinds are refused, and core/ml/families.cpp with what it includes is not linked. Linked by
// the engine-size meter (engine_sizes.sh), the size-switch test (tests/firmware/model_check.sh)
// and the sweep's blob-form builds (tests/sweep/avr_forms.py, on AVR).
#include "ml/families.h"

namespace emflow {

bool familyKindKnown(uint8_t) {
  return false;
}
Status familyOpen(const ModelBlob*, uint8_t*) {
  return kErrModelType;
}
Status familyPredict(const Model*, const float*, float*, int32_t*) {
  return kErrModelType;
}
Status familyPredictInt16(const Model*, const int16_t*, float*, int32_t*) {
  return kErrModelType;
}
ModelRole familyRole(uint8_t) {
  return kRoleUnknown;
}

}  // namespace emflow
