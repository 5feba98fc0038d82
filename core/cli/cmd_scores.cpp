// `emflow scores MODEL.bin DATA.csv`: the raw scores of the non-tree families that predict
// does not print — joint log likelihoods (GaussianNB), decision_function (linear models),
// score_samples (GaussianMixture, EllipticEnvelope) — so they can be checked against
// scikit-learn from the shell and from pytest.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"
#include "host/input_file.h"
#include "ml/families.h"
#include "ml/model.h"
#include "number_csv.h"
#include "options.h"

namespace emflow::cli {
namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow scores: %s\n", message.c_str());
  return 1;
}

int runScores(const std::vector<std::string>& options) {
  // No options: the cursor only tells an option (refused) from the two file names.
  std::vector<std::string> args;
  ArgCursor cursor(options);
  while (cursor.next()) {
    if (cursor.isOption()) return fail("unknown option '" + cursor.arg() + "'");
    args.push_back(cursor.arg());
  }
  if (args.size() != 2) return fail("usage: emflow scores MODEL.bin DATA.csv");
  std::string bytes, error;
  if (!readInputFile(args[0], kMaxInputFileBytes, &bytes, &error)) return fail(error);
  const std::vector<uint8_t> data(bytes.begin(), bytes.end());
  Model model;
  Status status = modelOpen(&model, data.data(), data.size(), kMemoryRam);
  if (status != kOk) return fail(args[0] + ": " + emflow_status_name(status));
  NumberRows rows;
  if (!readNumberRows(args[1], true, &rows, &error)) return fail(error);
  const size_t nFeatures = model.blob.nFeatures;
  const bool int16 = modelIsInt16(&model);
  std::vector<float> features(nFeatures), scores(model.blob.nOutputs + 1);
  std::vector<int16_t> features16(nFeatures);
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    const std::string at = args[1] + ":" + std::to_string(rows.lines[r]);
    const std::vector<double>& row = rows.rows[r];
    if (row.size() != nFeatures)
      return fail(at + ": " + std::to_string(row.size()) + " values, the model expects " +
                  std::to_string(nFeatures));
    for (size_t c = 0; c < nFeatures; ++c) {
      if (int16 && (row[c] != std::floor(row[c]) || row[c] < -32768 || row[c] > 32767))
        return fail(at + ":" + std::to_string(c + 1) + ": not an int16 (this is an int16 model)");
      features[c] = static_cast<float>(row[c]);
      features16[c] = static_cast<int16_t>(row[c]);
    }
    size_t written = 0;
    status =
        int16 ? familyScoresInt16(&model, features16.data(), scores.data(), scores.size(), &written)
              : familyScores(&model, features.data(), scores.data(), scores.size(), &written);
    if (status == kErrModelType) return fail(args[0] + ": this model kind has no extra scores");
    if (status != kOk) return fail(at + ": " + emflow_status_name(status));
    for (size_t k = 0; k < written; ++k)
      std::printf("%s%.9g", k ? "," : "", static_cast<double>(scores[k]));
    std::printf("\n");
  }
  return 0;
}

const CommandRegistration kRegistration({
    "scores",
    "scores MODEL.bin DATA.csv",
    "print the raw scores of a non-tree model (decision_function, score_samples, ...)",
    "One line per row of DATA.csv (features; an optional header row is skipped):\n"
    "  GaussianNB          joint log likelihood of each class\n"
    "  linear models       decision_function (classifiers) / predicted values (regressors)\n"
    "  GaussianMixture     score_samples (log density)\n"
    "  EllipticEnvelope    score_samples, decision_function",
    runScores,
});

}  // namespace
}  // namespace emflow::cli
