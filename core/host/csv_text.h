// The one CSV reading of the host tools (train, predict, scores, dsp), so every reader treats
// odd input the same way (docs/train.md "CSV input"):
//  - the file is read whole, at most kMaxCsvFileBytes; a NUL byte anywhere is an error;
//  - lines end in \n or \r\n; blank lines and lines starting with '#' are skipped;
//  - cells are split at every ',' (no quoting) and trimmed of spaces and tabs;
//  - the first row is a header when none of its cells is a number (where a header is allowed);
//  - a number cell is plain decimal notation (host/number_text.h): an empty cell, "nan",
//    "inf", "0x10", "1e999" or "2abc" is an error.
// Errors read "FILE:LINE:COLUMN: what", COLUMN being the CSV column (1 = first cell).
#ifndef EMFLOW_HOST_CSV_TEXT_H
#define EMFLOW_HOST_CSV_TEXT_H

#include <string>
#include <string_view>
#include <vector>

namespace emflow {

struct CsvRow {
  int line = 0;                    // 1-based source line
  std::vector<std::string> cells;  // trimmed
};

struct CsvTable {
  std::string path;  // for error messages
  std::vector<CsvRow> rows;
};

// Splits CSV text into rows. False with a located error for a NUL byte.
bool splitCsv(const std::string& path, std::string_view bytes, CsvTable* out, std::string* error);

// readInputFile (capped) + splitCsv.
bool readCsvFile(const std::string& path, CsvTable* out, std::string* error);

// "FILE:LINE:COLUMN" of a cell (cell is 0-based).
std::string csvWhere(const CsvTable& table, const CsvRow& row, size_t cell);

// Reads cell `cell` of `row` as a finite decimal number; false with
// "FILE:LINE:COLUMN: 'text' is not a number" (or empty, not finite, out of range).
bool csvNumber(const CsvTable& table, const CsvRow& row, size_t cell, double* value,
               std::string* error);

// True when no cell of `row` is a number: the row is a header where one is allowed.
bool csvLooksLikeHeader(const CsvRow& row);

}  // namespace emflow

#endif  // EMFLOW_HOST_CSV_TEXT_H
