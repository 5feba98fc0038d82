#include "csv_dataset.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "host/csv_text.h"
#include "host/number_text.h"

namespace emflow::train {

namespace {

bool find_target(const std::string& target, const std::vector<std::string>& names, size_t* column,
                 std::string* error) {
  if (target == "last" || target.empty()) {
    *column = names.size() - 1;
    return true;
  }
  if (target == "first") {
    *column = 0;
    return true;
  }
  const auto named = std::find(names.begin(), names.end(), target);
  if (named != names.end()) {
    *column = static_cast<size_t>(named - names.begin());
    return true;
  }
  char* end = nullptr;
  const long index = std::strtol(target.c_str(), &end, 10);
  if (*end == '\0' && index >= 0 && static_cast<size_t>(index) < names.size()) {
    *column = static_cast<size_t>(index);
    return true;
  }
  *error = "target column '" + target + "' is neither a header name nor an index in 0.." +
           std::to_string(names.size() - 1);
  return false;
}

}  // namespace

bool read_csv_dataset(const std::string& path, const std::string& target, CsvDataset* out,
                      std::string* error) {
  CsvTable table;
  if (!readCsvFile(path, &table, error)) return false;
  const std::vector<CsvRow>& rows = table.rows;
  std::vector<std::string> names;
  size_t first = 0;
  if (!rows.empty() && csvLooksLikeHeader(rows[0])) {
    names = rows[0].cells;
    first = 1;
    for (size_t c = 0; c < names.size(); ++c)
      if (names[c].empty()) {
        *error = csvWhere(table, rows[0], c) + ": empty column name in the header row";
        return false;
      }
  }
  if (rows.size() <= first) {
    *error = path + ": no data rows";
    return false;
  }
  const size_t n_columns = rows[first].cells.size();
  if (names.empty())
    for (size_t c = 0; c < n_columns; ++c) names.push_back("x" + std::to_string(c));
  if (names.size() < 2) {
    *error = path + ": needs at least 2 columns (features and a target)";
    return false;
  }
  size_t target_column = 0;
  if (!find_target(target, names, &target_column, error)) {
    *error = path + ": " + *error;
    return false;
  }

  Dataset& data = out->data;
  data.n_samples = rows.size() - first;
  data.n_features = names.size() - 1;
  data.X.clear();
  data.y.clear();
  data.X.reserve(data.n_samples * data.n_features);
  std::vector<std::string> text_targets;
  bool target_numeric = true;
  for (size_t r = first; r < rows.size(); ++r) {
    const std::vector<std::string>& cells = rows[r].cells;
    if (cells.size() != names.size()) {
      *error = path + ":" + std::to_string(rows[r].line) + ": " + std::to_string(cells.size()) +
               " columns, expected " + std::to_string(names.size());
      return false;
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      double value = 0;
      if (c == target_column) {
        // The target may be a text label; a cell that reads as a number must be a finite one.
        std::string why;
        const bool number = parseDecimal(cells[c], &value, &why);
        if (!number && (cells[c].empty() || why != "not a number")) {
          *error = csvWhere(table, rows[r], c) + ": target " +
                   (cells[c].empty() ? "cell is empty" : "'" + cells[c] + "' is " + why);
          return false;
        }
        text_targets.push_back(cells[c]);
        if (!number) target_numeric = false;
        data.y.push_back(number ? value : 0.0);
        continue;
      }
      std::string why;
      if (!parseDecimal(cells[c], &value, &why)) {
        *error = csvWhere(table, rows[r], c) + ": " +
                 (cells[c].empty() ? "empty cell (column " + names[c] + "), expected a number"
                                   : "'" + cells[c] + "' (column " + names[c] + ") is " + why);
        return false;
      }
      data.X.push_back(value);
    }
  }
  out->columns.clear();
  for (size_t c = 0; c < names.size(); ++c)
    if (c != target_column) out->columns.push_back(names[c]);
  out->target_name = names[target_column];
  out->target_is_text = !target_numeric;
  out->label_names.clear();
  if (!target_numeric) {  // text labels: index in sorted order, as numpy.unique
    out->label_names = text_targets;
    std::sort(out->label_names.begin(), out->label_names.end());
    out->label_names.erase(std::unique(out->label_names.begin(), out->label_names.end()),
                           out->label_names.end());
    for (size_t i = 0; i < text_targets.size(); ++i) {
      const auto at =
          std::lower_bound(out->label_names.begin(), out->label_names.end(), text_targets[i]);
      data.y[i] = static_cast<double>(at - out->label_names.begin());
    }
  }
  return true;
}

}  // namespace emflow::train
