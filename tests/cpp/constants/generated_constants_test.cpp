// The TypeScript and Python constant files are generated from the C++ headers: these tests
// fail when a header changes and the checked-in files were not regenerated
// (build/native/core/emflow-constants --write), as the FFT twiddle table's test does.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "host/constants/constants_writer.h"
#include "host/constants/link_constants.h"
#include "ml/model_kinds.h"
#include "sim/world_registry.h"

namespace {

std::string readSourceFile(const std::string& relative) {
  std::ifstream in(std::string(EMFLOW_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(GeneratedConstants, TypeScriptFileMatchesTheHeaders) {
  EXPECT_EQ(readSourceFile(emflow::constants::kTypeScriptPath),
            emflow::constants::typeScriptConstants())
      << "run build/native/core/emflow-constants --write";
}

TEST(GeneratedConstants, PythonFileMatchesTheHeaders) {
  EXPECT_EQ(readSourceFile(emflow::constants::kPythonPath), emflow::constants::pythonConstants())
      << "run build/native/core/emflow-constants --write";
}

TEST(GeneratedConstants, LinkTypeScriptFileMatchesTheHeaders) {
  EXPECT_EQ(readSourceFile(emflow::constants::kLinkTypeScriptPath),
            emflow::constants::linkTypeScriptConstants())
      << "run build/native/core/emflow-constants --write";
  const std::string ts = emflow::constants::linkTypeScriptConstants();
  EXPECT_NE(ts.find("  StreamChunk: 0x03,"), std::string::npos) << ts;
  EXPECT_NE(ts.find("  StoredCrc: { offset: 13, bytes: 2 },"), std::string::npos) << ts;
  EXPECT_NE(ts.find("  'checksum mismatch',\n"), std::string::npos) << ts;
}

TEST(GeneratedConstants, EveryKindAppearsWithItsValue) {
  const std::string ts = emflow::constants::typeScriptConstants();
  const std::string py = emflow::constants::pythonConstants();
  EXPECT_NE(ts.find("GaussianNB: { value: 32, role: 'classifier'"), std::string::npos) << ts;
  EXPECT_NE(py.find("KIND_GAUSSIAN_NB = 32\n"), std::string::npos) << py;
  EXPECT_NE(py.find("KIND_MLP_CLASSIFIER = 33\n"), std::string::npos) << py;
  EXPECT_NE(py.find("KIND_KNEIGHBORS_CLASSIFIER = 35\n"), std::string::npos) << py;
  EXPECT_NE(py.find("KIND_ISOLATION_FOREST = 5\n"), std::string::npos) << py;
  EXPECT_NE(py.find("KIND_ELLIPTIC_ENVELOPE: \"anomaly\""), std::string::npos) << py;
  EXPECT_EQ(int(emflow::kModelGaussianMixture), 39);
}

// Each world of the registry, with its needsData flag and every live input, is in both files:
// a world added to core/sim/world_registry.cpp without regenerating fails here and above.
TEST(GeneratedConstants, EveryWorldAppearsWithItsInputs) {
  const std::string ts = emflow::constants::typeScriptConstants();
  const std::string py = emflow::constants::pythonConstants();
  ASSERT_FALSE(emflow::sim::worldSpecs().empty());
  for (const emflow::sim::WorldSpec& spec : emflow::sim::worldSpecs()) {
    const std::string tsEntry = "  " + spec.name + ": {\n    description: '" + spec.description +
                                "',\n    needsData: " + (spec.needsData ? "true" : "false");
    EXPECT_NE(ts.find(tsEntry), std::string::npos) << tsEntry;
    const std::string pyEntry =
        "    \"" + spec.name + "\": {\n        \"description\": \"" + spec.description +
        "\",\n        \"needs_data\": " + (spec.needsData ? "True" : "False");
    EXPECT_NE(py.find(pyEntry), std::string::npos) << pyEntry;
    for (const emflow::sim::WorldInput& input : spec.inputs) {
      EXPECT_NE(ts.find("{ name: '" + input.name + "', description: '" + input.description + "' }"),
                std::string::npos)
          << input.name;
      EXPECT_NE(py.find("(\"" + input.name + "\", \"" + input.description + "\")"),
                std::string::npos)
          << input.name;
    }
  }
  // The fridge's live inputs are what the web's sliders set.
  EXPECT_NE(ts.find("{ name: 'ambientC'"), std::string::npos);
  EXPECT_NE(py.find("\"replay\": {"), std::string::npos);
}

}  // namespace
