// `emflow compile` and `emflow run` as a user calls them (the built binary, real files).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "../support/cli_run.h"

using emflow::test::Output;
using emflow::test::run;
using emflow::test::slurp;

namespace {

const std::string kExamples = EMFLOW_SOURCE_DIR "/examples/";

TEST(CliCompile, WritesAStream) {
  const std::string out = EMFLOW_BINARY_DIR "/cli_test_fridge.bin";
  Output r = run("compile " + kExamples + "fridge.fbp -o " + out + " --target uno");
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("10 nodes, 11 connections, 16 initial packets"), std::string::npos);
  const std::string bytes = slurp(out);
  ASSERT_GT(bytes.size(), 10u);
  EXPECT_EQ(bytes.substr(0, 4), "EMFG");
}

TEST(CliCompile, JsonAndFbpGiveTheSameStream) {
  const std::string json = EMFLOW_BINARY_DIR "/cli_test_fridge.json";
  const std::string fromJson = EMFLOW_BINARY_DIR "/cli_test_from_json.bin";
  const std::string fromFbp = EMFLOW_BINARY_DIR "/cli_test_from_fbp.bin";
  ASSERT_EQ(run("parse " + kExamples + "fridge.fbp > " + json).status, 0);
  ASSERT_EQ(run("compile " + json + " -o " + fromJson).status, 0);
  ASSERT_EQ(run("compile " + kExamples + "fridge.fbp -o " + fromFbp).status, 0);
  EXPECT_EQ(slurp(fromJson), slurp(fromFbp));
  EXPECT_FALSE(slurp(fromFbp).empty());
}

TEST(CliCompile, LocatedErrorsAndUsage) {
  const std::string bad = EMFLOW_BINARY_DIR "/cli_test_bad.fbp";
  std::ofstream(bad) << "t(Timer) OUT -> TRIGER r(ReadDallasTemperature)\n";
  Output r = run("compile " + bad + " -o /dev/null");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find(bad + ":1:17: unknown in-port TRIGER"), std::string::npos) << r.text;
  EXPECT_EQ(run("compile " + bad).status, 2) << "missing -o";
  EXPECT_EQ(run("compile --target mega x.fbp -o y").status, 2);
}

TEST(CliRun, SimulatesAndSummarises) {
  const std::string trace = EMFLOW_BINARY_DIR "/cli_test_trace.csv";
  Output r = run("run " + kExamples + "fridge.fbp --world fridge --duration 2h --seed 3 --trace " +
                 trace + " --door-schedule 1h+30s");
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("simulated            0d 02:00:00.000"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("relay overlaps       0"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("network errors       0"), std::string::npos) << r.text;
  const std::string csv = slurp(trace);
  EXPECT_EQ(csv.rfind("time_ms,kind,name,value,air_c,contents_c,ambient_c,compressor,door\n", 0),
            0u);
  EXPECT_NE(csv.find(",packet,thermometer.OUT -> hysteresis.IN,"), std::string::npos);
  EXPECT_NE(csv.find(",pin,D11,"), std::string::npos);
  EXPECT_NE(csv.find("\n3600000,sample,world,"), std::string::npos);
  EXPECT_NE(csv.find(",1\n"), std::string::npos) << "the door column shows the opening";
}

TEST(CliRun, RejectsBadOptionsClearly) {
  const std::string fridge = kExamples + "fridge.fbp";
  Output r = run("run " + fridge + " --duration 24x");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("unknown time unit 'x'"), std::string::npos) << r.text;
  r = run("run " + fridge + " --world mars");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("unknown world 'mars'"), std::string::npos);
  r = run("run " + fridge + " --duration 50d");
  EXPECT_NE(r.text.find("at most 49d"), std::string::npos);
  r = run("run " + fridge + " --door-schedule 3h");
  EXPECT_NE(r.text.find("START+LENGTH"), std::string::npos);
  r = run("run " + fridge + " --ambient hot");
  EXPECT_EQ(r.status, 2);
}

TEST(CliRun, OtherExamplesRun) {
  for (const char* example : {"blink.fbp", "temperature_alarm.fbp", "door_light.fbp"}) {
    Output r = run(std::string("run ") + kExamples + example + " --duration 10m");
    EXPECT_EQ(r.status, 0) << example << ": " << r.text;
    EXPECT_NE(r.text.find("network errors       0"), std::string::npos) << example << r.text;
  }
}

}  // namespace
