// Which model blobs a graph runs with. A graph refers to a model by id (the IIP on the MODEL
// port of a Classify / Regress / AnomalyScore node); the blobs themselves come from
//   - `# @model ID PATH` lines in .fbp text (PATH relative to the .fbp file), and
//   - `--model ID=FILE` on the command line (`emflow run`, `emflow export`), which override
//     the annotation with the same id.
//
// The annotation is a comment as far as the .fbp grammar goes: npm `fbp` only takes
// `# @key value` lines whose value is made of [a-zA-Z0-9-_ .], so a path with a `/` stays a
// comment, and one without lands in the graph's properties as `model: "ID PATH"` (the last
// such line wins) — exactly as our parser does. The parser is not changed; this scan reads the
// same text separately, so `emflow parse` output stays identical to npm fbp's.
#ifndef EMFLOW_HOST_FIRMWARE_MODEL_REFS_H
#define EMFLOW_HOST_FIRMWARE_MODEL_REFS_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "host/graph/graph.h"

namespace emflow::firmware {

// A model named for a graph: its id, the file to read and where it was named.
struct ModelSource {
  uint8_t id = 0;
  std::string path;    // as it will be opened (annotations: joined to the .fbp's folder)
  std::string origin;  // "activity.fbp:3" or "--model"
};

// Model id → blob bytes.
using ModelBlobs = std::map<uint8_t, std::vector<uint8_t>>;

// The `# @model ID PATH` lines of .fbp text. `graphPath` names the file in errors and gives
// the folder relative paths start from. Malformed lines (the line starts with `# @model` but
// the id is not 0..255, the path is missing, an id is named twice) are errors
// "graph.fbp:LINE:COLUMN: ...".
std::vector<ModelSource> scanModelAnnotations(const std::string& text, const std::string& graphPath,
                                              std::vector<std::string>* errors);

// "ID=FILE" (the value of --model). False with a reason for anything else.
bool parseModelOption(const std::string& value, ModelSource* source, std::string* error);

// Reads every source (a later one replaces an earlier one with the same id) and checks each
// blob is a valid model (the engine's own validation). Errors name the origin and the file.
bool loadModelBlobs(const std::vector<ModelSource>& sources, ModelBlobs* blobs,
                    std::vector<std::string>* errors);

// A model node of the graph and the model id its MODEL port gets.
struct ModelUse {
  std::string node;       // process name
  std::string component;  // Classify, Regress or AnomalyScore
  int id = -1;            // -1: no (valid) MODEL initial packet
  graph::SourceLocation location;
};

// The model nodes of a graph, in declaration order.
std::vector<ModelUse> modelUses(const graph::Graph& graph);

// Checks that every model node gets an id that has a blob of the role the component needs
// (Classify: classifier, Regress: regressor, AnomalyScore: anomaly detector). Errors are
// "SOURCE:LINE:COLUMN: node 'x' (Classify) ..." and say how to supply the model.
std::vector<std::string> checkModelUses(const graph::Graph& graph, const ModelBlobs& blobs,
                                        const std::string& sourceName);

// Reads the graph's annotations (for .fbp files) plus `options` (already parsed --model
// values, applied last) and loads the blobs: what `emflow run` and `emflow export` do.
bool modelsForGraphFile(const std::string& graphPath, const std::string& graphText,
                        const std::vector<ModelSource>& options, ModelBlobs* blobs,
                        std::vector<std::string>* errors);

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_MODEL_REFS_H
