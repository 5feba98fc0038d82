// A small seedable pseudo-random generator for the virtual world (sensor noise).
// SplitMix64 with integer-only arithmetic, so the same seed gives the same sequence natively,
// in WebAssembly and on any standard library (std::normal_distribution is not portable).
#ifndef EMFLOW_WORLD_RANDOM_H
#define EMFLOW_WORLD_RANDOM_H

#include <cstdint>

namespace emflow::world {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1) with 53 bits, exact in IEEE double arithmetic.
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

  // Triangular noise in (-amplitude, +amplitude), mean 0: the sum of two uniforms. Bounded,
  // which lets tests state an explicit worst case, and needs no log/cos from libm.
  double triangular(double amplitude) { return amplitude * (uniform() + uniform() - 1.0); }

 private:
  uint64_t state_;
};

}  // namespace emflow::world

#endif  // EMFLOW_WORLD_RANDOM_H
