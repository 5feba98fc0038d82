#include "family_math.h"

#include <math.h>

namespace emflow {

bool payloadAllFinite(const ModelBlob* blob, size_t offset, size_t count) {
  for (size_t i = 0; i < count; ++i)
    if (!blobFinite(payloadF32(blob, offset, i))) return false;
  return true;
}

size_t mulSize(size_t a, size_t b) {
  if (a != 0 && b > kSizeOverflow / a) return kSizeOverflow;
  return a * b;
}

size_t addSize(size_t a, size_t b) {
  if (a > kSizeOverflow - b) return kSizeOverflow;
  return a + b;
}

int32_t argmaxDouble(const double* values, uint16_t n) {
  uint16_t best = 0;
  for (uint16_t i = 1; i < n; ++i)
    if (values[i] > values[best]) best = i;
  return best;
}

double logsumexpDouble(const double* values, uint16_t n) {
  double top = values[0];
  for (uint16_t i = 1; i < n; ++i)
    if (values[i] > top) top = values[i];
  if (top - top != 0) return top;  // +-inf (or NaN): nothing to scale
  double sum = 0;
  for (uint16_t i = 0; i < n; ++i) sum += exp(values[i] - top);
  return top + log(sum);
}

double softmaxDouble(double* values, uint16_t n) {
  const double lse = logsumexpDouble(values, n);
  for (uint16_t i = 0; i < n; ++i) values[i] = exp(values[i] - lse);
  return lse;
}

double logistic(double x) {
  if (x >= 0) return 1.0 / (1.0 + exp(-x));
  const double e = exp(x);
  return e / (1.0 + e);
}

}  // namespace emflow
