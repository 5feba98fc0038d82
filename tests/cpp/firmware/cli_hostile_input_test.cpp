// Hostile input to the `emflow` CLI (issue 12): every case must end with a clear, located error
// and a non-zero exit, never a crash, a hang, a silent default or a silent drop.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "../support/cli_run.h"

using emflow::test::Output;
using emflow::test::run;

namespace {

const std::string kExamples = EMFLOW_SOURCE_DIR "/examples/";
const std::string kTmp = EMFLOW_BINARY_DIR "/cli_hostile_";

std::string write(const std::string& name, const std::string& bytes) {
  const std::string path = kTmp + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

bool has(const Output& r, const std::string& text) {
  return r.text.find(text) != std::string::npos;
}

// A JSON graph of `n` Drop nodes and no connections, all on one line.
std::string dropNodes(size_t n) {
  std::string json = "{\"processes\":{";
  for (size_t i = 0; i < n; ++i)
    json += (i ? ",\"n" : "\"n") + std::to_string(i) + "\":{\"component\":\"Drop\"}";
  return json + "}}";
}

// --- item 4: graph caps ---------------------------------------------------------------------

TEST(CliGraphLimits, MoreNodesThanTheCapIsALocatedError) {
  const std::string ok = write("100k.json", dropNodes(100000));
  Output r = run("parse " + ok + " > /dev/null");
  EXPECT_EQ(r.status, 0) << r.text;
  const std::string big = write("100k1.json", dropNodes(100001));
  r = run("check " + big);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, big + ":1:")) << r.text;
  EXPECT_TRUE(has(r, "more than 100000 nodes (the limit); node 'n100000' is number 100001"))
      << r.text;
}

TEST(CliGraphLimits, MoreIipsThanTheCapIsALocatedError) {
  std::string fbp = "d(Drop)\n";
  for (int i = 0; i <= 200000; ++i) fbp += "'1' -> IN d\n";
  const std::string path = write("iips.fbp", fbp);
  Output r = run("parse " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, path + ":200002:1: more than 200000 initial packets (IIPs) (the limit)"))
      << r.text.substr(0, 400);
}

TEST(CliGraphLimits, OversizedMetadataIsALocatedError) {
  const std::string json =
      "{\"processes\":{\n\"d\":{\"component\":\"Drop\",\"metadata\":{\"x\":\"" +
      std::string(70000, 'a') + "\"}}}}";
  const std::string path = write("meta.json", json);
  Output r = run("check " + path);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, path + ":2:5: metadata of node d is 70008 bytes of JSON; the limit is 65536"))
      << r.text;
}

// --- item 8: files that are not graph files -------------------------------------------------

TEST(CliFiles, ADirectoryIsNotAGraph) {
  Output r = run("parse " + kExamples);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, "is a directory, not a file")) << r.text;
  EXPECT_EQ(r.text.find("\"processes\""), std::string::npos) << "no empty graph printed";
  for (const char* command : {"check ", "format ", "compile -o /dev/null "}) {
    r = run(command + kExamples);
    EXPECT_NE(r.status, 0) << command;
    EXPECT_TRUE(has(r, "is a directory, not a file")) << command << r.text;
  }
}

TEST(CliFiles, EndlessAndHugeInputsStopAtTheCap) {
  Output r = run("parse /dev/zero");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, "/dev/zero: larger than the limit of 16 MiB")) << r.text;
  r = run("run /dev/zero --duration 1m");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, "/dev/zero: larger than the limit of 16 MiB")) << r.text;
  const std::string huge = write("huge.fbp", std::string((16u << 20) + 1, '#'));
  r = run("check " + huge);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, "16777217 bytes, larger than the limit of 16 MiB")) << r.text;
}

TEST(CliFiles, InvalidUtf8IsRefusedWithItsLocation) {
  const std::string json =
      write("utf8.json", "{\"processes\": {\n  \"t\xFFx\": {\"component\": \"Drop\"}}}");
  Output r = run("parse " + json);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, json + ":2:5: invalid UTF-8 (byte 0xFF)")) << r.text;
  EXPECT_FALSE(has(r, "\xEF\xBF\xBD")) << "no U+FFFD in the output";
  const std::string iip = write("utf8iip.json",
                                "{\"processes\": {\"d\": {\"component\": \"Drop\"}},\n"
                                "\"connections\": [{\"data\": \"\xC3\", \"tgt\": {\"process\": "
                                "\"d\", \"port\": \"in\"}}]}");
  r = run("check " + iip);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, iip + ":2:27: invalid UTF-8 (byte 0xC3)")) << r.text;
  const std::string fbp = write("utf8.fbp", "'a\xE2\x82' -> IN d(Drop)\n");
  r = run("parse " + fbp);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, fbp + ":1:3: invalid UTF-8 (byte 0xE2)")) << r.text;
}

TEST(CliFiles, FormatToFbpRefusesToDropNodes) {
  const std::string json = write("names.json",
                                 "{\"processes\": {\"a.b\": {\"component\": \"Drop\"}, "
                                 "\"ok\": {\"component\": \"Drop\"}, "
                                 "\"c d\": {\"component\": \"Drop\"}}}");
  Output r = run("format " + json + " --to fbp");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, "2 node(s) have names .fbp cannot express: 'a.b', 'c d'")) << r.text;
  EXPECT_FALSE(has(r, "ok(Drop)")) << "nothing printed";
  EXPECT_EQ(run("format " + json + " --to json > /dev/null").status, 0);
}

// --- item 6: number options -----------------------------------------------------------------

TEST(CliNumberOptions, NonFiniteNumbersAreRefused) {
  const std::string fridge = kExamples + "fridge.fbp";
  for (const char* option : {"--ambient", "--initial", "--load"}) {
    for (const char* value : {"nan", "NaN", "inf", "-inf", "1e999", "0x10", "5abc", ""}) {
      Output r = run("run " + fridge + " " + option + " '" + value + "' --duration 1m");
      EXPECT_EQ(r.status, 2) << option << " " << value << ": " << r.text;
      EXPECT_TRUE(has(r, std::string("emflow run: ") + option + ": '" + value + "' is ")) << r.text;
      EXPECT_FALSE(has(r, "min nan")) << r.text;
    }
  }
  Output r = run("run " + fridge + " --ambient=nan");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r,
                  "--ambient: 'nan' is not a finite number; expected a temperature in °C from "
                  "-40 to 60"))
      << r.text;
  r = run("run " + fridge + " --ambient 61");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--ambient: 61 is out of range")) << r.text;
  r = run("run " + fridge + " --seed -1");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--seed: '-1' is not a whole number")) << r.text;
  EXPECT_EQ(run("run " + fridge + " --ambient 30.5 --load=-20 --duration 10m").status, 0);
}

TEST(CliNumberOptions, ZeroDurationsAreRefused) {
  const std::string fridge = kExamples + "fridge.fbp";
  for (const char* value : {"0", "0s", "0h"}) {
    Output r = run("run " + fridge + " --duration " + value);
    EXPECT_EQ(r.status, 2) << value << ": " << r.text;
    EXPECT_TRUE(has(r, "--duration: must be positive")) << r.text;
    EXPECT_FALSE(has(r, "simulated")) << r.text;
  }
  Output r = run("run " + fridge + " --duration -1h");
  EXPECT_EQ(r.status, 2) << r.text;
  r = run("run " + fridge + " --sample 0");
  EXPECT_EQ(r.status, 2) << r.text;
}

TEST(CliNumberOptions, OtherCommandsReadNumbersTheSameWay) {
  Output r = run("train x.csv --test-size nan -o /dev/null");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--test-size: 'nan' is not a finite number")) << r.text;
  r = run("train x.csv --test-size 1 -o /dev/null");
  EXPECT_EQ(r.status, 2);
  r = run("codegen m.bin --name m -o /dev/null --max-nodes nan");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--max-nodes: 'nan' is not a whole number")) << r.text;
  const std::string rows = write("bands.csv", "1,2,3,4\n");
  r = run("dsp features --bands 0,inf " + rows);
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--bands: 'inf' is not a whole number")) << r.text;
}

TEST(CliOptions, OneReaderForNameEqualsValue) {
  const std::string fridge = kExamples + "fridge.fbp";
  EXPECT_EQ(run("format " + fridge + " --to=json > /dev/null").status, 0);
  EXPECT_EQ(run("compile " + fridge + " --target=uno --output=/dev/null").status, 0);
  // A flag given a value is refused, not silently read as the flag.
  Output r = run("parse " + fridge + " --case-sensitive=no");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "emflow parse: --case-sensitive takes no value")) << r.text;
  r = run("run " + fridge + " --without-models=yes");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--without-models takes no value")) << r.text;
  r = run("run " + fridge + " --ambient");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--ambient needs a value")) << r.text;
}

// train, codegen, export, predict, scores and dsp read their options through the same cursor.
TEST(CliOptions, EverySubcommandRefusesAFlagWithAValueAndAMissingValue) {
  const std::string rows = write("options.csv", "1,2,3,4\n");
  Output r = run("dsp features --bands");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "emflow dsp: --bands needs a value")) << r.text;
  r = run("dsp features --frobnicate " + rows);  // once read as the FILE name
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "unknown option '--frobnicate'")) << r.text;
  r = run("train " + rows + " --quiet=yes -o /dev/null");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "emflow train: --quiet takes no value")) << r.text;
  r = run("train " + rows + " --test-size=0.25 --max-depth=3 --output=/dev/null");
  EXPECT_FALSE(has(r, "unknown option")) << r.text;
  r = run("codegen model.bin --name");
  EXPECT_NE(r.status, 0);
  EXPECT_TRUE(has(r, "emflow codegen: --name needs a value")) << r.text;
  r = run("predict model.bin " + rows + " --proba=yes");
  EXPECT_NE(r.status, 0);
  EXPECT_TRUE(has(r, "emflow predict: --proba takes no value")) << r.text;
  r = run("scores --verbose model.bin " + rows);  // once read as the model's file name
  EXPECT_NE(r.status, 0);
  EXPECT_TRUE(has(r, "emflow scores: unknown option '--verbose'")) << r.text;
  r = run("export " + kExamples + "fridge.fbp --board=mega --name");
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r, "--name needs a sketch name")) << r.text;
}

// --- item 7: CSV cells ----------------------------------------------------------------------

// A training set (4 rows of x0,x1,label) with `cell` as the second cell of line 3.
std::string trainingSet(const std::string& name, const std::string& cell) {
  return write(name, "x0,x1,label\n1,2,0\n3," + cell + ",1\n5,6,0\n7,8,1\n");
}

TEST(CliCsv, NulBytesAreRefusedInEveryReader) {
  const std::string nul("2\0GARBAGE", 9);
  const std::string data = trainingSet("nul_train.csv", nul);
  Output r = run("train " + data + " -o /dev/null");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, data + ":3:2: NUL byte in a cell")) << r.text;

  const std::string model = kTmp + "model.bin";
  const std::string good = trainingSet("good_train.csv", "4");
  ASSERT_EQ(run("train " + good + " --model decision_tree --test-size 0 -o " + model).status, 0);
  const std::string features = write("nul_predict.csv", "1,2\n3," + nul + "\n");
  r = run("predict " + model + " " + features);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, features + ":2:2: NUL byte in a cell")) << r.text;

  const std::string signal = write("nul_dsp.csv", "1,2,3,4\n1," + nul + ",3,4\n");
  r = run("dsp fft " + signal);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, signal + ":2:2: NUL byte in a cell")) << r.text;
}

TEST(CliCsv, OddCellsAreRefusedTheSameWayEverywhere) {
  const std::string model = kTmp + "model2.bin";
  ASSERT_EQ(run("train " + trainingSet("good2.csv", "4") +
                " --model decision_tree --test-size 0 -o " + model)
                .status,
            0);
  const struct {
    const char* cell;
    const char* why;
  } cases[] = {{"", ""},
               {"2abc", "not a number"},
               {"inf", "not a finite number"},
               {"nan", "not a finite number"},
               {"1e999", "out of range"},
               {"0x10", "not a number"}};
  for (const auto& c : cases) {
    const std::string cell = c.cell;
    // train names the column too: "'2abc' (column x1) is not a number"
    const std::string why = cell.empty() ? "empty cell" : "'" + cell + "' is " + c.why;
    const std::string trainWhy = cell.empty() ? "empty cell (column x1), expected a number"
                                              : "'" + cell + "' (column x1) is " + c.why;
    const std::string data = trainingSet("odd_train.csv", cell);
    Output r = run("train " + data + " -o /dev/null");
    EXPECT_EQ(r.status, 1) << cell;
    EXPECT_TRUE(has(r, data + ":3:2: " + trainWhy)) << r.text;

    const std::string features = write("odd_predict.csv", "1,2\n3," + cell + "\n");
    r = run("predict " + model + " " + features);
    EXPECT_EQ(r.status, 1) << cell;
    EXPECT_TRUE(has(r, features + ":2:2: " + why)) << r.text;

    const std::string signal = write("odd_dsp.csv", "1,2,3,4\n1," + cell + ",3,4\n");
    r = run("dsp fft " + signal);
    EXPECT_EQ(r.status, 1) << cell;
    EXPECT_TRUE(has(r, signal + ":2:2: " + why)) << r.text;
  }
}

TEST(CliCsv, TrailingCommaAndTargetsAreChecked) {
  const std::string trailing = write("trailing.csv", "1,2,0\n3,4,1,\n");
  Output r = run("train " + trailing + " -o /dev/null");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, trailing + ":2: 4 columns, expected 3")) << r.text;
  const std::string target = write("nan_target.csv", "1,2,0\n3,4,nan\n");
  r = run("train " + target + " -o /dev/null");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, target + ":2:3: target 'nan' is not a finite number")) << r.text;
  const std::string signal = write("trailing_dsp.csv", "1,2,3,4,\n");
  r = run("dsp fft " + signal);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r, signal + ":1:5: empty cell, expected a number")) << r.text;
}

}  // namespace
