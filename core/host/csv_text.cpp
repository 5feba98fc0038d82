#include "host/csv_text.h"

#include "host/input_file.h"
#include "host/number_text.h"

namespace emflow {

namespace {

std::string trim(std::string_view cell) {
  const size_t a = cell.find_first_not_of(" \t");
  if (a == std::string_view::npos) return "";
  const size_t b = cell.find_last_not_of(" \t");
  return std::string(cell.substr(a, b - a + 1));
}

// 1-based CSV column of byte `offset` of a line.
int columnOf(std::string_view line, size_t offset) {
  int column = 1;
  for (size_t i = 0; i < offset && i < line.size(); ++i)
    if (line[i] == ',') ++column;
  return column;
}

}  // namespace

bool splitCsv(const std::string& path, std::string_view bytes, CsvTable* out, std::string* error) {
  out->path = path;
  out->rows.clear();
  size_t start = 0;
  for (int lineNumber = 1; start < bytes.size(); ++lineNumber) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t nul = line.find('\0');
    if (nul != std::string_view::npos) {
      // strtod and std::string's c_str() would stop at it and read "2\0GARBAGE" as 2.
      *error = path + ":" + std::to_string(lineNumber) + ":" + std::to_string(columnOf(line, nul)) +
               ": NUL byte in a cell";
      return false;
    }
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    CsvRow row;
    row.line = lineNumber;
    size_t cellStart = 0;
    for (;;) {
      const size_t comma = line.find(',', cellStart);
      row.cells.push_back(
          trim(line.substr(cellStart, comma == std::string_view::npos ? std::string_view::npos
                                                                      : comma - cellStart)));
      if (comma == std::string_view::npos) break;
      cellStart = comma + 1;
    }
    out->rows.push_back(std::move(row));
  }
  return true;
}

bool readCsvFile(const std::string& path, CsvTable* out, std::string* error) {
  std::string bytes;
  if (!readInputFile(path, kMaxCsvFileBytes, &bytes, error)) return false;
  return splitCsv(path, bytes, out, error);
}

std::string csvWhere(const CsvTable& table, const CsvRow& row, size_t cell) {
  return table.path + ":" + std::to_string(row.line) + ":" + std::to_string(cell + 1);
}

bool csvNumber(const CsvTable& table, const CsvRow& row, size_t cell, double* value,
               std::string* error) {
  std::string why;
  if (parseDecimal(row.cells[cell], value, &why)) return true;
  *error = csvWhere(table, row, cell) + ": " +
           (row.cells[cell].empty() ? "empty cell, expected a number"
                                    : "'" + row.cells[cell] + "' is " + why);
  return false;
}

bool csvLooksLikeHeader(const CsvRow& row) {
  double ignored;
  std::string why;
  for (const std::string& cell : row.cells)
    if (parseDecimal(cell, &ignored, &why)) return false;
  return true;
}

}  // namespace emflow
