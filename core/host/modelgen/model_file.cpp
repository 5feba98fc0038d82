#include "model_file.h"

#include "ml/model.h"
#include "tree_csv.h"
#include "tree_tables.h"

namespace emflow::modelgen {

static bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool loadModelFile(const std::string& path, std::vector<uint8_t>* blob, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!readFile(path, &bytes, error)) return false;
  if (endsWith(path, ".csv") || endsWith(path, ".CSV")) {
    TreeTables tables;
    std::string message;
    if (!parseTreeCsv(std::string(bytes.begin(), bytes.end()), &tables, &message)) {
      *error = path + ": " + message;
      return false;
    }
    bytes = writeTreeBlob(tables);
  }
  Model model;
  const Status status = modelOpen(&model, bytes.data(), bytes.size(), kMemoryRam);
  if (status != kOk) {
    *error = path + ": invalid model: " + emflow_status_name(status);
    return false;
  }
  *blob = std::move(bytes);
  return true;
}

}  // namespace emflow::modelgen
