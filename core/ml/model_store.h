// The model store: binary models (blobs in flash or RAM) registered under small ids, so graph
// components refer to a model by id. Each blob is validated when it is put in the store.
#ifndef EMFLOW_ML_MODEL_STORE_H
#define EMFLOW_ML_MODEL_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

namespace emflow {

#ifndef EMFLOW_MAX_MODELS
#if defined(__AVR__)
#define EMFLOW_MAX_MODELS 2
#else
#define EMFLOW_MAX_MODELS 16
#endif
#endif

// Validates the blob (model_open) and stores it under `id` (< EMFLOW_MAX_MODELS), replacing
// an earlier one. The bytes are not copied: they must stay valid while stored.
Status modelStorePut(uint8_t id, const uint8_t* data, size_t size, MemorySpace space);

// Opens the model stored under `id`: kErrNoModel if there is none.
Status modelStoreOpen(uint8_t id, Model* model);

void modelStoreRemove(uint8_t id);
void modelStoreClear();

}  // namespace emflow

#endif  // EMFLOW_ML_MODEL_STORE_H
