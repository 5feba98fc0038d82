// Reads CSV files of numbers for the CLI subcommands that feed rows to device code
// (`emflow dsp`, `emflow scores`). Errors name the file, line and column.
#ifndef EMFLOW_CLI_NUMBER_CSV_H
#define EMFLOW_CLI_NUMBER_CSV_H

#include <string>
#include <vector>

namespace emflow::cli {

struct NumberRows {
  std::vector<std::vector<double>> rows;
  std::vector<int> lines;  // source line of each row, for error messages
};

// Read by the shared CSV rules of host/csv_text.h (blank and '#' lines skipped, NUL bytes,
// empty cells, "nan"/"inf" and trailing garbage refused). When `allow_header` is set, a first
// row with no number in it is taken as a header row of column names. Every other cell must
// be a finite number. Returns false with "FILE:LINE:COLUMN: what" in `error`.
bool readNumberRows(const std::string& path, bool allowHeader, NumberRows* out, std::string* error);

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_NUMBER_CSV_H
