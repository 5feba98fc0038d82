// Native predictions per second for the reference tree model (RandomForestClassifier,
// 10 trees, max_depth 8, 8 features; see tests/avr/make_reference.py): the general engine on
// the float and int16 blobs, the generated inline code and the generated compact tables
// (int16, both APIs: fixed-point predict_label and float predict).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

#include "ml/model.h"
#include "../avr/fixtures/reference_inline.h"
#include "../avr/fixtures/reference_tables.h"

namespace {

const char* kFixtures = EMFLOW_SOURCE_DIR "/tests/avr/fixtures/";
const int kRows = 1024;

std::vector<uint8_t> load(const char* name) {
  std::ifstream in(std::string(kFixtures) + name, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Deterministic rows in the range of the training data (features about N(0, 1) x 1000).
std::vector<int16_t> int16_rows() {
  std::vector<int16_t> rows(kRows * 8);
  uint32_t state = 12345;
  for (int16_t& v : rows) {
    state = state * 1664525u + 1013904223u;
    v = static_cast<int16_t>(static_cast<int32_t>(state >> 16) % 6000 - 3000);
  }
  return rows;
}

void BM_TableFloat(benchmark::State& state) {
  const std::vector<uint8_t> blob = load("reference_float.bin");
  emflow::Model model;
  if (emflow::modelOpen(&model, blob.data(), blob.size(), emflow::kMemoryRam) != emflow::kOk)
    return state.SkipWithError("cannot open reference_float.bin");
  const std::vector<int16_t> ints = int16_rows();
  std::vector<float> rows(ints.begin(), ints.end());
  for (float& v : rows) v /= 1000.0f;
  float out[2];
  int32_t label = 0, row = 0;
  for (auto _ : state) {
    emflow::modelPredict(&model, &rows[row * 8], 8, out, 2, &label);
    benchmark::DoNotOptimize(label);
    row = (row + 1) % kRows;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_TableInt16(benchmark::State& state) {
  const std::vector<uint8_t> blob = load("reference.bin");
  emflow::Model model;
  if (emflow::modelOpen(&model, blob.data(), blob.size(), emflow::kMemoryRam) != emflow::kOk)
    return state.SkipWithError("cannot open reference.bin");
  const std::vector<int16_t> rows = int16_rows();
  float out[2];
  int32_t label = 0, row = 0;
  for (auto _ : state) {
    emflow::modelPredictInt16(&model, &rows[row * 8], 8, out, 2, &label);
    benchmark::DoNotOptimize(label);
    row = (row + 1) % kRows;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_InlineInt16Label(benchmark::State& state) {
  const std::vector<int16_t> rows = int16_rows();
  int32_t row = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reference::predict_label(&rows[row * 8]));
    row = (row + 1) % kRows;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_InlineInt16Proba(benchmark::State& state) {
  const std::vector<int16_t> rows = int16_rows();
  float out[2];
  int32_t row = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reference::predict(&rows[row * 8], out));
    row = (row + 1) % kRows;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_TablesInt16Label(benchmark::State& state) {
  const std::vector<int16_t> rows = int16_rows();
  int32_t row = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reference_tables::predict_label(&rows[row * 8]));
    row = (row + 1) % kRows;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_TablesInt16Proba(benchmark::State& state) {
  const std::vector<int16_t> rows = int16_rows();
  float out[2];
  int32_t row = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reference_tables::predict(&rows[row * 8], out));
    row = (row + 1) % kRows;
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_TableFloat);
BENCHMARK(BM_TableInt16);
BENCHMARK(BM_InlineInt16Label);
BENCHMARK(BM_InlineInt16Proba);
BENCHMARK(BM_TablesInt16Label);
BENCHMARK(BM_TablesInt16Proba);
