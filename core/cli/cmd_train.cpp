// `emflow train DATA.csv --model random_forest -o MODEL.bin`: fits a model with the engine's
// own trainers (core/host/train), prints its held-out accuracy or R^2, writes the blob.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include "command.h"
#include "options.h"
#include "host/train/csv_dataset.h"
#include "host/train/evaluation.h"
#include "host/train/param_options.h"
#include "host/train/trainer.h"

namespace {

namespace train = emflow::train;

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow train: %s\n", message.c_str());
  return 1;
}

// Progress on stderr for fits that take more than a second, at most twice a second.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : quiet_(quiet), start_(Clock::now()), last_(start_) {}
  void operator()(size_t done, size_t total) {
    if (quiet_) return;
    const Clock::time_point now = Clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (elapsed < 1.0 || (done < total && now - last_ < std::chrono::milliseconds(500))) return;
    last_ = now;
    std::fprintf(stderr, "emflow train: %zu/%zu trees (%.1f s)\n", done, total, elapsed);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool quiet_;
  Clock::time_point start_, last_;
};

struct Options {
  std::string dataPath, outputPath, target = "last", model = "random_forest";
  std::string task;                           // "", classification, regression
  std::map<std::string, std::string> values;  // hyperparameters as given
  double testSize = 0.2;
  bool quiet = false;
};

const char* const kValueOptions[] = {"--model",
                                     "--task",
                                     "--target",
                                     "--n-estimators",
                                     "--criterion",
                                     "--max-depth",
                                     "--min-samples-split",
                                     "--min-samples-leaf",
                                     "--min-weight-fraction-leaf",
                                     "--max-features",
                                     "--min-impurity-decrease",
                                     "--bootstrap",
                                     "--max-samples",
                                     "--seed",
                                     "--random-state",
                                     "--var-smoothing",
                                     "--n-jobs",
                                     "--test-size",
                                     "-o",
                                     "--output"};

bool takesValue(const std::string& name) {
  for (const char* option : kValueOptions)
    if (name == option) return true;
  return false;
}

bool parseOptions(const std::vector<std::string>& args, Options* options, std::string* error) {
  std::vector<std::string> positional;
  emflow::cli::ArgCursor cursor(args);
  while (cursor.next()) {
    const std::string& name = cursor.arg();
    std::string value;
    if (name == "--quiet" || name == "-q") {
      options->quiet = true;
      continue;
    }
    if (!cursor.isOption()) {
      positional.push_back(name);
      continue;
    }
    if (!takesValue(name)) {
      *error = "unknown option '" + name + "' (see emflow help train)";
      return false;
    }
    if (name == "--test-size") {
      if (!cursor.real(0, 1, "a fraction of the rows", &options->testSize, error)) return false;
      if (options->testSize == 1) {
        *error = "--test-size: 1 would leave no rows to train on; expected less than 1";
        return false;
      }
      continue;
    }
    if (!cursor.value(&value, error)) return false;
    if (name == "-o" || name == "--output")
      options->outputPath = value;
    else if (name == "--target")
      options->target = value;
    else if (name == "--model")
      options->model = value;
    else if (name == "--task")
      options->task = value;
    else
      options->values[name == "--random-state" ? "--seed" : name] = value;
  }
  if (!cursor.error().empty()) {
    *error = cursor.error();
    return false;
  }
  if (positional.size() != 1) {
    *error = "usage: emflow train DATA.csv [--model NAME] [--target COLUMN|last] -o MODEL.bin";
    return false;
  }
  options->dataPath = positional[0];
  if (options->outputPath.empty()) {
    *error = "missing -o MODEL.bin";
    return false;
  }
  return true;
}

// Applies the hyperparameter options on top of scikit-learn's defaults.
bool applyValues(const std::map<std::string, std::string>& values, train::TrainParams* params,
                 std::string* error) {
  for (const auto& [option, value] : values) {
    std::string name = option.substr(2);  // "--max-depth" -> "max_depth"
    for (char& c : name)
      if (c == '-') c = '_';
    if (!train::applyParam(name, value, params, error)) return false;
  }
  return true;
}

// classification when the model name says so, or when the target is text or integral.
train::Task chooseTask(const Options& options, const train::CsvDataset& csv, bool taskGiven,
                       train::Task named, std::string* why) {
  if (options.task == "classification" || options.task == "regression") {
    *why = "--task";
    return options.task == "classification" ? train::Task::kClassification
                                            : train::Task::kRegression;
  }
  if (taskGiven) {
    *why = "from --model";
    return named;
  }
  if (csv.targetIsText) {
    *why = "auto: text labels";
    return train::Task::kClassification;
  }
  for (double y : csv.data.y) {
    if (y != std::floor(y)) {
      *why = "auto: non-integer target";
      return train::Task::kRegression;
    }
  }
  *why = "auto: integer target";
  return train::Task::kClassification;
}

std::string labelText(const train::CsvDataset& csv, double label) {
  if (csv.targetIsText) return csv.labelNames[static_cast<size_t>(label)];
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", label);
  return text;
}

int run(const std::vector<std::string>& args) {
  Options options;
  std::string error;
  if (!parseOptions(args, &options, &error)) {
    std::fprintf(stderr, "emflow train: %s\n", error.c_str());
    return 2;  // a usage error, as in every subcommand
  }
  if (!options.task.empty() && options.task != "classification" && options.task != "regression")
    return fail("--task must be classification or regression");

  train::Algorithm algorithm;
  train::Task namedTask = train::Task::kClassification;
  bool taskGiven = false;
  if (!train::parseAlgorithm(options.model, &algorithm, &namedTask, &taskGiven, &error))
    return fail(error);
  train::CsvDataset csv;
  if (!train::readCsvDataset(options.dataPath, options.target, &csv, &error)) return fail(error);
  std::string why;
  const train::Task task = chooseTask(options, csv, taskGiven, namedTask, &why);
  if (csv.targetIsText && task == train::Task::kRegression)
    return fail("target column " + csv.targetName + " holds text: it cannot be regressed");
  train::TrainParams params = train::defaultParams(algorithm, task);
  if (!applyValues(options.values, &params, &error)) return fail(error);

  const bool classifier = task == train::Task::kClassification;
  const train::HoldOut split =
      train::holdOutSplit(csv.data.nSamples, options.testSize, params.randomState);
  const train::Dataset training = train::selectRows(csv.data, split.train);
  ProgressPrinter printer(options.quiet);
  const auto started = std::chrono::steady_clock::now();
  const train::TrainResult result =
      train::trainModel(training, params, [&](size_t d, size_t t) { printer(d, t); });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!result.ok) return fail(options.dataPath + ": " + result.error);

  std::ofstream out(options.outputPath, std::ios::binary);
  out.write(reinterpret_cast<const char*>(result.blob.data()),
            static_cast<std::streamsize>(result.blob.size()));
  if (!out) return fail("cannot write " + options.outputPath);

  std::printf("model: %s (%s, %s), target %s, %zu features\n",
              train::estimatorName(algorithm, task).c_str(),
              classifier ? "classification" : "regression", why.c_str(), csv.targetName.c_str(),
              csv.data.nFeatures);
  if (classifier) {
    std::printf("classes:");
    for (size_t k = 0; k < result.classes.size(); ++k)
      std::printf(" %zu=%s", k, labelText(csv, result.classes[k]).c_str());
    std::printf("\n");
  }
  std::printf("trained on %zu rows in %.3f s, wrote %s (%zu bytes)\n", training.nSamples, seconds,
              options.outputPath.c_str(), result.blob.size());
  if (split.test.empty()) {
    std::printf("held-out: none (--test-size 0)\n");
    return 0;
  }
  const train::Dataset test = train::selectRows(csv.data, split.test);
  double score = 0;
  if (!train::scoreModel(result.blob, test, classifier, result.classes, &score, &error))
    return fail(error);
  std::printf("held-out %s: %.4f on %zu rows (%.0f%% of the data, shuffled with seed %llu)\n",
              classifier ? "accuracy" : "R^2", score, test.nSamples, options.testSize * 100,
              static_cast<unsigned long long>(params.randomState));
  return 0;
}

const emflow::cli::CommandRegistration kRegistration({
    "train",
    "train DATA.csv [--model NAME] [--target COLUMN|last] [options] -o MODEL.bin",
    "fit a tree, forest or GaussianNB with the engine's own trainers",
    "Reads DATA.csv (comma-separated, optional header row; the target column is --target:\n"
    "a header name, a 0-based index, first or last (default)), shuffles the rows with the\n"
    "seed, holds out the last --test-size of them (default 0.2, rounded up; 0 = none), fits\n"
    "on the rest, writes the model blob to -o and prints the held-out accuracy (classifiers)\n"
    "or R^2 (regressors), computed by the inference engine on the written blob.\n"
    "\n"
    "  --model NAME       decision_tree, random_forest (default), extra_trees, gaussian_nb, or\n"
    "                     a scikit-learn class name (RandomForestRegressor, ...)\n"
    "  --task T           classification | regression (default: from the model name, else\n"
    "                     classification for text or integer targets)\n"
    "  --n-estimators N   trees in a forest (100)\n"
    "  --criterion C      gini (default) | entropy | log_loss | squared_error (regressors)\n"
    "  --max-depth N|none\n"
    "  --min-samples-split N|F  --min-samples-leaf N|F  --min-weight-fraction-leaf F\n"
    "  --max-features sqrt|log2|none|N|F   (defaults as scikit-learn 1.2)\n"
    "  --min-impurity-decrease F  --bootstrap true|false  --max-samples N|F|none\n"
    "  --seed N           random_state (default 0): same seed, same bytes, on every platform\n"
    "  --var-smoothing F  GaussianNB (1e-9)\n"
    "  --n-jobs N|-1      threads fitting a forest's trees (1; -1: every core); the model's\n"
    "                     bytes are the same for any N\n"
    "  --quiet            no progress lines on stderr (printed for fits longer than 1 s)\n"
    "\n"
    "Class labels are stored as indices 0..K-1 in sorted label order (printed as classes:).\n"
    "See docs/train.md for what differs from scikit-learn.",
    run,
});

}  // namespace
