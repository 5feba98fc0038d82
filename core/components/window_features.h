// WindowFeatures: the sensor-to-features step in a graph. Collects SIZE samples per channel
// (samples arrive interleaved: channel 0, 1, ..., CHANNELS-1, then the next frame) and, when a
// window is full, sends its features as one bracketed sequence of floats — BracketOpen, per
// channel [mean, std, min, max, rms, zero crossings, BANDS band energies], BracketClose — the
// input that Classify / Regress / AnomalyScore expect. Windows do not overlap. The
// definitions are those of core/dsp/features.h (docs/dsp.md); band b of a channel sums the
// FFT power of bins [1 + b*(SIZE/2)/BANDS, 1 + (b+1)*(SIZE/2)/BANDS) — the DC bin is left out
// (it is the mean).
//
// The samples live in the node's state (at most 255 bytes per node), so SIZE * CHANNELS is
// limited to EMFLOW_WINDOW_CAPACITY floats: 8 on AVR, 56 on hosts.
#ifndef EMFLOW_COMPONENTS_WINDOW_FEATURES_H
#define EMFLOW_COMPONENTS_WINDOW_FEATURES_H

#include "../dsp/features.h"
#include "../dsp/fft.h"
#include "../runtime/component.h"

#ifndef EMFLOW_WINDOW_CAPACITY
#if defined(__AVR__)
#define EMFLOW_WINDOW_CAPACITY 8
#else
#define EMFLOW_WINDOW_CAPACITY 56
#endif
#endif

#define EMFLOW_DESCRIBE_WindowFeatures(COMPONENT, IN, OUT)                                       \
  COMPONENT("WindowFeatures", "signal",                                                          \
            "Collects SIZE samples per channel and sends, per channel, mean, std, min, max, "    \
            "rms, zero crossings and BANDS FFT band energies as a bracketed sequence of "        \
            "numbers.")                                                                          \
  IN(in, "number", false, "", "Samples, interleaved by channel (channel 0, 1, ..., next frame)") \
  IN(size, "int", false, "8", "Samples per channel in a window (SIZE * CHANNELS <= capacity)")   \
  IN(channels, "int", false, "1", "Number of interleaved channels")                              \
  IN(bands, "int", false, "0", "FFT band energies per channel (SIZE a power of two), 0 = none")  \
  IN(reset, "bang", false, "", "Drops the samples of the window being collected")                \
  OUT(out, "array", false, "", "Features: bracket open, CHANNELS * (6 + BANDS) numbers, close")

namespace emflow {

// The window itself, without the network: configuration, samples, feature computation.
struct WindowBuffer {
  enum { kCapacity = EMFLOW_WINDOW_CAPACITY, kMaxBands = EMFLOW_WINDOW_CAPACITY / 2 };
  float samples[kCapacity];  // frame after frame
  uint8_t size;              // samples per channel
  uint8_t channels;
  uint8_t bands;
  uint8_t filled;  // samples received in the current window (all channels)

  // Checks and applies a configuration; the window restarts. kErrOutOfRange leaves the old one.
  Status configure(int32_t newSize, int32_t newChannels, int32_t newBands) {
    if (newSize < 1 || newChannels < 1 || newBands < 0) return kErrOutOfRange;
    if (newSize > kCapacity || newChannels > kCapacity) return kErrOutOfRange;  // no overflow
    if (newSize * newChannels > kCapacity) return kErrOutOfRange;
    if (newBands > 0 &&
        (!dsp::fftSizeSupported(static_cast<uint16_t>(newSize)) || newBands > newSize / 2))
      return kErrOutOfRange;
    size = static_cast<uint8_t>(newSize);
    channels = static_cast<uint8_t>(newChannels);
    bands = static_cast<uint8_t>(newBands);
    filled = 0;
    return kOk;
  }

  // Adds one sample; true when it completed a window (then channelFeatures() is valid; the next
  // sample starts a new window).
  bool push(float value) {
    if (filled >= size * channels) filled = 0;
    samples[filled++] = value;
    return filled == size * channels;
  }

  uint8_t channelFeatureCount() const { return dsp::kBasicFeatureCount + bands; }
  uint16_t featureCount() const { return channels * channelFeatureCount(); }

  // Writes the channelFeatureCount() features of channel `c` of the completed window.
  Status channelFeatures(uint8_t c, float* out) const {
    if (c >= channels) return kErrOutOfRange;
    dsp::BasicFeatures basic;
    Status status = dsp::basicFeatures(samples + c, size, channels, &basic);
    if (status != kOk) return status;
    dsp::basicFeaturesToArray(basic, out);
    if (bands == 0) return kOk;
    uint16_t edges[kMaxBands + 1];
    float scratch[kCapacity];
    status = dsp::equalBandEdges(size, 1, bands, edges);
    if (status != kOk) return status;
    return dsp::bandEnergies(samples + c, size, channels, edges, bands, scratch,
                             out + dsp::kBasicFeatureCount);
  }
};

struct WindowFeatures : ComponentBase {
  EMFLOW_PORT_ENUMS(WindowFeatures)
  WindowBuffer window;

  void start(Context&) { window.configure(window.kCapacity < 8 ? window.kCapacity : 8, 1, 0); }

  void process(Context& ctx, const Packet& packet, uint8_t port) {
    if (port == kIn_reset) {
      window.filled = 0;
      return;
    }
    if (!packet.isData()) return ctx.reject(port, kErrBadPacket);
    if (port == kIn_in) {
      if (!window.push(packet.asFloat())) return;
      // Computed channel by channel, so only one channel's features are on the stack.
      ctx.send(kOut_out, Packet::BracketOpen());
      for (uint8_t c = 0; c < window.channels; ++c) {
        float features[dsp::kBasicFeatureCount + WindowBuffer::kMaxBands];
        const Status status = window.channelFeatures(c, features);
        if (status != kOk) ctx.reject(port, status);  // not reached: configure() validated
        for (uint8_t i = 0; i < window.channelFeatureCount(); ++i)
          ctx.send(kOut_out, Packet::Float(status == kOk ? features[i] : 0.0f));
      }
      ctx.send(kOut_out, Packet::BracketClose());
      return;
    }
    int32_t size = window.size, channels = window.channels, bands = window.bands;
    if (port == kIn_size) size = packet.asInt();
    if (port == kIn_channels) channels = packet.asInt();
    if (port == kIn_bands) bands = packet.asInt();
    const Status status = window.configure(size, channels, bands);
    if (status != kOk) ctx.reject(port, status);
  }
};

static_assert(sizeof(WindowFeatures) <= 255, "a node's state is at most 255 bytes");

}  // namespace emflow

#endif  // EMFLOW_COMPONENTS_WINDOW_FEATURES_H
