// Window features: the numbers a classifier sees for a window of N samples of one channel.
//
//   mean            sum(x) / N
//   std             population standard deviation (numpy's default, ddof = 0), two-pass
//   min, max
//   rms             sqrt(sum(x^2) / N)
//   zero crossings  number of i in 1..N-1 where x[i-1] and x[i] lie on different sides of zero,
//                   with 0 counted as positive (numpy: count_nonzero(diff(signbit(x))) for
//                   inputs without -0.0)
//   band energies   sum of |X[k]|^2 over FFT bins k in [edges[b], edges[b+1]) for each band b,
//                   X = numpy.fft.rfft(x) (bins 0 .. N/2); N must be a power of two
//
// Samples are read with a stride, so interleaved multi-channel buffers (frame after frame)
// need no copy. The caller owns all buffers; the FFT needs a scratch buffer of N floats.
#ifndef EMFLOW_DSP_FEATURES_H
#define EMFLOW_DSP_FEATURES_H

#include <stdint.h>

#include "runtime/status.h"

namespace emflow {
namespace dsp {

struct BasicFeatures {
  float mean, std, min, max, rms;
  uint16_t zeroCrossings;
};

enum { kBasicFeatureCount = 6 };  // mean std min max rms zero_crossings, in that order

// Statistics of x[0], x[stride], ..., x[(n-1)*stride]. n == 0 or stride == 0 is kErrOutOfRange.
Status basicFeatures(const float* x, uint16_t n, uint16_t stride, BasicFeatures* out);

// Writes the six basic features into out[0..5] in the documented order.
void basicFeaturesToArray(const BasicFeatures& features, float* out);

// Energy of each of `bandCount` bands. `edges` holds bandCount+1 increasing bin indices in
// 0 .. n/2+1 (exclusive upper edge). `scratch` holds n floats. n must be a supported FFT size.
Status bandEnergies(const float* x, uint16_t n, uint16_t stride, const uint16_t* edges,
                    uint8_t bandCount, float* scratch, float* energies);

// Fills edges[0..bandCount] with bands of (nearly) equal width covering bins
// [firstBin, n/2 + 1). firstBin = 1 leaves the DC bin out. Returns kErrOutOfRange when
// there are fewer bins than bands.
Status equalBandEdges(uint16_t n, uint16_t firstBin, uint8_t bandCount, uint16_t* edges);

}  // namespace dsp
}  // namespace emflow

#endif  // EMFLOW_DSP_FEATURES_H
