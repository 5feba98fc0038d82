// Reader for emlearn's tree CSV (the format MicroPython's `emltrees` loads; written by
// python/emflow/csv_format.py). The result is a float-mode tree model: classifiers vote with
// one-hot leaves (emlearn's majority vote), regressors average leaf values.
#ifndef EMFLOW_HOST_MODELGEN_TREE_CSV_H
#define EMFLOW_HOST_MODELGEN_TREE_CSV_H

#include <string>

#include "tree_tables.h"

namespace emflow::codegen {

// Parses CSV text. On error returns false and sets `error` to "line N: what is wrong".
bool parseTreeCsv(const std::string& text, TreeTables* out, std::string* error);

}  // namespace emflow::codegen

#endif  // EMFLOW_HOST_MODELGEN_TREE_CSV_H
