#include "number_csv.h"

#include "host/csv_text.h"

namespace emflow::cli {

bool readNumberRows(const std::string& path, bool allowHeader, NumberRows* out,
                    std::string* error) {
  CsvTable table;
  if (!readCsvFile(path, &table, error)) return false;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    if (r == 0 && allowHeader && csvLooksLikeHeader(row)) continue;
    std::vector<double> values(row.cells.size());
    for (size_t c = 0; c < row.cells.size(); ++c)
      if (!csvNumber(table, row, c, &values[c], error)) return false;
    out->rows.push_back(std::move(values));
    out->lines.push_back(row.line);
  }
  return true;
}

}  // namespace emflow::cli
