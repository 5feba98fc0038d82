// The models of an exported sketch: the blobs the graph's model nodes use, as PROGMEM arrays
// the model store reads in place (emflow_models.cpp), the capacities the model pipeline needs
// (emflow_config.h) and the README's model table. Refusals — a model node without a model, a
// model of the wrong role, models too big for the board's flash — come with the numbers.
//
// Why blobs and not generated code: the graph's Classify/Regress/AnomalyScore nodes open
// their model from the model store by id, so a blob in flash is what they can run, and it
// costs no RAM (docs/export.md has the measured sizes of both forms).
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_MODELS_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_MODELS_H

#include <cstdint>
#include <string>
#include <vector>

#include "host/firmware/compiled_graph.h"
#include "host/firmware/model_refs.h"
#include "host/firmware/export/board.h"
#include "host/graph/graph.h"

namespace emflow::exporter {

// Flash a sketch with a model node needs besides its model blobs (runtime, components, model
// engine, Arduino core), measured on examples/activity.fbp for the Uno with the IDE's flags
// (tests/firmware/export_check.sh prints the current figure); used to refuse models that
// cannot fit before anything is built.
constexpr size_t kModelSketchBaseFlash = 20000;

struct SketchModel {
  uint8_t id = 0;
  size_t bytes = 0;
  uint8_t kind = 0;
  uint16_t features = 0;
  uint16_t outputs = 0;
  bool int16 = false;  // fixed-point model (int16 features)
  std::string node;    // what uses it, for comments: "node 'classify'"
};

struct SketchModels {
  std::vector<SketchModel> models;  // the models the graph uses, by id
  std::string config;               // #define lines for emflow_config.h
  std::string source;               // emflow_models.cpp; empty when there are no models
  size_t blobBytes = 0;
};

// Collects the models `graph` uses from `blobs` (models it does not use are left out) and
// appends refusals to `errors`.
SketchModels sketchModels(const graph::Graph& graph, const firmware::CompiledGraph& compiled,
                          const firmware::ModelBlobs& blobs, const Board& board,
                          const std::string& sourceName, std::vector<std::string>* errors);

// Fills `out` from a blob; false if it is not a valid model.
bool describeModel(uint8_t id, const std::vector<uint8_t>& blob, const std::string& node,
                   SketchModel* out);

// "" if the models fit the board's flash beside `baseFlash` bytes of other code (and within
// the first 64 KB, which the model engine's 16-bit flash reads reach), else the refusal with
// the numbers.
std::string flashRefusal(const std::vector<SketchModel>& models, const Board& board,
                         size_t baseFlash, const std::string& sourceName);

// #define lines: store slots, features, tree kinds to keep (others compiled out), and the
// size switches of core/ml/trees.h: EMFLOW_MODELS_FLASH_ONLY (a sketch's models are all
// PROGMEM blobs), EMFLOW_MODELS_NO_INT16 when no model is int16, EMFLOW_MODELS_NO_FLOAT
// when all are.
std::string modelsConfig(const std::vector<SketchModel>& models);

// True when every model is a tree kind (1-31): the sketch then leaves core/ml/families.cpp
// (and the family sources only it includes) out and links familiesStubSource() instead.
bool onlyTreeModels(const std::vector<SketchModel>& models);

// A stand-in for core/ml/families.cpp answering kErrModelType for every non-tree kind, so
// the model engine links no naive Bayes, MLP, k-NN, linear, covariance or mixture code
// (measured on the activity sketch in docs/export.md).
std::string familiesStubSource();

// emflow_models.cpp (after its banner): the blobs in PROGMEM and emflow_put_models().
std::string modelsSource(const std::vector<SketchModel>& models, const firmware::ModelBlobs& blobs);

// "random forest / decision tree classifier", ... for comments and the README.
std::string modelKindName(uint8_t kind);

// The README section about the models (empty when there are none).
std::string modelsReadme(const SketchModels& models);

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_MODELS_H
