#include "model_file.h"

#include "ml/model.h"
#include "tree_csv.h"
#include "tree_tables.h"

namespace emflow::codegen {

static bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool load_model_file(const std::string& path, std::vector<uint8_t>* blob, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_file(path, &bytes, error)) return false;
  if (ends_with(path, ".csv") || ends_with(path, ".CSV")) {
    TreeTables tables;
    std::string message;
    if (!parse_tree_csv(std::string(bytes.begin(), bytes.end()), &tables, &message)) {
      *error = path + ": " + message;
      return false;
    }
    bytes = write_tree_blob(tables);
  }
  Model model;
  const Status status = model_open(&model, bytes.data(), bytes.size(), kMemoryRam);
  if (status != kOk) {
    *error = path + ": invalid model: " + emflow_status_name(status);
    return false;
  }
  *blob = std::move(bytes);
  return true;
}

}  // namespace emflow::codegen
