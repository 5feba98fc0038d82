#include "knn.h"

#include <math.h>
#include <string.h>

#include "family_math.h"

namespace emflow {

namespace {

const size_t kKnnHeaderSize = 12;

struct KnnState {
  size_t samples;  // payload offset of X
  size_t labels;   // payload offset of y
  float p;
  uint16_t nSamples;
  uint16_t k;
  uint8_t weights;
  uint8_t metric;
};

// Distance in a form that orders like the metric but is cheaper (no root), and back.
double reducedDistance(const ModelBlob* blob, const KnnState& s, uint16_t sample, const float* x) {
  const uint16_t features = blob->nFeatures;
  const size_t row = static_cast<size_t>(sample) * features;
  double acc = 0;
  for (uint16_t j = 0; j < features; ++j) {
    const double d = fabs(static_cast<double>(x[j]) - payloadF32(blob, s.samples, row + j));
    switch (s.metric) {
      case kKnnEuclidean:
        acc += d * d;
        break;
      case kKnnManhattan:
        acc += d;
        break;
      case kKnnMinkowski:
        acc += pow(d, static_cast<double>(s.p));
        break;
      default:
        if (d > acc) acc = d;
        break;
    }
  }
  return acc;
}

double trueDistance(const KnnState& s, double reduced) {
  if (s.metric == kKnnEuclidean) return sqrt(reduced);
  if (s.metric == kKnnMinkowski) return pow(reduced, 1.0 / static_cast<double>(s.p));
  return reduced;
}

uint16_t sampleLabel(const ModelBlob* blob, const KnnState& s, uint16_t sample) {
  return blobU16(blob->data, blob->space, blobPayloadOffset(s.labels + 2 * sample));
}

}  // namespace

Status knnOpen(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(KnnState) <= EMFLOW_MODEL_STATE_BYTES, "k-NN state must fit Model::state");
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  if (blob->payloadSize < kKnnHeaderSize) return kErrTruncated;
  KnnState s;
  s.nSamples = blobU16(blob->data, blob->space, blobPayloadOffset(0));
  s.k = blobU16(blob->data, blob->space, blobPayloadOffset(2));
  s.weights = blobU8(blob->data, blob->space, blobPayloadOffset(4));
  s.metric = blobU8(blob->data, blob->space, blobPayloadOffset(5));
  if (blobU16(blob->data, blob->space, blobPayloadOffset(6)) != 0) return kErrCorrupt;
  s.p = payloadF32(blob, 8, 0);
  if (s.weights > kKnnDistance || s.metric > kKnnChebyshev) return kErrCorrupt;
  if (!blobFinite(s.p) || (s.metric == kKnnMinkowski && !(s.p >= 1.0f))) return kErrCorrupt;
  if (s.k == 0 || s.k > s.nSamples || s.k > EMFLOW_KNN_MAX_K) return kErrOutOfRange;
  if (blob->nOutputs < 2 || blob->nOutputs > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  const size_t values = mulSize(s.nSamples, blob->nFeatures);
  s.samples = kKnnHeaderSize;
  s.labels = addSize(s.samples, mulSize(4, values));
  const size_t expected = addSize(s.labels, mulSize(2, s.nSamples));
  if (expected == kSizeOverflow || blob->payloadSize < expected) return kErrTruncated;
  if (blob->payloadSize > expected) return kErrCorrupt;
  if (!payloadAllFinite(blob, s.samples, values)) return kErrCorrupt;
  for (uint16_t i = 0; i < s.nSamples; ++i)
    if (sampleLabel(blob, s, i) >= blob->nOutputs) return kErrOutOfRange;
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status knnPredict(const Model* model, const float* features, float* outputs, int32_t* label) {
  const ModelBlob* blob = &model->blob;
  KnnState s;
  memcpy(&s, model->state.other, sizeof s);
  // The k best so far, sorted by distance; a newcomer must be strictly closer to enter, so
  // among equal distances the earlier training sample stays.
  double best[EMFLOW_KNN_MAX_K];
  uint16_t index[EMFLOW_KNN_MAX_K];
  uint16_t found = 0;
  for (uint16_t i = 0; i < s.nSamples; ++i) {
    const double d = reducedDistance(blob, s, i, features);
    if (found == s.k && !(d < best[found - 1])) continue;
    uint16_t pos = found < s.k ? found++ : static_cast<uint16_t>(s.k - 1);
    while (pos > 0 && d < best[pos - 1]) {
      best[pos] = best[pos - 1];
      index[pos] = index[pos - 1];
      --pos;
    }
    best[pos] = d;
    index[pos] = i;
  }
  const uint16_t classes = blob->nOutputs;
  double weight[EMFLOW_FAMILY_MAX_OUTPUTS];
  for (uint16_t c = 0; c < classes; ++c) weight[c] = 0;
  const bool exactMatch = s.weights == kKnnDistance && best[0] == 0;
  for (uint16_t n = 0; n < found; ++n) {
    double w = 1.0;
    if (s.weights == kKnnDistance)
      w = exactMatch ? (best[n] == 0 ? 1.0 : 0.0) : 1.0 / trueDistance(s, best[n]);
    weight[sampleLabel(blob, s, index[n])] += w;
  }
  double total = 0;
  for (uint16_t c = 0; c < classes; ++c) total += weight[c];
  if (total == 0) total = 1;  // sklearn: a zero normaliser is replaced by 1
  for (uint16_t c = 0; c < classes; ++c) outputs[c] = static_cast<float>(weight[c] / total);
  if (label) *label = argmaxDouble(weight, classes);
  return kOk;
}

}  // namespace emflow
