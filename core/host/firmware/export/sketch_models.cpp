#include "sketch_models.h"

#include <algorithm>
#include <cstdio>

#include "components/library.h"
#include "host/firmware/export/cpp_names.h"
#include "host/firmware/export/sketch_docs.h"
#include "ml/model_kinds.h"
#include "ml/model.h"

namespace emflow::exporter {

namespace {

// An int initial packet's value, or -1.
int32_t intValue(const Packet& packet) {
  if (packet.type == kPacketInt) return packet.value.i;
  if (packet.type == kPacketByte) return packet.value.byte;
  return -1;
}

// What the WindowFeatures nodes need, from their initial packets (SIZE 8, CHANNELS 1, BANDS
// 0 when a node gets none): the largest SIZE * CHANNELS (EMFLOW_WINDOW_CAPACITY) and the
// largest burst of packets one window sends at once (bracket, CHANNELS * (6 + BANDS)
// features, bracket), all of which must fit the network's queue.
struct WindowNeeds {
  int32_t capacity = 0;
  int32_t burst = 0;
  int32_t fftSize = 4;  // EMFLOW_FFT_MAX_SIZE: the largest SIZE with bands, as a power of two
};

WindowNeeds windowNeeds(const firmware::CompiledGraph& graph) {
  WindowNeeds needs;
  for (const firmware::CompiledNode& node : graph.nodes) {
    if (node.componentName != "WindowFeatures") continue;
    const ComponentInfo* info = emflow_component_info(node.component);
    int32_t size = 8, channels = 1, bands = 0;
    for (const firmware::CompiledInitial& initial : graph.initials) {
      if (initial.tgt != node.id || !info || initial.port >= info->inCount) continue;
      const std::string port = info->inPorts[initial.port].name;
      if (port == "size") size = std::max<int32_t>(1, intValue(initial.packet));
      if (port == "channels") channels = std::max<int32_t>(1, intValue(initial.packet));
      if (port == "bands") bands = std::max<int32_t>(0, intValue(initial.packet));
    }
    needs.capacity = std::max(needs.capacity, size * channels);
    needs.burst = std::max(needs.burst, 2 + channels * (6 + bands));
    while (bands > 0 && needs.fftSize < size && needs.fftSize < 4096) needs.fftSize *= 2;
  }
  return needs;
}

std::string hexBytes(const std::vector<uint8_t>& bytes) {
  std::string out;
  char text[8];
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::snprintf(text, sizeof text, "0x%02x,", bytes[i]);
    out += (i % 16 == 0 ? "    " : " ") + std::string(text) + (i % 16 == 15 ? "\n" : "");
  }
  if (bytes.size() % 16 != 0) out += "\n";
  return out;
}

std::string describe(const SketchModel& m) {
  return modelKindName(m.kind) + ", " + std::to_string(m.features) + " features, " +
         std::to_string(m.outputs) + " outputs, " + std::to_string(m.bytes) + " B";
}

}  // namespace

std::string modelKindName(uint8_t kind) {
  switch (kind) {
    case kModelTreeClassifier:
      return "random forest / decision tree classifier";
    case kModelTreeRegressor:
      return "random forest / decision tree regressor";
    case kModelGradientBoostingClassifier:
      return "gradient boosting classifier";
    case kModelGradientBoostingRegressor:
      return "gradient boosting regressor";
    case kModelIsolationForest:
      return "isolation forest";
    case kModelGaussianNB:
      return "Gaussian naive Bayes";
    case kModelMlpClassifier:
      return "MLP classifier";
    case kModelMlpRegressor:
      return "MLP regressor";
    case kModelKNeighborsClassifier:
      return "k-nearest neighbours classifier";
    case kModelLinearClassifier:
      return "linear classifier";
    case kModelLinearRegressor:
      return "linear regressor";
    case kModelEllipticEnvelope:
      return "elliptic envelope";
    case kModelGaussianMixture:
      return "Gaussian mixture";
    default:
      return "model kind " + std::to_string(kind);
  }
}

SketchModels sketchModels(const graph::Graph& graph, const firmware::CompiledGraph& compiled,
                          const firmware::ModelBlobs& blobs, const Board& board,
                          const std::string& sourceName, std::vector<std::string>* errors) {
  SketchModels result;
  const std::vector<firmware::ModelUse> uses = firmware::modelUses(graph);
  const WindowNeeds window = windowNeeds(compiled);
  if (window.capacity > 0) {
    // The board default queue holds 8 packets; a window's features arrive all at once, with
    // room for one packet per node besides.
    const size_t queue = static_cast<size_t>(window.burst) + compiled.nodes.size();
    result.config += "#define EMFLOW_WINDOW_CAPACITY " + std::to_string(window.capacity) + "\n";
    // The FFT's twiddle table (core/dsp/fft_twiddles.h) keeps only what these windows use.
    result.config += "#define EMFLOW_FFT_MAX_SIZE " + std::to_string(window.fftSize) + "\n";
    if (queue > 8) result.config += "#define EMFLOW_QUEUE_SIZE " + std::to_string(queue) + "\n";
  }
  if (uses.empty()) return result;
  const std::vector<std::string> problems = firmware::checkModelUses(graph, blobs, sourceName);
  errors->insert(errors->end(), problems.begin(), problems.end());
  if (!problems.empty()) return result;

  for (const firmware::ModelUse& use : uses) {
    const uint8_t id = static_cast<uint8_t>(use.id);
    const bool seen = std::any_of(result.models.begin(), result.models.end(),
                                  [&](const SketchModel& m) { return m.id == id; });
    if (seen) continue;
    SketchModel m;
    describeModel(id, blobs.at(id), "node '" + use.node + "'", &m);  // valid: checkModelUses
    result.models.push_back(m);
    result.blobBytes += m.bytes;
  }
  std::sort(result.models.begin(), result.models.end(),
            [](const SketchModel& a, const SketchModel& b) { return a.id < b.id; });

  const std::string refusal = flashRefusal(result.models, board, kModelSketchBaseFlash, sourceName);
  if (!refusal.empty()) {
    errors->push_back(refusal);
    return result;
  }
  result.config += modelsConfig(result.models);
  result.source = modelsSource(result.models, blobs);
  return result;
}

std::string flashRefusal(const std::vector<SketchModel>& models, const Board& board,
                         size_t baseFlash, const std::string& sourceName) {
  size_t blobBytes = 0;
  std::string list;
  for (const SketchModel& m : models) {
    blobBytes += m.bytes;
    list += (list.empty() ? "" : ", ") + std::string("model ") + std::to_string(m.id) + " " +
            std::to_string(m.bytes) + " B";
  }
  const size_t total = baseFlash + blobBytes;
  // The model engine reads flash with 16-bit addresses (pgm_read_byte), and PROGMEM data
  // sits at the start of flash: on boards beyond 64 KB the models must stay in the first 64 KB.
  const size_t limit = board.flashBytes < 65536 ? board.flashBytes : 65536;
  if (total <= limit) return "";
  return sourceName + ": the models do not fit the " + board.name + "'s flash: " + list +
         ", plus about " + std::to_string(baseFlash) +
         " B for the rest of the sketch (runtime, model engine, Arduino core), is " +
         std::to_string(total) + " B of " + std::to_string(limit) + " B" +
         (limit < board.flashBytes ? " (the first 64 KB, which the model engine reads)" : "") +
         " (" + std::to_string(total - limit) + " B too many); use fewer or shallower trees";
}

std::string modelsConfig(const std::vector<SketchModel>& models) {
  uint16_t features = 1;
  uint8_t lastId = 0;
  bool boosting = false, isolation = false, anyInt16 = false, allInt16 = !models.empty();
  for (const SketchModel& m : models) {
    anyInt16 = anyInt16 || m.int16;
    allInt16 = allInt16 && m.int16;
    features = std::max(features, m.features);
    lastId = std::max(lastId, m.id);
    boosting = boosting || m.kind == kModelGradientBoostingClassifier ||
               m.kind == kModelGradientBoostingRegressor;
    isolation = isolation || m.kind == kModelIsolationForest;
  }
  std::string out = "#define EMFLOW_MAX_MODELS " + std::to_string(lastId + 1) +
                    "\n#define EMFLOW_MODEL_MAX_FEATURES " + std::to_string(features) + "\n";
  if (!boosting) out += "#define EMFLOW_TREES_NO_BOOSTING 1\n";
  if (!isolation) out += "#define EMFLOW_TREES_NO_ISOLATION_FOREST 1\n";
  // Paths no model of this sketch takes (core/ml/trees.h); a model that needs one is refused.
  out += "#define EMFLOW_MODELS_FLASH_ONLY 1\n";  // emflow_models.cpp puts PROGMEM blobs
  if (!anyInt16) out += "#define EMFLOW_MODELS_NO_INT16 1\n";
  if (allInt16) out += "#define EMFLOW_MODELS_NO_FLOAT 1\n";
  return out;
}

std::string modelsSource(const std::vector<SketchModel>& models,
                         const firmware::ModelBlobs& blobs) {
  std::string out =
      "// The models as binary blobs in flash (PROGMEM). The model store reads them in place\n"
      "// (pgm_read_byte, core/ml/model_blob.h), so they cost no RAM; each is validated (CRC-32\n"
      "// and every table) when emflow_put_models() stores it.\n"
      "#include \"emflow_config.h\"\n\n#include <avr/pgmspace.h>\n\n"
      "#include \"emflow/ml/model_store.h\"\n\nnamespace {\n\n";
  for (const SketchModel& m : models) {
    out += "// model " + std::to_string(m.id) + " (" + cppCommentText(m.node) +
           "): " + describe(m) + "\nconst uint8_t kModel" + std::to_string(m.id) +
           "[] PROGMEM = {\n" + hexBytes(blobs.at(m.id)) + "};\n\n";
  }
  out +=
      "}  // namespace\n\n"
      "// Puts every model into the model store; the first failure's status, else kOk.\n"
      "emflow::Status emflow_put_models() {\n  emflow::Status status;\n";
  for (const SketchModel& m : models) {
    const std::string id = std::to_string(m.id);
    out += "  status = emflow::modelStorePut(" + id + ", kModel" + id + ", sizeof kModel" + id +
           ", emflow::kMemoryFlash);\n  if (status != emflow::kOk) return status;\n";
  }
  return out + "  return emflow::kOk;\n}\n";
}

bool describeModel(uint8_t id, const std::vector<uint8_t>& blob, const std::string& node,
                   SketchModel* out) {
  Model model;
  if (modelOpen(&model, blob.data(), blob.size(), kMemoryRam) != kOk) return false;
  out->id = id;
  out->bytes = blob.size();
  out->kind = model.blob.kind;
  out->features = model.blob.nFeatures;
  out->outputs = model.blob.nOutputs;
  out->int16 = modelIsInt16(&model);
  out->node = node;
  return true;
}

bool onlyTreeModels(const std::vector<SketchModel>& models) {
  for (const SketchModel& m : models)
    if (m.kind > kModelLastTreeKind) return false;
  return !models.empty();
}

std::string familiesStubSource() {
  return "// This sketch's models are all trees, so the other model families (core/ml/\n"
         "// families.cpp and what it includes) are left out: their kinds are refused as a build\n"
         "// without them refuses unknown kinds. Re-export with such a model to get them back.\n"
         "#include \"emflow_config.h\"\n\n#include \"emflow/ml/families.h\"\n\n"
         "namespace emflow {\n\n"
         "bool familyKindKnown(uint8_t) { return false; }\n"
         "Status familyOpen(const ModelBlob*, uint8_t*) { return kErrModelType; }\n"
         "Status familyPredict(const Model*, const float*, float*, int32_t*) {\n"
         "  return kErrModelType;\n}\n"
         "Status familyPredictInt16(const Model*, const int16_t*, float*, int32_t*) {\n"
         "  return kErrModelType;\n}\n"
         "ModelRole familyRole(uint8_t) { return kRoleUnknown; }\n\n"
         "}  // namespace emflow\n";
}

std::string modelsReadme(const SketchModels& models) {
  if (models.models.empty()) return "";
  std::string out = "## Models\n\n| id | node | model | form |\n|---|---|---|---|\n";
  for (const SketchModel& m : models.models) {
    out += "| " + std::to_string(m.id) + " | " + markdownCell(m.node) + " | " + describe(m) +
           " | binary blob in flash (`emflow_models.cpp`) |\n";
  }
  out +=
      "\nEach model is its binary blob in PROGMEM, read in place by the emflow model engine:\n"
      "0 B of RAM, and the same bytes and the same engine the simulator ran. Why not generated\n"
      "C++ (`emflow codegen`): the graph's model nodes open their model from the model store\n"
      "by id, which needs the blob; and measured on the ATmega328P for emflow's activity\n"
      "forest (10 trees, 4785 B blob) the generated code takes 13920 B of flash against\n"
      "10234 B for blob + engine, while a second model adds only its blob.\n\n";
  return out;
}

}  // namespace emflow::exporter
