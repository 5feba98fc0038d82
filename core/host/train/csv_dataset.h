// Reads a training set from a CSV file (for `emflow train`) by the shared CSV rules of
// host/csv_text.h: comma-separated, an optional header row (detected: a first row with no
// number in it), one column chosen as the target. Feature cells must be finite numbers; target
// cells may be text labels (classification). Every error names the file, line and column
// ("data.csv:7:3: 'abc' is not a number (column x2)").
#ifndef EMFLOW_HOST_TRAIN_CSV_DATASET_H
#define EMFLOW_HOST_TRAIN_CSV_DATASET_H

#include <string>
#include <vector>

#include "dataset.h"

namespace emflow::train {

struct CsvDataset {
  Dataset data;                      // y: numeric target, or text labels' index (sorted)
  std::vector<std::string> columns;  // feature column names (header, or "x0", "x1", ...)
  std::string targetName;
  bool targetIsText = false;  // labels were text; labelNames holds them
  std::vector<std::string> labelNames;
};

// `target` is a header name, a 0-based column index, "first" or "last".
bool readCsvDataset(const std::string& path, const std::string& target, CsvDataset* out,
                    std::string* error);

}  // namespace emflow::train

#endif  // EMFLOW_HOST_TRAIN_CSV_DATASET_H
