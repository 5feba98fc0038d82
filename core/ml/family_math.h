// Small numeric helpers shared by the non-tree model families (naive Bayes, MLP, k-NN, linear,
// elliptic envelope, Gaussian mixture). Accumulations use `double`: 64-bit on hosts and in
// WebAssembly (parity with scikit-learn's float64 to ~1e-7), 32-bit on AVR where it costs
// nothing extra.
#ifndef EMFLOW_ML_FAMILY_MATH_H
#define EMFLOW_ML_FAMILY_MATH_H

#include <stddef.h>
#include <stdint.h>

#include "model_blob.h"

namespace emflow {

// Largest n_outputs (classes, components, regression targets) a non-tree model may have:
// predict keeps one double per output on the stack.
#ifndef EMFLOW_FAMILY_MAX_OUTPUTS
#if defined(__AVR__)
#define EMFLOW_FAMILY_MAX_OUTPUTS 16
#else
#define EMFLOW_FAMILY_MAX_OUTPUTS 256
#endif
#endif

// A float of the payload, `index` floats after the payload offset `offset`.
inline float payloadF32(const ModelBlob* blob, size_t offset, size_t index) {
  return blobF32(blob->data, blob->space, blobPayloadOffset(offset + 4 * index));
}

// True when `count` floats starting at payload offset `offset` are all finite.
bool payloadAllFinite(const ModelBlob* blob, size_t offset, size_t count);

// Bytes needed by `count` items of `size` bytes, or SIZE_MAX_GUARD on overflow (so that a
// hostile count can never wrap a bounds check around).
static const size_t kSizeOverflow = ~static_cast<size_t>(0);
size_t mulSize(size_t a, size_t b);
size_t addSize(size_t a, size_t b);

// Index of the first maximum (numpy.argmax).
int32_t argmaxDouble(const double* values, uint16_t n);

// log(sum(exp(values))) computed stably (max subtracted first), as scipy.special.logsumexp.
double logsumexpDouble(const double* values, uint16_t n);

// values <- exp(values - logsumexp(values)), i.e. softmax; returns the logsumexp.
double softmaxDouble(double* values, uint16_t n);

// scipy.special.expit without overflow for large |x|.
double logistic(double x);

}  // namespace emflow

#endif  // EMFLOW_ML_FAMILY_MATH_H
