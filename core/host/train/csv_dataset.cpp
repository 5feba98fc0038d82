#include "csv_dataset.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "host/csv_text.h"
#include "host/number_text.h"

namespace emflow::train {

namespace {

bool findTarget(const std::string& target, const std::vector<std::string>& names, size_t* column,
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

bool readCsvDataset(const std::string& path, const std::string& target, CsvDataset* out,
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
  const size_t nColumns = rows[first].cells.size();
  if (names.empty())
    for (size_t c = 0; c < nColumns; ++c) names.push_back("x" + std::to_string(c));
  if (names.size() < 2) {
    *error = path + ": needs at least 2 columns (features and a target)";
    return false;
  }
  size_t targetColumn = 0;
  if (!findTarget(target, names, &targetColumn, error)) {
    *error = path + ": " + *error;
    return false;
  }

  Dataset& data = out->data;
  data.nSamples = rows.size() - first;
  data.nFeatures = names.size() - 1;
  data.x.clear();
  data.y.clear();
  data.x.reserve(data.nSamples * data.nFeatures);
  std::vector<std::string> textTargets;
  bool targetNumeric = true;
  for (size_t r = first; r < rows.size(); ++r) {
    const std::vector<std::string>& cells = rows[r].cells;
    if (cells.size() != names.size()) {
      *error = path + ":" + std::to_string(rows[r].line) + ": " + std::to_string(cells.size()) +
               " columns, expected " + std::to_string(names.size());
      return false;
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      double value = 0;
      if (c == targetColumn) {
        // The target may be a text label; a cell that reads as a number must be a finite one.
        std::string why;
        const bool number = parseDecimal(cells[c], &value, &why);
        if (!number && (cells[c].empty() || why != "not a number")) {
          *error = csvWhere(table, rows[r], c) + ": target " +
                   (cells[c].empty() ? "cell is empty" : "'" + cells[c] + "' is " + why);
          return false;
        }
        textTargets.push_back(cells[c]);
        if (!number) targetNumeric = false;
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
      data.x.push_back(value);
    }
  }
  out->columns.clear();
  for (size_t c = 0; c < names.size(); ++c)
    if (c != targetColumn) out->columns.push_back(names[c]);
  out->targetName = names[targetColumn];
  out->targetIsText = !targetNumeric;
  out->labelNames.clear();
  if (!targetNumeric) {  // text labels: index in sorted order, as numpy.unique
    out->labelNames = textTargets;
    std::sort(out->labelNames.begin(), out->labelNames.end());
    out->labelNames.erase(std::unique(out->labelNames.begin(), out->labelNames.end()),
                          out->labelNames.end());
    for (size_t i = 0; i < textTargets.size(); ++i) {
      const auto at =
          std::lower_bound(out->labelNames.begin(), out->labelNames.end(), textTargets[i]);
      data.y[i] = static_cast<double>(at - out->labelNames.begin());
    }
  }
  return true;
}

}  // namespace emflow::train
