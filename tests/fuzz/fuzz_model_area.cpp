// libFuzzer target for a board's model area (core/ml/model_area.*): any bytes as the area's
// flash. Checks: no crash or out-of-bounds read (ASan+UBSan; the area is copied to a buffer of
// exactly its size); all or nothing — a refused area leaves no model in the store, an accepted
// one has every id it reports open, and the models it registers lie inside the area.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "ml/model_area.h"

using namespace emflow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> area(data, data + size);
  modelStoreClear();
  ModelAreaInfo info;
  const Status status =
      modelAreaLoad(area.data(), static_cast<uint32_t>(area.size()), kMemoryRam, &info);
  if (status != info.status) std::abort();
  Model model;
  if (status != kOk) {
    if (info.state != kModelAreaBad || info.count != 0) std::abort();
    for (int id = 0; id < EMFLOW_MAX_MODELS; ++id)
      if (modelStoreOpen(static_cast<uint8_t>(id), &model) != kErrNoModel) std::abort();
    return 0;
  }
  if (info.state == kModelAreaEmpty && info.count != 0) std::abort();
  for (uint8_t i = 0; i < info.count; ++i) {
    if (modelStoreOpen(info.ids[i], &model) != kOk) std::abort();
    const uint8_t* begin = area.data();
    if (model.blob.data < begin || model.blob.data + model.blob.size > begin + area.size())
      std::abort();
  }
  return 0;
}
