#include "elliptic.h"

#include "family_math.h"

namespace emflow {

Status ellipticOpen(const ModelBlob* blob, uint8_t* state) {
  (void)state;  // the layout follows from n_features alone
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  if (blob->nOutputs != 2) return kErrOutOfRange;
  const size_t f = blob->nFeatures;
  const size_t floats = addSize(addSize(f, mulSize(f, f)), 1);
  const size_t expected = mulSize(4, floats);
  if (expected == kSizeOverflow || blob->payloadSize < expected) return kErrTruncated;
  if (blob->payloadSize > expected) return kErrCorrupt;
  if (!payloadAllFinite(blob, 0, floats)) return kErrCorrupt;
  return kOk;
}

Status ellipticPredict(const Model* model, const float* features, float* outputs, int32_t* label) {
  const ModelBlob* blob = &model->blob;
  const uint16_t f = blob->nFeatures;
  const size_t precision = 4 * static_cast<size_t>(f);
  const size_t offset = precision + 4 * static_cast<size_t>(f) * f;
  double mahalanobis = 0;
  for (uint16_t i = 0; i < f; ++i) {
    const double ci = static_cast<double>(features[i]) - payloadF32(blob, 0, i);
    double row = 0;
    for (uint16_t j = 0; j < f; ++j) {
      const double cj = static_cast<double>(features[j]) - payloadF32(blob, 0, j);
      row += cj * payloadF32(blob, precision, static_cast<size_t>(i) * f + j);
    }
    mahalanobis += row * ci;
  }
  const double score = -mahalanobis;
  const double decision = score - payloadF32(blob, offset, 0);
  outputs[0] = static_cast<float>(score);
  outputs[1] = static_cast<float>(decision);
  if (label) *label = decision >= 0 ? 1 : -1;
  return kOk;
}

}  // namespace emflow
