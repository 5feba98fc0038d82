#include "features.h"

#include <math.h>
#include <stddef.h>

#include "fft.h"

namespace emflow {
namespace dsp {

Status basicFeatures(const float* x, uint16_t n, uint16_t stride, BasicFeatures* out) {
  if (!x || !out) return kErrBufferTooSmall;
  if (n == 0 || stride == 0) return kErrOutOfRange;
  float sum = 0.0f, sumSquares = 0.0f;
  float lo = x[0], hi = x[0];
  uint16_t crossings = 0;
  bool previousNegative = x[0] < 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const float v = x[i * stride];
    sum += v;
    sumSquares += v * v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    const bool negative = v < 0.0f;
    if (negative != previousNegative) ++crossings;
    previousNegative = negative;
  }
  const float mean = sum / static_cast<float>(n);
  // Second pass for the variance: sum((x - mean)^2) does not cancel catastrophically the way
  // sumSquares/n - mean^2 does when the mean is large compared to the spread.
  float deviations = 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const float d = x[i * stride] - mean;
    deviations += d * d;
  }
  out->mean = mean;
  out->std = sqrtf(deviations / static_cast<float>(n));
  out->min = lo;
  out->max = hi;
  out->rms = sqrtf(sumSquares / static_cast<float>(n));
  out->zeroCrossings = crossings;
  return kOk;
}

void basicFeaturesToArray(const BasicFeatures& features, float* out) {
  out[0] = features.mean;
  out[1] = features.std;
  out[2] = features.min;
  out[3] = features.max;
  out[4] = features.rms;
  out[5] = static_cast<float>(features.zeroCrossings);
}

Status bandEnergies(const float* x, uint16_t n, uint16_t stride, const uint16_t* edges,
                    uint8_t bandCount, float* scratch, float* energies) {
  if (!x || !edges || !scratch || !energies) return kErrBufferTooSmall;
  if (stride == 0 || bandCount == 0 || !fftSizeSupported(n)) return kErrOutOfRange;
  const uint16_t binCount = n / 2 + 1;
  for (uint8_t b = 0; b < bandCount; ++b)
    if (edges[b] >= edges[b + 1] || edges[b + 1] > binCount) return kErrOutOfRange;
  for (size_t i = 0; i < n; ++i) scratch[i] = x[i * stride];
  Status status = rfft(scratch, n);
  if (status != kOk) return status;
  for (uint8_t b = 0; b < bandCount; ++b) {
    float energy = 0.0f;
    for (uint16_t k = edges[b]; k < edges[b + 1]; ++k) energy += rfftBinPower(scratch, n, k);
    energies[b] = energy;
  }
  return kOk;
}

Status equalBandEdges(uint16_t n, uint16_t firstBin, uint8_t bandCount, uint16_t* edges) {
  if (!edges) return kErrBufferTooSmall;
  const uint16_t binCount = n / 2 + 1;
  if (bandCount == 0 || firstBin >= binCount || binCount - firstBin < bandCount)
    return kErrOutOfRange;
  const uint32_t span = binCount - firstBin;
  for (uint16_t b = 0; b <= bandCount; ++b)
    edges[b] = static_cast<uint16_t>(firstBin + span * b / bandCount);
  return kOk;
}

}  // namespace dsp
}  // namespace emflow
