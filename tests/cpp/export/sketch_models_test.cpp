// Models in sketches: the activity example's blob in flash, the pipeline's capacities, the
// non-tree families left out, refusals with numbers; a model exported alone.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include "host/firmware/model_refs.h"
#include "host/firmware/export/model_sketch.h"
#include "host/firmware/export/sketch_export.h"
#include "host/firmware/export/sketch_models.h"

namespace emflow::exporter {
namespace {

const std::string kRoot = EMFLOW_SOURCE_DIR;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<uint8_t> readBlob(const std::string& path) {
  const std::string text = readFile(path);
  return std::vector<uint8_t>(text.begin(), text.end());
}

const SourceTree& sources() {
  static const SourceTree tree = [] {
    std::string error;
    SourceTree t = readSourceTree(EMFLOW_SOURCE_DIR, &error);
    EXPECT_FALSE(t.empty()) << error;
    return t;
  }();
  return tree;
}

std::map<std::string, std::string> filesOf(const SketchExport& sketch) {
  std::map<std::string, std::string> files;
  for (const ZipEntry& f : sketch.files) files[f.path] = f.data;
  return files;
}

const std::string kActivityPath = kRoot + "/examples/activity.fbp";

SketchExport exportActivity(const firmware::ModelBlobs& models, const std::string& board = "uno") {
  return exportSketch(readFile(kActivityPath), "activity.fbp", *findBoard(board), sources(), "",
                      models);
}

firmware::ModelBlobs activityModel() {
  return {{1, readBlob(kRoot + "/examples/models/activity.bin")}};
}

TEST(SketchModels, ActivityForTheMegaReadsTheMegasA0ToA2) {
  // board(ArduinoUno) A0..A2 are pins 14..16 on the Uno; on the Mega those are TX3/RX3/D16,
  // and analogRead(14) reads A14. The export remaps them to the Mega's A0..A2 (54..56), says
  // so, and the wiring table names A0..A2.
  const SketchExport uno = exportActivity(activityModel(), "uno");
  ASSERT_TRUE(uno.ok()) << uno.errors.front();
  EXPECT_TRUE(uno.notes.empty());
  const SketchExport mega = exportActivity(activityModel(), "mega");
  ASSERT_TRUE(mega.ok()) << mega.errors.front();
  ASSERT_EQ(mega.notes.size(), 3u);
  EXPECT_EQ(mega.notes[0].rfind("activity.fbp:", 0), 0u) << mega.notes[0];
  EXPECT_NE(mega.notes[0].find(": board(ArduinoUno) A0 -> PIN x: the Uno's A0 is A0 (pin 54) on "
                               "the target board (Arduino Mega 2560)"),
            std::string::npos)
      << mega.notes[0];
  EXPECT_NE(mega.notes[2].find("A2 (pin 56)"), std::string::npos);
  const std::string readme = filesOf(mega).at("Activity/README.md");
  for (const char* row :
       {"| A0 | x (AnalogRead) |", "| A1 | y (AnalogRead) |", "| A2 | z (AnalogRead) |"})
    EXPECT_NE(readme.find(row), std::string::npos) << row << "\n" << readme;
  EXPECT_EQ(readme.find("| D14 |"), std::string::npos);
  EXPECT_EQ(readme.find("| A14 |"), std::string::npos);
  // The Uno export keeps the Uno's numbers (A0 = 14).
  EXPECT_NE(filesOf(uno).at("Activity/README.md").find("| A0 | x (AnalogRead) |"),
            std::string::npos);
}

TEST(SketchModels, ActivityCarriesItsBlobInFlash) {
  const SketchExport sketch = exportActivity(activityModel());
  ASSERT_TRUE(sketch.ok()) << sketch.errors.front();
  const auto files = filesOf(sketch);
  const std::string& models = files.at("Activity/emflow_models.cpp");
  const std::vector<uint8_t> blob = readBlob(kRoot + "/examples/models/activity.bin");
  EXPECT_NE(models.find("const uint8_t kModel1[] PROGMEM = {"), std::string::npos);
  EXPECT_NE(models.find("emflow::modelStorePut(1, kModel1, sizeof kModel1, "
                        "emflow::kMemoryFlash)"),
            std::string::npos);
  // Every byte of the blob, in order: count the hex literals and check the first ones.
  size_t count = 0;
  for (size_t at = models.find("0x"); at != std::string::npos; at = models.find("0x", at + 1))
    ++count;
  EXPECT_EQ(count, blob.size());
  char first[32];
  std::snprintf(first, sizeof first, "0x%02x, 0x%02x,", blob[0], blob[1]);
  EXPECT_NE(models.find(first), std::string::npos);
  EXPECT_NE(files.at("Activity/emflow_app.cpp").find("emflow_put_models()"), std::string::npos);
  EXPECT_NE(files.at("Activity/README.md").find("binary blob in flash"), std::string::npos);
}

TEST(SketchModels, ConfigSizesThePipeline) {
  const SketchExport sketch = exportActivity(activityModel());
  ASSERT_TRUE(sketch.ok()) << sketch.errors.front();
  const std::string config = filesOf(sketch).at("Activity/emflow_config.h");
  // SIZE 16 x CHANNELS 3; 30 features; a window sends 2 + 3 * (6 + 4) packets, + 8 nodes.
  for (const char* line :
       {"#define EMFLOW_WINDOW_CAPACITY 48\n", "#define EMFLOW_MODEL_MAX_FEATURES 30\n",
        "#define EMFLOW_MAX_MODELS 2\n", "#define EMFLOW_QUEUE_SIZE 40\n",
        "#define EMFLOW_TREES_NO_BOOSTING 1\n", "#define EMFLOW_TREES_NO_ISOLATION_FOREST 1\n",
        "#define EMFLOW_STATE_BYTES "}) {
    EXPECT_NE(config.find(line), std::string::npos) << line << "\n" << config;
  }
}

TEST(SketchModels, TreeModelsLeaveTheOtherFamiliesOut) {
  const auto files = filesOf(exportActivity(activityModel()));
  EXPECT_TRUE(files.count("Activity/emflow_model_kinds.cpp"));
  EXPECT_FALSE(files.count("Activity/emflow/ml/families.cpp"));
  EXPECT_FALSE(files.count("Activity/emflow/ml/naive_bayes.cpp"));
  EXPECT_TRUE(files.count("Activity/emflow/ml/trees.cpp"));
  EXPECT_EQ(files.at("Activity/emflow/ml/trees.cpp"), readFile(kRoot + "/core/ml/trees.cpp"));
  // "runtime/status.h" from ml/model_blob.h resolves through a forwarding header.
  ASSERT_TRUE(files.count("Activity/emflow/ml/runtime/status.h"));
  EXPECT_NE(
      files.at("Activity/emflow/ml/runtime/status.h").find("#include \"../../runtime/status.h\""),
      std::string::npos);
}

TEST(SketchModels, ModelsTheGraphDoesNotUseAreLeftOut) {
  firmware::ModelBlobs models = activityModel();
  models[5] = readBlob(kRoot + "/tests/avr/fixtures/reference.bin");
  const auto files = filesOf(exportActivity(models));
  EXPECT_EQ(files.at("Activity/emflow_models.cpp").find("kModel5"), std::string::npos);
}

TEST(SketchModels, RefusesMissingModelsAndWrongRoles) {
  SketchExport sketch = exportActivity({});
  ASSERT_EQ(sketch.errors.size(), 1u);
  EXPECT_EQ(sketch.errors[0],
            "activity.fbp:19:1: node 'classify' (Classify) uses model 1, but no model 1 is given "
            "(add `# @model 1 FILE` to the graph or pass --model 1=FILE)");
  EXPECT_TRUE(sketch.files.empty());
  sketch =
      exportActivity({{1, readBlob(kRoot + "/tests/fuzz/corpus/model_loader/dt_regressor.bin")}});
  ASSERT_EQ(sketch.errors.size(), 1u);
  EXPECT_NE(sketch.errors[0].find("needs a classifier, but model 1 is a regressor"),
            std::string::npos);
}

TEST(SketchModels, RefusesModelsTooBigForFlashWithTheNumbers) {
  SketchModel big;
  big.id = 1;
  big.bytes = 30000;
  const std::string refusal = flashRefusal({big}, *findBoard("uno"), 20000, "g.fbp");
  EXPECT_EQ(refusal,
            "g.fbp: the models do not fit the Arduino Uno's flash: model 1 30000 B, plus about "
            "20000 B for the rest of the sketch (runtime, model engine, Arduino core), is 50000 B "
            "of 32256 B (17744 B too many); use fewer or shallower trees");
  EXPECT_EQ(flashRefusal({big}, *findBoard("mega"), 20000, "g.fbp"), "");
  big.bytes = 50000;  // fits the Mega's 248 KB, but not the 64 KB its engine can read
  EXPECT_NE(flashRefusal({big}, *findBoard("mega"), 20000, "g.fbp")
                .find("is 70000 B of 65536 B (the first 64 KB, which the model engine reads) "
                      "(4464 B too many)"),
            std::string::npos);
}

TEST(ModelSketch, ExportsOneModelForTheSerialPort) {
  const std::vector<uint8_t> blob = readBlob(kRoot + "/tests/avr/fixtures/reference.bin");
  ASSERT_TRUE(isModelFile("x/reference.BIN"));
  ASSERT_FALSE(isModelFile("x/activity.fbp"));
  const SketchExport sketch =
      exportModelSketch(blob, "reference.bin", *findBoard("uno"), sources());
  ASSERT_TRUE(sketch.ok()) << sketch.errors.front();
  EXPECT_EQ(sketch.name, "reference");
  const auto files = filesOf(sketch);
  for (const char* f : {"reference.ino", "emflow_app.cpp", "emflow_config.h", "emflow_models.cpp",
                        "emflow_device.cpp", "emflow/ml/model.cpp", "README.md"})
    EXPECT_TRUE(files.count(std::string("reference/") + f)) << f;
  EXPECT_FALSE(files.count("reference/emflow/runtime/network.cpp"));  // no graph runtime
  EXPECT_NE(files.at("reference/emflow_config.h").find("#define EMFLOW_SKETCH_OUTPUTS 2\n"),
            std::string::npos);
  EXPECT_NE(files.at("reference/emflow_config.h").find("#define EMFLOW_MODEL_MAX_FEATURES 8\n"),
            std::string::npos);
}

TEST(ModelSketch, RefusesWhatIsNotAModel) {
  const SketchExport sketch =
      exportModelSketch({'n', 'o', 'p', 'e'}, "nope.bin", *findBoard("uno"), sources());
  ASSERT_EQ(sketch.errors.size(), 1u);
  EXPECT_EQ(sketch.errors[0], "nope.bin: not a valid emflow model blob");
}

}  // namespace
}  // namespace emflow::exporter
