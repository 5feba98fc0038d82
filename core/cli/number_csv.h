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

// Blank lines and lines starting with '#' are skipped. When `allow_header` is set, a first
// line that is not all numbers is taken as a header row of column names. Every other cell must
// be a finite number. Returns false with "FILE:LINE:COLUMN: what" in `error`.
bool read_number_rows(const std::string& path, bool allow_header, NumberRows* out,
                      std::string* error);

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_NUMBER_CSV_H
