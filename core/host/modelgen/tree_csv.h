// Reader for emlearn's tree CSV (the format MicroPython's `emltrees` loads; written by
// python/emflow/csv_format.py), read with the device's rules so that `emflow predict m.csv`
// answers what the board answers: emlearn-micropython's load_model reads a threshold as
// int(float(t)) into an int16 and a leaf with int(); eml_trees.h takes int16 features and goes
// left when x < t. The result is an int16 tree classifier whose threshold is t - 1 (for
// integers x < t <=> x <= t - 1, the engine's rule) and whose one-hot leaves vote as the
// device's majority vote does. What the device would refuse, wrap or misread (regressors,
// fractional leaves, thresholds, children or roots outside int16, features past 127) is
// refused with its line.
#ifndef EMFLOW_HOST_MODELGEN_TREE_CSV_H
#define EMFLOW_HOST_MODELGEN_TREE_CSV_H

#include <string>

#include "tree_tables.h"

namespace emflow::modelgen {

// Parses CSV text. On error returns false and sets `error` to "line N: what is wrong".
bool parseTreeCsv(const std::string& text, TreeTables* out, std::string* error);

}  // namespace emflow::modelgen

#endif  // EMFLOW_HOST_MODELGEN_TREE_CSV_H
