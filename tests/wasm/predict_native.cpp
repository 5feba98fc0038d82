// The native half of the WASM/native prediction ratio in tests/wasm/bench.mjs: predicts the
// same rows with the same model blob as the engine's ModelRunner::predict does (float models
// directly, int16 models with the features rounded), and prints the best time per row of
// several passes. tests/bench/wasm.sh compiles it with the device sources at -O2.
//
//   predict_native MODEL.bin FEATURES.f32 ROWS PASSES  →  "ns_per_row <n> checksum <sum>"
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include <chrono>
#include <vector>

#include "ml/model.h"

namespace {

bool readFile(const char* path, std::vector<uint8_t>* out) {
  FILE* file = fopen(path, "rb");
  if (!file) return false;
  uint8_t chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, file)) > 0) out->insert(out->end(), chunk, chunk + n);
  fclose(file);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: predict_native MODEL.bin FEATURES.f32 ROWS PASSES\n");
    return 2;
  }
  std::vector<uint8_t> blob, raw;
  if (!readFile(argv[1], &blob) || !readFile(argv[2], &raw)) {
    fprintf(stderr, "predict_native: cannot read %s or %s\n", argv[1], argv[2]);
    return 1;
  }
  emflow::Model model{};
  if (emflow::modelOpen(&model, blob.data(), blob.size(), emflow::kMemoryRam) != emflow::kOk) {
    fprintf(stderr, "predict_native: %s is not a model blob\n", argv[1]);
    return 1;
  }
  const size_t rows = static_cast<size_t>(atol(argv[3]));
  const int passes = atoi(argv[4]);
  const size_t nf = model.blob.nFeatures, no = model.blob.nOutputs;
  if (raw.size() != rows * nf * sizeof(float)) {
    fprintf(stderr, "predict_native: %s holds %zu bytes, expected %zu rows x %zu floats\n", argv[2],
            raw.size(), rows, nf);
    return 1;
  }
  const float* features = reinterpret_cast<const float*>(raw.data());
  std::vector<float> outputs(rows * no);
  std::vector<int32_t> labels(rows);
  std::vector<int16_t> fixed(nf);
  double best = 1e30;
  double checksum = 0;
  for (int pass = 0; pass < passes; ++pass) {
    const auto start = std::chrono::steady_clock::now();
    for (size_t r = 0; r < rows; ++r) {
      const float* row = features + r * nf;
      if (emflow::modelIsInt16(&model)) {
        for (size_t f = 0; f < nf; ++f) fixed[f] = static_cast<int16_t>(nearbyintf(row[f]));
        emflow::modelPredictInt16(&model, fixed.data(), nf, &outputs[r * no], no, &labels[r]);
      } else {
        emflow::modelPredict(&model, row, nf, &outputs[r * no], no, &labels[r]);
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds < best) best = seconds;
  }
  for (size_t r = 0; r < rows; ++r) checksum += labels[r] + outputs[r * no];
  printf("ns_per_row %.2f checksum %.6g\n", best / rows * 1e9, checksum);
  return 0;
}
