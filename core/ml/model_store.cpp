#include "model_store.h"

namespace emflow {

namespace {

struct StoredModel {
  const uint8_t* data;
  size_t size;
  MemorySpace space;
};

StoredModel g_models[EMFLOW_MAX_MODELS];

}  // namespace

Status model_store_put(uint8_t id, const uint8_t* data, size_t size, MemorySpace space) {
  if (id >= EMFLOW_MAX_MODELS) return kErrOutOfRange;
  Model model;
  const Status status = model_open(&model, data, size, space);
  if (status != kOk) return status;
  g_models[id].data = data;
  g_models[id].size = size;
  g_models[id].space = space;
  return kOk;
}

Status model_store_open(uint8_t id, Model* model) {
  if (id >= EMFLOW_MAX_MODELS || g_models[id].data == NULL) return kErrOutOfRange;
  const StoredModel& m = g_models[id];
  return model_open(model, m.data, m.size, m.space);
}

void model_store_remove(uint8_t id) {
  if (id < EMFLOW_MAX_MODELS) g_models[id].data = NULL;
}

void model_store_clear() {
  for (uint8_t i = 0; i < EMFLOW_MAX_MODELS; ++i) g_models[i].data = NULL;
}

}  // namespace emflow
