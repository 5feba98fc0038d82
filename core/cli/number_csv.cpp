#include "number_csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace emflow::cli {

namespace {

// Parses one cell; false if it is not a finite number.
bool parse_number(const std::string& cell, double* value) {
  const char* begin = cell.c_str();
  while (*begin == ' ' || *begin == '\t') ++begin;
  char* end = nullptr;
  errno = 0;
  *value = std::strtod(begin, &end);
  while (end && (*end == ' ' || *end == '\t')) ++end;
  return end != begin && *end == '\0' && errno != ERANGE && std::isfinite(*value);
}

}  // namespace

bool read_number_rows(const std::string& path, bool allow_header, NumberRows* out,
                      std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot open";
    return false;
  }
  std::string line;
  bool first = true;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<double> row;
    std::stringstream cells(line);
    std::string cell;
    int bad_column = 0;
    std::string bad_cell;
    for (int column = 1; std::getline(cells, cell, ','); ++column) {
      double value = 0;
      if (!parse_number(cell, &value) && bad_column == 0) {
        bad_column = column;
        bad_cell = cell;
      }
      row.push_back(value);
    }
    const bool header = first && allow_header && bad_column != 0;
    first = false;
    if (header) continue;
    if (bad_column != 0) {
      *error = path + ":" + std::to_string(number) + ":" + std::to_string(bad_column) +
               ": not a finite number: '" + bad_cell + "'";
      return false;
    }
    out->rows.push_back(row);
    out->lines.push_back(number);
  }
  return true;
}

}  // namespace emflow::cli
