// A recording of the activity world's analog inputs played onto a simulated board's ADC, for
// the simavr harnesses (tests/flash/bootloader_board.cpp, tests/firmware/activity_mega_board.cpp).
// The file is what `emflow run ... --adc FILE` writes: a header, then time_ms,a0,a1,a2 in ADC
// counts (0..1023), times rising from 0, each row holding until the next.
//
// simavr converts millivolts against AVCC (the Arduino core's DEFAULT reference): with AVCC at
// 5000 mV, count c is sent as ceil(c * 5000 / 1023) mV, which simavr's floor(mV * 1023 / 5000)
// turns back into exactly c. The channel converted is the one the firmware's ADMUX/ADCSRB
// select (simavr's trigger IRQ names it), so a pin map that sends A0 to another channel reads
// another series. Header-only: each harness is one g++ command.
#ifndef EMFLOW_TESTS_BOARD_ADC_RECORDING_H
#define EMFLOW_TESTS_BOARD_ADC_RECORDING_H

#include <simavr/avr_adc.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace emflow_tests {

constexpr uint32_t kAdcAvccMillivolts = 5000;

struct AdcRecording {
  std::vector<int64_t> times;
  std::vector<std::array<uint32_t, 3>> counts;  // [row][channel 0..2]
  size_t row = 0;  // the board's time only moves forward: a moving index, no search

  // Reads `path`; false with *error ("PATH:LINE: what") when it is not such a recording.
  bool read(const std::string& path, std::string* error) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) {
      *error = path + ": cannot read it";
      return false;
    }
    for (int n = 2; std::getline(in, line); ++n) {
      if (line.empty()) continue;
      long long t;
      unsigned a, b, c;
      char rest;
      if (std::sscanf(line.c_str(), "%lld,%u,%u,%u%c", &t, &a, &b, &c, &rest) != 4 || a > 1023 ||
          b > 1023 || c > 1023 || (!times.empty() && t <= times.back())) {
        *error = path + ":" + std::to_string(n) +
                 ": expected time_ms,a0,a1,a2 (counts 0..1023, times rising), got \"" + line + "\"";
        return false;
      }
      times.push_back(t);
      counts.push_back({a, b, c});
    }
    if (times.empty() || times[0] != 0) {
      *error = path + ": the recording must start at time 0";
      return false;
    }
    return true;
  }

  // The counts on `channel` at world time `ms` (0 V past A2: no recording there).
  uint32_t countsAt(int64_t ms, unsigned channel) {
    while (row + 1 < times.size() && times[row + 1] <= ms) ++row;
    return channel < 3 ? counts[row][channel] : 0;
  }
};

// The channel of a conversion that starts (ADC_IRQ_OUT_TRIGGER's value); false for a
// differential one.
inline bool adcSingleChannel(uint32_t trigger, unsigned* channel) {
  union {
    avr_adc_mux_t mux;
    uint32_t v;
  } e;
  e.v = trigger;
  *channel = e.mux.src;
  return e.mux.kind == ADC_MUX_SINGLE;
}

// Puts `counts` on ADC channel `channel` of `avr` (as millivolts of AVCC, above).
inline void putAdcCounts(avr_t* avr, unsigned channel, uint32_t counts) {
  avr_raise_irq(avr_io_getirq(avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0 + (channel & 7)),
                (counts * kAdcAvccMillivolts + 1022) / 1023);
}

}  // namespace emflow_tests

#endif  // EMFLOW_TESTS_BOARD_ADC_RECORDING_H
