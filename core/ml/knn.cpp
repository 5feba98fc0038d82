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
  uint16_t n_samples;
  uint16_t k;
  uint8_t weights;
  uint8_t metric;
};

// Distance in a form that orders like the metric but is cheaper (no root), and back.
double reduced_distance(const ModelBlob* blob, const KnnState& s, uint16_t sample, const float* x) {
  const uint16_t features = blob->n_features;
  const size_t row = static_cast<size_t>(sample) * features;
  double acc = 0;
  for (uint16_t j = 0; j < features; ++j) {
    const double d = fabs(static_cast<double>(x[j]) - payload_f32(blob, s.samples, row + j));
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

double true_distance(const KnnState& s, double reduced) {
  if (s.metric == kKnnEuclidean) return sqrt(reduced);
  if (s.metric == kKnnMinkowski) return pow(reduced, 1.0 / static_cast<double>(s.p));
  return reduced;
}

uint16_t sample_label(const ModelBlob* blob, const KnnState& s, uint16_t sample) {
  return blob_u16(blob->data, blob->space, blob_payload_offset(s.labels + 2 * sample));
}

}  // namespace

Status knn_open(const ModelBlob* blob, uint8_t* state) {
  static_assert(sizeof(KnnState) <= EMFLOW_MODEL_STATE_BYTES, "k-NN state must fit Model::state");
  if (blob->flags & kModelFlagInt16) return kErrModelType;
  if (blob->payload_size < kKnnHeaderSize) return kErrTruncated;
  KnnState s;
  s.n_samples = blob_u16(blob->data, blob->space, blob_payload_offset(0));
  s.k = blob_u16(blob->data, blob->space, blob_payload_offset(2));
  s.weights = blob_u8(blob->data, blob->space, blob_payload_offset(4));
  s.metric = blob_u8(blob->data, blob->space, blob_payload_offset(5));
  if (blob_u16(blob->data, blob->space, blob_payload_offset(6)) != 0) return kErrCorrupt;
  s.p = payload_f32(blob, 8, 0);
  if (s.weights > kKnnDistance || s.metric > kKnnChebyshev) return kErrCorrupt;
  if (!blob_finite(s.p) || (s.metric == kKnnMinkowski && !(s.p >= 1.0f))) return kErrCorrupt;
  if (s.k == 0 || s.k > s.n_samples || s.k > EMFLOW_KNN_MAX_K) return kErrOutOfRange;
  if (blob->n_outputs < 2 || blob->n_outputs > EMFLOW_FAMILY_MAX_OUTPUTS) return kErrOutOfRange;
  const size_t values = mul_size(s.n_samples, blob->n_features);
  s.samples = kKnnHeaderSize;
  s.labels = add_size(s.samples, mul_size(4, values));
  const size_t expected = add_size(s.labels, mul_size(2, s.n_samples));
  if (expected == kSizeOverflow || blob->payload_size < expected) return kErrTruncated;
  if (blob->payload_size > expected) return kErrCorrupt;
  if (!payload_all_finite(blob, s.samples, values)) return kErrCorrupt;
  for (uint16_t i = 0; i < s.n_samples; ++i)
    if (sample_label(blob, s, i) >= blob->n_outputs) return kErrOutOfRange;
  memcpy(state, &s, sizeof s);
  return kOk;
}

Status knn_predict(const Model* model, const float* features, float* outputs, int32_t* label) {
  const ModelBlob* blob = &model->blob;
  KnnState s;
  memcpy(&s, model->state.other, sizeof s);
  // The k best so far, sorted by distance; a newcomer must be strictly closer to enter, so
  // among equal distances the earlier training sample stays.
  double best[EMFLOW_KNN_MAX_K];
  uint16_t index[EMFLOW_KNN_MAX_K];
  uint16_t found = 0;
  for (uint16_t i = 0; i < s.n_samples; ++i) {
    const double d = reduced_distance(blob, s, i, features);
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
  const uint16_t classes = blob->n_outputs;
  double weight[EMFLOW_FAMILY_MAX_OUTPUTS];
  for (uint16_t c = 0; c < classes; ++c) weight[c] = 0;
  const bool exact_match = s.weights == kKnnDistance && best[0] == 0;
  for (uint16_t n = 0; n < found; ++n) {
    double w = 1.0;
    if (s.weights == kKnnDistance)
      w = exact_match ? (best[n] == 0 ? 1.0 : 0.0) : 1.0 / true_distance(s, best[n]);
    weight[sample_label(blob, s, index[n])] += w;
  }
  double total = 0;
  for (uint16_t c = 0; c < classes; ++c) total += weight[c];
  if (total == 0) total = 1;  // sklearn: a zero normaliser is replaced by 1
  for (uint16_t c = 0; c < classes; ++c) outputs[c] = static_cast<float>(weight[c] / total);
  if (label) *label = argmax_double(weight, classes);
  return kOk;
}

}  // namespace emflow
