// `emflow predict MODEL DATA.csv [--proba]`: runs any model on rows of features.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "command.h"
#include "options.h"
#include "host/csv_text.h"
#include "host/modelgen/model_file.h"
#include "ml/model.h"

namespace {

using emflow::Model;
using emflow::Status;

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow predict: %s\n", message.c_str());
  return 1;
}

int run(const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  bool proba = false;
  emflow::cli::ArgCursor cursor(args);
  while (cursor.next()) {
    const std::string& a = cursor.arg();
    if (a == "--proba" || a == "--outputs")
      proba = true;
    else if (cursor.isOption())
      return fail("unknown option '" + a + "'");
    else
      paths.push_back(a);
  }
  if (!cursor.error().empty()) return fail(cursor.error());
  if (paths.size() != 2) return fail("usage: emflow predict MODEL DATA.csv [--proba]");

  std::vector<uint8_t> blob;
  std::string error;
  if (!emflow::modelgen::loadModelFile(paths[0], &blob, &error)) return fail(error);
  Model model;
  emflow::modelOpen(&model, blob.data(), blob.size(), emflow::kMemoryRam);  // checked above
  const bool int16 = emflow::modelIsInt16(&model);
  const size_t nFeatures = model.blob.nFeatures;
  const size_t nOutputs = model.blob.nOutputs;

  emflow::CsvTable table;
  if (!emflow::readCsvFile(paths[1], &table, &error)) return fail(error);
  std::vector<float> features(nFeatures);
  std::vector<int16_t> features16(nFeatures);
  std::vector<float> outputs(nOutputs);
  std::string out;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const emflow::CsvRow& row = table.rows[r];
    if (r == 0 && emflow::csvLooksLikeHeader(row)) continue;
    const std::vector<std::string>& fields = row.cells;
    const std::string where = paths[1] + ":" + std::to_string(row.line);
    if (fields.size() != nFeatures)
      return fail(where + ": " + std::to_string(fields.size()) + " columns, the model expects " +
                  std::to_string(nFeatures));
    for (size_t c = 0; c < nFeatures; ++c) {
      double v;
      if (!emflow::csvNumber(table, row, c, &v, &error)) return fail(error);
      if (int16) {
        if (v != std::floor(v) || v < -32768 || v > 32767)
          return fail(emflow::csvWhere(table, row, c) + ": '" + fields[c] +
                      "' is not an int16 (this is an int16 model)");
        features16[c] = static_cast<int16_t>(v);
      } else {
        features[c] = static_cast<float>(v);  // as scikit-learn: float64 -> float32
      }
    }
    int32_t label = 0;
    const Status status = int16 ? emflow::modelPredictInt16(&model, features16.data(), nFeatures,
                                                            outputs.data(), nOutputs, &label)
                                : emflow::modelPredict(&model, features.data(), nFeatures,
                                                       outputs.data(), nOutputs, &label);
    if (status != emflow::kOk) return fail(where + ": " + emflow::emflow_status_name(status));
    char text[64];
    const emflow::ModelRole role = emflow::modelRole(model.blob.kind);
    if (proba || role == emflow::kRoleRegressor) {
      for (size_t k = 0; k < nOutputs; ++k) {
        std::snprintf(text, sizeof text, "%s%.9g", k ? "," : "", outputs[k]);
        out += text;
      }
    } else {
      std::snprintf(text, sizeof text, "%ld", static_cast<long>(label));
      out += text;
    }
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

const emflow::cli::CommandRegistration kRegistration({
    "predict",
    "predict MODEL DATA.csv [--proba]",
    "run a model (.bin blob or emlearn tree .csv) on rows of features",
    "Reads MODEL (a binary model blob, or an emlearn tree CSV if it ends in .csv) and DATA.csv\n"
    "(one row of features per line, comma-separated, optional header row) and prints one\n"
    "line per row: the label (class index; +1/-1 for anomaly detectors) or, for regressors,\n"
    "the predicted values. --proba prints every output instead (class probabilities;\n"
    "[score_samples, decision_function] for anomaly detectors). int16 models need integer\n"
    "features. A .csv model is read as MicroPython's emltrees reads it (int16 features,\n"
    "threshold int(float(t)), left when x < t, majority vote), so it answers what the board\n"
    "answers. Errors name the file, row and column.",
    run,
});

}  // namespace
