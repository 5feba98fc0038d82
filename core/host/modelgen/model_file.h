// Loading a model file for host tools: a binary blob (.bin or anything else) or an emlearn
// tree CSV (.csv), returned as validated blob bytes.
#ifndef EMFLOW_HOST_MODELGEN_MODEL_FILE_H
#define EMFLOW_HOST_MODELGEN_MODEL_FILE_H

#include <cstdint>
#include <string>
#include <vector>

namespace emflow::modelgen {

// False with "PATH: reason" (or "PATH: line N: reason" for CSV) if the file cannot be used.
bool loadModelFile(const std::string& path, std::vector<uint8_t>* blob, std::string* error);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_MODEL_FILE_H
