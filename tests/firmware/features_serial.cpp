// WindowFeatures' arithmetic alone on the ATmega328P, over serial, for
// tests/firmware/features_parity.mjs: does avr-libc's float math (sqrtf, the FFT's butterflies
// on its twiddle table, avr-gcc's 32-bit float) give the native build's features, bit for bit?
//
// The same code as the activity sketch's WindowFeatures node (WindowBuffer of
// core/components/window_features.h, core/dsp), configured as examples/activity.fbp configures
// it (WINDOW_SIZE x WINDOW_CHANNELS, WINDOW_BANDS bands). Each input line holds one window of
// ADC counts, frame after frame (x0,y0,z0,x1,...); the answer line is every feature as the 8
// hex digits of its float's bits (exact, no decimal printing), then the Timer1 cycles the
// features took: "F 43888000,3f8f1bbd,...;cycles 377216". A bad line answers "error ...".
#include <avr/io.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "avr/uart0.h"
#include "components/window_features.h"

#ifndef WINDOW_SIZE
#define WINDOW_SIZE 16
#endif
#ifndef WINDOW_CHANNELS
#define WINDOW_CHANNELS 3
#endif
#ifndef WINDOW_BANDS
#define WINDOW_BANDS 4
#endif

namespace {

const uint8_t kValues = WINDOW_SIZE * WINDOW_CHANNELS;
char line[kValues * 6 + 8];

// Reads one line (without its end) from USART0, polled; false if it does not fit.
bool readLine() {
  uint16_t length = 0;
  bool fits = true;
  for (;;) {
    while (!(UCSR0A & _BV(RXC0))) {
    }
    const char c = static_cast<char>(UDR0);
    if (c == '\n') break;
    if (c == '\r') continue;
    if (length + 1 < sizeof line)
      line[length++] = c;
    else
      fits = false;
  }
  line[length] = '\0';
  return fits;
}

void printHex(uint32_t word) {
  char text[9];
  for (int8_t i = 7; i >= 0; --i) {
    const uint8_t nibble = word & 0xF;
    text[i] = static_cast<char>(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    word >>= 4;
  }
  text[8] = '\0';
  emflow::uart0::print(text);
}

}  // namespace

int main() {
  emflow::uart0::begin();
  UCSR0B |= _BV(RXEN0);
  TCCR1A = 0;
  TCCR1B = _BV(CS11) | _BV(CS10);  // Timer1 at 16 MHz / 64: 4 us ticks, 262 ms before it wraps
  static emflow::WindowBuffer window;
  if (window.configure(WINDOW_SIZE, WINDOW_CHANNELS, WINDOW_BANDS) != emflow::kOk) {
    emflow::uart0::print("error configure\n");
    for (;;) {
    }
  }
  emflow::uart0::print("ready\n");
  for (;;) {
    if (!readLine()) {
      emflow::uart0::print("error line too long\n");
      continue;
    }
    // Parse every value first, so a bad line leaves the window empty.
    float values[kValues];
    char* cursor = line;
    uint8_t count = 0;
    bool good = true;
    while (good && count < kValues) {
      char* end;
      const long v = strtol(cursor, &end, 10);
      good = end != cursor && v >= 0 && v <= 1023 && (*end == ',' || *end == '\0');
      values[count++] = static_cast<float>(v);
      cursor = *end ? end + 1 : end;
    }
    if (!good || count != kValues || *cursor != '\0') {
      emflow::uart0::print("error expected 48 counts 0..1023\n");
      continue;
    }
    float features[WINDOW_CHANNELS][emflow::dsp::kBasicFeatureCount + WINDOW_BANDS];
    TCNT1 = 0;
    // As WindowFeatures::process: push every sample, then the features channel by channel.
    for (uint8_t i = 0; i < kValues; ++i) window.push(values[i]);
    for (uint8_t c = 0; c < WINDOW_CHANNELS; ++c) window.channelFeatures(c, features[c]);
    const uint32_t cycles = static_cast<uint32_t>(TCNT1) * 64;
    emflow::uart0::print("F ");
    for (uint8_t c = 0; c < WINDOW_CHANNELS; ++c) {
      for (uint8_t i = 0; i < window.channelFeatureCount(); ++i) {
        uint32_t bits;
        memcpy(&bits, &features[c][i], 4);
        if (c || i) emflow::uart0::print(",");
        printHex(bits);
      }
    }
    emflow::uart0::print(";cycles ");
    emflow::uart0::printNumber(static_cast<int32_t>(cycles));
    emflow::uart0::print("\n");
  }
}
