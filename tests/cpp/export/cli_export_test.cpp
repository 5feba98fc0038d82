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

// A model alone: the sketch's size is printed after the sketch is written. A model the Uno
// cannot hold is written all the same; it fails (status 1) only when --board asked for the Uno,
// and the default board's warning names the board it fits.
TEST(CliExport, ModelSketchSaysItsSizeAndWhetherItFits) {
  const std::string dir = EMFLOW_BINARY_DIR "/cli_export_model_size/";
  std::filesystem::remove_all(dir);
  Output r = run("export " + kExamples + "models/activity.bin -o " + dir);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("activity.bin: sketch size on the Arduino Uno: flash ~"), std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("+ 4785 B blob), static RAM ~"), std::string::npos) << r.text;

  // A forest of noise (labels with nothing to learn) grows a leaf per few rows: ~30 KB.
  std::filesystem::create_directories(dir);
  {
    std::ofstream csv(dir + "noise.csv");
    csv << "a,b,c,d,label\n";
    uint32_t s = 1;
    auto next = [&s] { return (s = s * 1103515245u + 12345u) >> 16; };
    for (int row = 0; row < 3000; ++row) {
      for (int f = 0; f < 4; ++f) csv << next() % 1000 << ',';
      csv << next() % 5 << '\n';
    }
  }
  r = run("train " + dir + "noise.csv --n-estimators 4 --max-depth none --seed 0 --test-size 0 " +
          "--quiet -o " + dir + "big.bin");
  ASSERT_EQ(r.status, 0) << r.text;
  const size_t blob = std::filesystem::file_size(dir + "big.bin");
  ASSERT_GT(blob, 32256u - 9000u) << "with the engine, the noise forest should not fit the Uno";
  ASSERT_LT(blob, 50000u) << "the noise forest should fit the Mega's first 64 KB";

  r = run("export " + dir + "big.bin -o " + dir + "default/");
  EXPECT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("big.bin: does not fit: needs "), std::string::npos) << r.text;
  EXPECT_NE(r.text.find(" B of flash, the Arduino Uno has 32256 B"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("it fits the Arduino Mega 2560"), std::string::npos) << r.text;
  EXPECT_TRUE(std::filesystem::exists(dir + "default/big/big.ino"));

  r = run("export " + dir + "big.bin --board uno -o " + dir + "uno/");
  EXPECT_EQ(r.status, 1) << r.text;
  EXPECT_NE(r.text.find("does not fit: needs "), std::string::npos) << r.text;
  EXPECT_TRUE(std::filesystem::exists(dir + "uno/big/big.ino"));

  r = run("export " + dir + "big.bin --board mega -o " + dir + "mega/");
  EXPECT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("sketch size on the Arduino Mega 2560: flash ~"), std::string::npos)
      << r.text;
}

}  // namespace
