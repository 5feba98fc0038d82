#include "model_store.h"

namespace emflow {

namespace {

struct StoredModel {
  const uint8_t* data;
  size_t size;
  MemorySpace space;
};

StoredModel gModels[EMFLOW_MAX_MODELS];

}  // namespace

Status modelStorePut(uint8_t id, const uint8_t* data, size_t size, MemorySpace space) {
  if (id >= EMFLOW_MAX_MODELS) return kErrOutOfRange;
  Model model;
  const Status status = modelOpen(&model, data, size, space);
  if (status != kOk) return status;
  gModels[id].data = data;
  gModels[id].size = size;
  gModels[id].space = space;
  return kOk;
}

Status modelStoreOpen(uint8_t id, Model* model) {
  // A missing model has its own status: a board refuses a graph that names one (session.cpp).
  if (id >= EMFLOW_MAX_MODELS || gModels[id].data == NULL) return kErrNoModel;
  const StoredModel& m = gModels[id];
  return modelOpen(model, m.data, m.size, m.space);
}

void modelStoreRemove(uint8_t id) {
  if (id < EMFLOW_MAX_MODELS) gModels[id].data = NULL;
}

void modelStoreClear() {
  for (uint8_t i = 0; i < EMFLOW_MAX_MODELS; ++i) gModels[i].data = NULL;
}

}  // namespace emflow
