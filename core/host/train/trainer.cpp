#include "trainer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include "ml/model.h"
#include "model_writer.h"
#include "naive_bayes_fit.h"
#include "random.h"
#include "tree_builder.h"

namespace emflow::train {

namespace {

bool checkCount(const char* name, const SampleCount& count, double minimumInt, std::string* error) {
  if (count.fraction ? !(count.value > 0 && count.value <= 1) : count.value < minimumInt) {
    *error = std::string(name) + " must be an int >= " + std::to_string(int(minimumInt)) +
             " or a float in (0, 1]";
    return false;
  }
  return true;
}

// n_jobs as a thread count: -1 is every core. WebAssembly builds without threads use one.
size_t threadCount(int nJobs) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  (void)nJobs;
  return 1;
#else
  if (nJobs > 0) return static_cast<size_t>(nJobs);
  return std::max(1u, std::thread::hardware_concurrency());
#endif
}

// Bootstrap sample counts for one tree: `draws` indices drawn with replacement.
std::vector<double> bootstrapWeights(size_t nSamples, size_t draws, Random* random) {
  std::vector<double> counts(nSamples, 0.0);
  for (size_t i = 0; i < draws; ++i) counts[random->below(static_cast<uint32_t>(nSamples))] += 1;
  return counts;
}

size_t bootstrapDraws(const TrainParams& params, size_t nSamples) {
  if (!params.hasMaxSamples) return nSamples;
  if (!params.maxSamples.fraction) return static_cast<size_t>(params.maxSamples.value);
  // scikit-learn: max(round(n_samples * max_samples), 1), Python's round (half to even).
  const double scaled = std::nearbyint(static_cast<double>(nSamples) * params.maxSamples.value);
  return std::max<size_t>(1, static_cast<size_t>(scaled));
}

TrainResult fitTrees(const Dataset& data, const TrainParams& params, const Progress& progress) {
  TrainResult result;
  const bool classifier = params.task == Task::kClassification;
  const size_t n = data.nSamples, d = data.nFeatures;
  std::vector<float> columns(n * d);  // float32, column-major, as scikit-learn's trees see X
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) columns[j * n + i] = static_cast<float>(data.x[i * d + j]);
  EncodedClasses classes;
  TreeData treeData;
  treeData.columns = columns.data();
  treeData.nSamples = n;
  treeData.nFeatures = d;
  if (classifier) {
    classes = encodeClasses(data.y);
    treeData.labels = classes.index.data();
    treeData.nClasses = classes.classes.size();
    result.classes = classes.classes;
  } else {
    treeData.targets = data.y.data();
  }
  const bool single = params.algorithm == Algorithm::kDecisionTree;
  const size_t nTrees = single ? 1 : params.nEstimators;
  const bool bootstrap = !single && params.bootstrap;
  const size_t draws = bootstrapDraws(params, n);
  std::vector<FittedTree> trees(nTrees);
  // One independent stream per tree: tree t is the same whatever n_estimators is, and
  // whichever thread grows it.
  const auto grow = [&](size_t t) {
    Random random(params.randomState, t + 1);
    std::vector<double> weights;
    if (bootstrap) weights = bootstrapWeights(n, draws, &random);
    trees[t] = buildTree(treeData, params.tree, weights, &random);
  };
  const size_t jobs = std::min(nTrees, threadCount(params.nJobs));
  if (jobs <= 1) {
    for (size_t t = 0; t < nTrees; ++t) {
      grow(t);
      if (progress) progress(t + 1, nTrees);
    }
  } else {
    std::atomic<size_t> next{0};
    std::mutex reporting;
    size_t done = 0;
    const auto work = [&] {
      for (size_t t; (t = next++) < nTrees;) {
        grow(t);
        const std::lock_guard<std::mutex> lock(reporting);
        ++done;
        if (progress) progress(done, nTrees);
      }
    };
    std::vector<std::thread> helpers;
    for (size_t j = 1; j < jobs; ++j) helpers.emplace_back(work);
    work();
    for (std::thread& helper : helpers) helper.join();
  }
  result.blob = treeEnsembleBlob(trees, d, classifier);
  result.ok = true;
  return result;
}

TrainResult fitNaiveBayes(const Dataset& data, const TrainParams& params,
                          const Progress& progress) {
  TrainResult result;
  const EncodedClasses classes = encodeClasses(data.y);
  GaussianNBFit fit;
  if (!fitGaussianNb(data, classes, params.varSmoothing, &fit, &result.error)) return result;
  result.blob = gaussianNbBlob(fit);
  result.classes = classes.classes;
  result.ok = true;
  if (progress) progress(1, 1);
  return result;
}

}  // namespace

bool checkParams(const TrainParams& params, size_t nSamples, size_t nFeatures, std::string* error) {
  const bool forest =
      params.algorithm == Algorithm::kRandomForest || params.algorithm == Algorithm::kExtraTrees;
  if (params.algorithm == Algorithm::kGaussianNB) {
    if (params.task != Task::kClassification) {
      *error = "GaussianNB is a classifier (no regression)";
      return false;
    }
    if (!(params.varSmoothing >= 0) || !std::isfinite(params.varSmoothing)) {
      *error = "var_smoothing must be a finite number >= 0";
      return false;
    }
    return true;
  }
  const TreeParams& tree = params.tree;
  const bool regressionCriterion = tree.criterion == Criterion::kSquaredError;
  if (regressionCriterion != (params.task == Task::kRegression)) {
    *error = params.task == Task::kRegression
                 ? "criterion must be squared_error for a regressor"
                 : "criterion must be gini, entropy or log_loss for a classifier";
    return false;
  }
  if (forest && (params.nEstimators < 1 || params.nEstimators > 0xFFFF)) {
    *error = "n_estimators must be in 1..65535 (the model format holds at most 65535 trees)";
    return false;
  }
  if (params.nJobs == 0 || params.nJobs < -1 || params.nJobs > 256) {
    *error = "n_jobs must be an int in 1..256, or -1 for every core";
    return false;
  }
  if (tree.maxDepth == 0 || tree.maxDepth < -1) {
    *error = "max_depth must be an int >= 1 or None";
    return false;
  }
  if (!checkCount("min_samples_split", tree.minSamplesSplit, 2, error) ||
      !checkCount("min_samples_leaf", tree.minSamplesLeaf, 1, error))
    return false;
  if (!(tree.minWeightFractionLeaf >= 0 && tree.minWeightFractionLeaf <= 0.5)) {
    *error = "min_weight_fraction_leaf must be in [0, 0.5]";
    return false;
  }
  if (!(tree.minImpurityDecrease >= 0) || !std::isfinite(tree.minImpurityDecrease)) {
    *error = "min_impurity_decrease must be a finite number >= 0";
    return false;
  }
  if (tree.maxFeatures.mode == MaxFeatures::kCount &&
      (tree.maxFeatures.value < 1 || tree.maxFeatures.value > static_cast<double>(nFeatures))) {
    *error = "max_features=" + std::to_string(static_cast<long>(tree.maxFeatures.value)) +
             " must be in 1..n_features (" + std::to_string(nFeatures) + ")";
    return false;
  }
  if (params.hasMaxSamples) {
    if (!params.bootstrap) {
      *error = "max_samples needs bootstrap=True";
      return false;
    }
    if (!checkCount("max_samples", params.maxSamples, 1, error)) return false;
    if (!params.maxSamples.fraction && params.maxSamples.value > static_cast<double>(nSamples)) {
      *error = "max_samples=" + std::to_string(static_cast<long>(params.maxSamples.value)) +
               " is larger than the number of samples (" + std::to_string(nSamples) + ")";
      return false;
    }
  }
  if (nSamples > 0xFFFFFFFFu) {
    *error = "too many samples";
    return false;
  }
  return true;
}

TrainResult trainModel(const Dataset& data, const TrainParams& params, const Progress& progress) {
  TrainResult result;
  if (!checkDataset(data, params.task, &result.error)) return result;
  if (!checkParams(params, data.nSamples, data.nFeatures, &result.error)) return result;
  result = params.algorithm == Algorithm::kGaussianNB ? fitNaiveBayes(data, params, progress)
                                                      : fitTrees(data, params, progress);
  if (!result.ok) return result;
  // The engine must load what we hand out: values beyond float32 (huge targets, variances
  // that round to 0) would make an invalid blob.
  Model model;
  const Status status = modelOpen(&model, result.blob.data(), result.blob.size(), kMemoryRam);
  if (status != kOk) {
    result.ok = false;
    result.blob.clear();
    result.error = std::string("the fitted model does not fit the model format (") +
                   emflow_status_name(status) + "): are values beyond float32's range?";
  }
  return result;
}

}  // namespace emflow::train
