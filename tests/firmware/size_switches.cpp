// The exporter's size switches (core/ml/trees.h, core/components/model_node.h) must refuse a
// model that needs a path they removed — loudly, with kErrModelType — and leave the others
// working. model_check.sh builds this on the host three times: without switches, with
// EMFLOW_MODELS_FLASH_ONLY + EMFLOW_MODELS_NO_INT16 (what a float-model sketch gets) and with
// EMFLOW_MODELS_FLASH_ONLY + EMFLOW_MODELS_NO_FLOAT (an int16-model sketch). On the host,
// "flash" is plain memory, so the blobs are opened as kMemoryFlash from a RAM buffer.
// Usage: size_switches FLOAT_MODEL.bin INT16_MODEL.bin   (prints "size_switches: ok ...")
#include <stdio.h>

#include <vector>

#include "ml/model.h"

namespace {

int failures = 0;

void expect(bool ok, const char* what, emflow::Status status) {
  if (ok) return;
  printf("size_switches: FAIL %s (status %d)\n", what, static_cast<int>(status));
  ++failures;
}

std::vector<uint8_t> readFile(const char* path) {
  std::vector<uint8_t> bytes;
  FILE* file = fopen(path, "rb");
  if (!file) return bytes;
  int c;
  while ((c = fgetc(file)) != EOF) bytes.push_back(static_cast<uint8_t>(c));
  fclose(file);
  return bytes;
}

// Opens `blob` in `space`, and on success predicts one row of zeros through the entry point
// the model's mode needs; returns the first failure's status.
emflow::Status openAndPredict(const std::vector<uint8_t>& blob, emflow::MemorySpace space) {
  emflow::Model model;
  emflow::Status status = emflow::modelOpen(&model, blob.data(), blob.size(), space);
  if (status != emflow::kOk) return status;
  std::vector<float> x(model.blob.nFeatures, 0.0f), outputs(model.blob.nOutputs);
  std::vector<int16_t> xi(model.blob.nFeatures, 0);
  int32_t label = -1;
  if (emflow::modelIsInt16(&model))
    return emflow::modelPredictInt16(&model, xi.data(), xi.size(), outputs.data(), outputs.size(),
                                     &label);
  return emflow::modelPredict(&model, x.data(), x.size(), outputs.data(), outputs.size(), &label);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: size_switches FLOAT_MODEL.bin INT16_MODEL.bin\n");
    return 2;
  }
  const std::vector<uint8_t> floatModel = readFile(argv[1]), int16Model = readFile(argv[2]);
  if (floatModel.empty() || int16Model.empty()) {
    fprintf(stderr, "size_switches: cannot read %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  using emflow::kErrModelType;
  using emflow::kMemoryFlash;
  using emflow::kMemoryRam;
  using emflow::kOk;
  emflow::Status s;
#if defined(EMFLOW_MODELS_FLASH_ONLY)
  const bool ramAllowed = false;
#else
  const bool ramAllowed = true;
#endif
#if defined(EMFLOW_MODELS_NO_INT16)
  const bool int16Allowed = false;
#else
  const bool int16Allowed = true;
#endif
#if defined(EMFLOW_MODELS_NO_FLOAT)
  const bool floatAllowed = false;
#else
  const bool floatAllowed = true;
#endif
  s = openAndPredict(floatModel, kMemoryFlash);
  expect(floatAllowed ? s == kOk : s == kErrModelType, "float model from flash", s);
  s = openAndPredict(int16Model, kMemoryFlash);
  expect(int16Allowed ? s == kOk : s == kErrModelType, "int16 model from flash", s);
  s = openAndPredict(floatModel, kMemoryRam);
  expect(ramAllowed && floatAllowed ? s == kOk : s == kErrModelType, "float model from RAM", s);
  s = openAndPredict(int16Model, kMemoryRam);
  expect(ramAllowed && int16Allowed ? s == kOk : s == kErrModelType, "int16 model from RAM", s);
  if (failures) return 1;
  printf("size_switches: ok (RAM models %s, float %s, int16 %s)\n", ramAllowed ? "open" : "refused",
         floatAllowed ? "open" : "refused", int16Allowed ? "open" : "refused");
  return 0;
}
