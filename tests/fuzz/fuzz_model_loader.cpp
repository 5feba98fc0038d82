// Fuzzes the binary model loader (and the emlearn tree CSV reader): any input must give a
// Status or an error message, never a crash, hang or out-of-bounds read. Accepted models are
// run on features taken from the input, since predict trusts what the loader checked.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "host/modelgen/tree_csv.h"
#include "host/modelgen/tree_tables.h"
#include "ml/model.h"
#include "repaired_crc.h"

namespace {

void exercise(const uint8_t* data, size_t size, const uint8_t* seed, size_t seed_size) {
  emflow::Model model;
  if (emflow::modelOpen(&model, data, size, emflow::kMemoryRam) != emflow::kOk) return;
  const size_t nFeatures = model.blob.nFeatures;
  std::vector<float> features(nFeatures);
  std::vector<int16_t> features16(nFeatures);
  for (size_t i = 0; i < nFeatures; ++i) {
    const uint8_t byte = seed_size ? seed[i % seed_size] : 0;
    features[i] = static_cast<float>(static_cast<int8_t>(byte)) / 4.0f;
    features16[i] = static_cast<int16_t>(static_cast<int8_t>(byte) * 97);
  }
  std::vector<float> outputs(model.blob.nOutputs);
  int32_t label;
  if (emflow::modelIsInt16(&model))
    emflow::modelPredictInt16(&model, features16.data(), nFeatures, outputs.data(), outputs.size(),
                              &label);
  else
    emflow::modelPredict(&model, features.data(), nFeatures, outputs.data(), outputs.size(),
                         &label);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  exercise(data, size, data, size);
  const std::vector<uint8_t> repaired = withRepairedCrc(data, size);
  if (!repaired.empty()) exercise(repaired.data(), size, data, size);
  if (size >= 2 && data[0] == 'f' && data[1] == ',') {
    emflow::modelgen::TreeTables tables;
    std::string error;
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (emflow::modelgen::parseTreeCsv(text, &tables, &error)) {
      // Whatever the CSV reader accepts must make a blob the loader accepts.
      const std::vector<uint8_t> blob = emflow::modelgen::writeTreeBlob(tables);
      emflow::Model model;
      if (emflow::modelOpen(&model, blob.data(), blob.size(), emflow::kMemoryRam) != emflow::kOk)
        __builtin_trap();
      exercise(blob.data(), blob.size(), data, size);
    }
  }
  return 0;
}
