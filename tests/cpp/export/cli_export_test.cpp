// `emflow export` as a user calls it: the built binary, real files.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../support/cli_run.h"

using emflow::test::Output;
using emflow::test::run;

namespace {

const std::string kExamples = EMFLOW_SOURCE_DIR "/examples/";

TEST(CliExport, WritesAZipThatUnzipAccepts) {
  const std::string zip = EMFLOW_BINARY_DIR "/cli_export_fridge.zip";
  std::filesystem::remove(zip);
  const Output r = run("export " + kExamples + "fridge.fbp --board uno -o " + zip);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("sketch Fridge for the Arduino Uno"), std::string::npos) << r.text;
  ASSERT_TRUE(std::filesystem::exists(zip));
  if (std::system("command -v unzip >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("unzip -tq " + zip + " >/dev/null").c_str()), 0);
    EXPECT_EQ(std::system(("unzip -l " + zip + " | grep -q ' Fridge/Fridge.ino$'").c_str()), 0);
  }
}

TEST(CliExport, WritesAFolderWithName) {
  const std::string dir = EMFLOW_BINARY_DIR "/cli_export_folder/";
  std::filesystem::remove_all(dir);
  const Output r = run("export " + kExamples + "blink.fbp --name 'my blink' -o " + dir);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_TRUE(std::filesystem::exists(dir + "my_blink/my_blink.ino"));
  EXPECT_TRUE(std::filesystem::exists(dir + "my_blink/emflow/runtime/network.cpp"));
}

TEST(CliExport, RefusesWithLocatedMessages) {
  const std::string zip = EMFLOW_BINARY_DIR "/cli_export_refused.zip";
  std::filesystem::remove(zip);
  Output r = run("export " EMFLOW_SOURCE_DIR "/tests/firmware/graphs/too_big.fbp -o " + zip);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find("too_big.fbp: the graph needs 14 nodes but the target allows 12"),
            std::string::npos)
      << r.text;
  EXPECT_FALSE(std::filesystem::exists(zip));

  r = run("export " + kExamples + "fridge.fbp --board esp32 -o " + zip);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("unknown board 'esp32' (boards: uno, mega)"), std::string::npos) << r.text;

  r = run("export " + kExamples + "fridge.fbp");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("missing -o"), std::string::npos) << r.text;

  r = run("export " + kExamples + "fridge.fbp --sources /nonexistent -o " + zip);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("emflow sources not found"), std::string::npos) << r.text;
}

}  // namespace
