// The trainers' own pseudo-random generator: PCG32 (64-bit LCG state, xorshift + rotate output).
// Written out here instead of using <random> distributions, whose outputs differ between
// libstdc++, libc++ and Emscripten: the same seed must give byte-identical models natively
// and in WebAssembly. Only integer arithmetic, so every platform computes the same stream.
#ifndef EMFLOW_HOST_TRAIN_RANDOM_H
#define EMFLOW_HOST_TRAIN_RANDOM_H

#include <cstdint>

namespace emflow::train {

class Random {
 public:
  // `stream` selects one of 2^63 independent sequences (one per tree of a forest).
  explicit Random(uint64_t seed, uint64_t stream = 0) : increment_((stream << 1) | 1u) {
    nextU32();
    state_ += seed;
    nextU32();
  }

  uint32_t nextU32() {
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + increment_;
    const uint32_t mixed = static_cast<uint32_t>(((old >> 18) ^ old) >> 27);
    const uint32_t rotation = static_cast<uint32_t>(old >> 59);
    return (mixed >> rotation) | (mixed << ((32u - rotation) & 31u));
  }

  // Uniform integer in [0, bound), bound >= 1, without modulo bias (rejects the short tail).
  uint32_t below(uint32_t bound) {
    const uint32_t threshold = static_cast<uint32_t>(-bound) % bound;
    for (;;) {
      const uint32_t r = nextU32();
      if (r >= threshold) return r % bound;
    }
  }

  // Uniform integer in [low, high), low < high.
  uint32_t between(uint32_t low, uint32_t high) { return low + below(high - low); }

  // Uniform double in [0, 1) with 53 random bits (exact, no platform-dependent rounding).
  double uniform() {
    const uint64_t high = nextU32() >> 5;  // 27 bits
    const uint64_t low = nextU32() >> 6;   // 26 bits
    return static_cast<double>((high << 26) | low) * (1.0 / 9007199254740992.0);
  }

 private:
  uint64_t state_ = 0;
  uint64_t increment_;
};

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_RANDOM_H
