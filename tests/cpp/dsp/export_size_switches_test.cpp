// What the exporter writes into a sketch's emflow_config.h for the FFT and the model engine:
// the FFT table sized to the graph's largest transformed window, and the model size switches
// (core/ml/trees.h) chosen from the graph's models. (Here rather than in tests/cpp/export
// because these switches belong to the DSP/model-size work; the refusals the switches cause
// are checked by tests/firmware/model_check.sh, which builds the engine with them.)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "dsp/fft.h"
#include "host/firmware/export/sketch_export.h"
#include "host/firmware/export/sketch_models.h"
#include "ml/model_blob.h"

namespace emflow::exporter {
namespace {

const std::string kRoot = EMFLOW_SOURCE_DIR;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

SketchModel treeModel(bool int16) {
  SketchModel m;
  m.id = 1;
  m.kind = kModelTreeClassifier;
  m.features = 4;
  m.outputs = 2;
  m.int16 = int16;
  return m;
}

bool has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(ExportSizeSwitches, FloatModelsDropTheInt16PathAndTheRamReader) {
  const std::string config = modelsConfig({treeModel(false)});
  EXPECT_TRUE(has(config, "#define EMFLOW_MODELS_FLASH_ONLY 1\n")) << config;
  EXPECT_TRUE(has(config, "#define EMFLOW_MODELS_NO_INT16 1\n")) << config;
  EXPECT_FALSE(has(config, "EMFLOW_MODELS_NO_FLOAT")) << config;
}

TEST(ExportSizeSwitches, Int16ModelsDropTheFloatPath) {
  const std::string config = modelsConfig({treeModel(true)});
  EXPECT_TRUE(has(config, "#define EMFLOW_MODELS_NO_FLOAT 1\n")) << config;
  EXPECT_FALSE(has(config, "EMFLOW_MODELS_NO_INT16")) << config;
}

TEST(ExportSizeSwitches, MixedModelsKeepBothPaths) {
  SketchModel second = treeModel(true);
  second.id = 2;
  const std::string config = modelsConfig({treeModel(false), second});
  EXPECT_TRUE(has(config, "#define EMFLOW_MODELS_FLASH_ONLY 1\n")) << config;
  EXPECT_FALSE(has(config, "EMFLOW_MODELS_NO_INT16")) << config;
  EXPECT_FALSE(has(config, "EMFLOW_MODELS_NO_FLOAT")) << config;
}

TEST(ExportSizeSwitches, DescribeModelReadsTheModelsMode) {
  const std::string text = readFile(kRoot + "/tests/avr/fixtures/reference.bin");
  SketchModel m;
  ASSERT_TRUE(describeModel(0, std::vector<uint8_t>(text.begin(), text.end()), "x", &m));
  EXPECT_TRUE(m.int16);
  const std::string activity = readFile(kRoot + "/examples/models/activity.bin");
  ASSERT_TRUE(describeModel(1, std::vector<uint8_t>(activity.begin(), activity.end()), "x", &m));
  EXPECT_FALSE(m.int16);
}

TEST(ExportSizeSwitches, ActivitySketchSizesTheFftTableToItsWindow) {
  std::string error;
  const SourceTree sources = readSourceTree(kRoot, &error);
  ASSERT_FALSE(sources.empty()) << error;
  const std::string blob = readFile(kRoot + "/examples/models/activity.bin");
  const SketchExport sketch =
      exportSketch(readFile(kRoot + "/examples/activity.fbp"), "activity.fbp", *findBoard("uno"),
                   sources, "", {{1, {blob.begin(), blob.end()}}});
  ASSERT_TRUE(sketch.ok()) << sketch.errors.front();
  std::string config, twiddles;
  for (const ZipEntry& f : sketch.files) {
    if (f.path == "Activity/emflow_config.h") config = f.data;
    if (f.path == "Activity/emflow/dsp/fft_twiddles.h") twiddles = f.data;
  }
  // WindowFeatures SIZE 16 with BANDS 4: a 16-point FFT, 16/4 + 1 = 5 table entries.
  EXPECT_TRUE(has(config, "#define EMFLOW_FFT_MAX_SIZE 16\n")) << config;
  EXPECT_TRUE(has(config, "#define EMFLOW_MODELS_NO_INT16 1\n")) << config;
  EXPECT_EQ(twiddles, readFile(kRoot + "/core/dsp/fft_twiddles.h"));  // copied unchanged
}

}  // namespace
}  // namespace emflow::exporter
