// `emflow run --world activity`, `--model`, `--without-models` and `--features` as a user calls
// them (the built binary, the real example and its model).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../support/cli_run.h"

using emflow::test::Output;
using emflow::test::run;

namespace {

const std::string kExample = EMFLOW_SOURCE_DIR "/examples/activity.fbp";

// The number after `label` in the summary ("predictions          1121 scored, ...").
double numberAfter(const std::string& text, const std::string& label) {
  const size_t at = text.find(label);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(text.find_first_of("0123456789", at + label.size())));
}

TEST(CliRunActivity, TheExampleClassifiesTheActivities) {
  Output r = run("run " + kExample + " --world activity --duration 20m --seed 7");
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("model node           classify"), std::string::npos) << r.text;
  // 20 min of 0.64 s windows; a handful span two activities.
  EXPECT_EQ(numberAfter(r.text, "windows"), 1875) << r.text;
  EXPECT_GT(numberAfter(r.text, "predictions"), 1800) << r.text;
  EXPECT_GT(numberAfter(r.text, "accuracy"), 90.0) << r.text;
  EXPECT_NE(r.text.find("network errors       0"), std::string::npos) << r.text;
  // Same seed, same summary.
  EXPECT_EQ(run("run " + kExample + " --world activity --duration 20m --seed 7").text, r.text);
}

TEST(CliRunActivity, RecordsFeaturesWithoutAModel) {
  const std::string csv = EMFLOW_BINARY_DIR "/cli_activity_features.csv";
  Output r =
      run("run " + kExample + " --world activity --duration 2m --without-models --features " + csv);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("predictions          0 scored"), std::string::npos) << r.text;
  std::ifstream in(csv);
  std::string header, row;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("f0,f1,", 0), 0u) << header;
  EXPECT_NE(header.find(",f29,activity"), std::string::npos) << header;
  size_t rows = 0;
  while (std::getline(in, row)) {
    ++rows;
    const char last = row.back();
    EXPECT_TRUE(last >= '0' && last <= '4') << row;
  }
  EXPECT_GT(rows, 150u);  // 187 windows in 2 min, less the mixed ones
  EXPECT_LE(rows, 187u);
}

TEST(CliRunActivity, ModelOptionOverridesTheAnnotation) {
  // The reference forest takes 8 features, the window sends 30: every vector is rejected.
  Output r = run("run " + kExample +
                 " --world activity --duration 1m --model 1=" EMFLOW_SOURCE_DIR
                 "/tests/avr/fixtures/reference.bin");
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("predictions          0 scored"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("at classify.IN"), std::string::npos) << r.text;
}

TEST(CliRunActivity, RefusesWithReasons) {
  Output r = run("run " + kExample + " --world activity --model 1=/no/such.bin");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find("--model: cannot read model 1 from /no/such.bin"), std::string::npos)
      << r.text;
  r = run("run " + kExample + " --world activity --model one=x.bin");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("the id must be an integer 0..255"), std::string::npos) << r.text;
  r = run("run " + kExample + " --world activity --ambient 30");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("--ambient is an option of the fridge world"), std::string::npos) << r.text;
  r = run("run " + kExample + " --world activity --duration 2d");
  EXPECT_EQ(r.status, 2);
  r = run("run " EMFLOW_SOURCE_DIR "/examples/fridge.fbp --features x.csv --duration 1m");
  EXPECT_EQ(r.status, 2);
  r = run("run " + kExample + " --world moon");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("known: fridge, activity"), std::string::npos) << r.text;
}

TEST(CliExportModels, ExportsTheActivityGraphAndAModelAlone) {
  const std::string dir = EMFLOW_BINARY_DIR "/cli_export_models/";
  std::system(("rm -rf " + dir).c_str());
  Output r = run("export " + kExample + " --board uno -o " + dir);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_TRUE(std::ifstream(dir + "Activity/emflow_models.cpp").good());
  r = run("export " EMFLOW_SOURCE_DIR "/examples/models/activity.bin --board uno -o " + dir);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_TRUE(std::ifstream(dir + "activity/activity.ino").good());
  r = run("export " + kExample + " --board uno --model 1=/no/such.bin -o " + dir + "x.zip");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find("--model: cannot read model 1 from /no/such.bin"), std::string::npos);
  EXPECT_FALSE(std::ifstream(dir + "x.zip").good());
}

// `--adc` writes the readings the run's own world gives: every packet row of the same run's
// trace shows, in its a0..a2 columns, the counts the series holds at that time.
TEST(CliRunActivity, AdcSeriesIsTheRunsWorld) {
  const std::string adc = EMFLOW_BINARY_DIR "/cli_activity_adc.csv";
  const std::string trace = EMFLOW_BINARY_DIR "/cli_activity_adc_trace.csv";
  Output r = run("run " + kExample + " --world activity --duration 30s --seed 5 --adc " + adc +
                 " --trace " + trace);
  ASSERT_EQ(r.status, 0) << r.text;
  std::ifstream series(adc);
  std::string line;
  std::getline(series, line);
  EXPECT_EQ(line, "time_ms,a0,a1,a2");
  std::vector<std::array<long, 4>> rows;  // time, a0, a1, a2
  while (std::getline(series, line)) {
    std::array<long, 4> row{};
    ASSERT_EQ(std::sscanf(line.c_str(), "%ld,%ld,%ld,%ld", &row[0], &row[1], &row[2], &row[3]), 4)
        << line;
    for (int i = 1; i < 4; ++i) EXPECT_TRUE(row[i] >= 0 && row[i] <= 1023) << line;
    if (!rows.empty()) {
      EXPECT_GT(row[0], rows.back()[0]) << line;
    }
    rows.push_back(row);
  }
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front()[0], 0);
  EXPECT_LE(rows.back()[0], 30000);
  EXPECT_GT(rows.size(), 500u);  // the world samples at 25 Hz: ~750 changes in 30 s
  std::ifstream traced(trace);
  std::getline(traced, line);  // header: time_ms,kind,name,value,activity,a0,a1,a2
  size_t checked = 0, at = 0;
  while (std::getline(traced, line)) {
    long time = 0, a[3] = {0, 0, 0};
    if (std::sscanf(line.c_str(), "%ld,", &time) != 1) continue;
    const size_t comma = line.rfind(',', line.rfind(',', line.rfind(',') - 1) - 1);
    ASSERT_EQ(std::sscanf(line.c_str() + comma, ",%ld,%ld,%ld", &a[0], &a[1], &a[2]), 3) << line;
    while (at + 1 < rows.size() && rows[at + 1][0] <= time) ++at;
    EXPECT_EQ(a[0], rows[at][1]) << line;
    EXPECT_EQ(a[1], rows[at][2]) << line;
    EXPECT_EQ(a[2], rows[at][3]) << line;
    ++checked;
  }
  EXPECT_GT(checked, 5000u);
}

TEST(CliRunActivity, AdcIsForTheActivityWorldOnly) {
  Output r = run("run " EMFLOW_SOURCE_DIR "/examples/fridge.fbp --duration 1m --adc x.csv");
  EXPECT_EQ(r.status, 2) << r.text;
  EXPECT_NE(r.text.find("--adc"), std::string::npos) << r.text;
}

}  // namespace
