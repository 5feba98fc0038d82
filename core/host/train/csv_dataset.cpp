#include "csv_dataset.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>

namespace emflow::train {

namespace {

std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    std::string cell = line.substr(start, comma == std::string::npos ? comma : comma - start);
    const size_t a = cell.find_first_not_of(" \t");
    const size_t b = cell.find_last_not_of(" \t");
    cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return cells;
}

bool parse_number(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  *value = std::strtod(text.c_str(), &end);
  return *end == '\0' && errno != ERANGE;
}

bool all_numbers(const std::vector<std::string>& cells) {
  double ignored;
  for (const std::string& cell : cells)
    if (!parse_number(cell, &ignored)) return false;
  return true;
}

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
  std::ifstream in(path);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> line_of_row;
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    rows.push_back(split_cells(line));
    line_of_row.push_back(line_number);
  }
  std::vector<std::string> names;
  size_t first = 0;
  if (!rows.empty() && !all_numbers(rows[0])) {
    names = rows[0];
    first = 1;
  }
  if (rows.size() <= first) {
    *error = path + ": no data rows";
    return false;
  }
  const size_t n_columns = rows[first].size();
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
    const std::vector<std::string>& cells = rows[r];
    const std::string where = path + ":" + std::to_string(line_of_row[r]);
    if (cells.size() != names.size()) {
      *error = where + ": " + std::to_string(cells.size()) + " columns, expected " +
               std::to_string(names.size());
      return false;
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      double value = 0;
      const bool number = parse_number(cells[c], &value);
      if (c == target_column) {
        if (number && !std::isfinite(value)) {
          *error = where + ":" + std::to_string(c + 1) + ": target " + cells[c] +
                   " is not a finite number";
          return false;
        }
        text_targets.push_back(cells[c]);
        if (!number) target_numeric = false;
        data.y.push_back(number ? value : 0.0);
        continue;
      }
      if (!number) {
        *error = where + ":" + std::to_string(c + 1) + ": '" + cells[c] + "' (column " + names[c] +
                 ") is not a number";
        return false;
      }
      if (!std::isfinite(value)) {
        *error = where + ":" + std::to_string(c + 1) + ": " + cells[c] + " (column " + names[c] +
                 ") is not a finite number";
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
