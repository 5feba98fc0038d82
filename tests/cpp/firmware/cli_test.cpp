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

// A graph that reads the Uno's A0 and drives D22 (a pin only a Mega has).
std::string writeAnalogGraph(const std::string& name, int extraNodes) {
  const std::string path = EMFLOW_BINARY_DIR "/" + name;
  std::ofstream f(path);
  f << "t(Timer) OUT -> TRIGGER r(AnalogRead) OUT -> IN log(SerialOut)\n"
       "'100' -> INTERVAL t()\n"
       "board(ArduinoUno) A0 -> PIN r()\n";
  for (int i = 0; i < extraNodes; ++i) f << "n" << i << "(ToggleBoolean)\n";
  return path;
}

TEST(CliCompile, BoardMegaPutsTheUnosA0OnPin54) {
  const std::string graph = writeAnalogGraph("cli_test_analog.fbp", 0);
  const std::string mega = EMFLOW_BINARY_DIR "/cli_test_analog_mega.cpp";
  const std::string uno = EMFLOW_BINARY_DIR "/cli_test_analog_uno.cpp";
  Output m = run("compile " + graph + " --board mega --format wiring -o " + mega);
  ASSERT_EQ(m.status, 0) << m.text;
  // Said on stderr, located at the board's port (line 3, column 19).
  EXPECT_NE(m.text.find(graph + ":3:19: warning: board(ArduinoUno) A0 -> PIN r: the Uno's A0 is A0 "
                                "(pin 54) on the target board"),
            std::string::npos)
      << m.text;
  Output u = run("compile " + graph + " --board uno --format wiring -o " + uno);
  ASSERT_EQ(u.status, 0) << u.text;
  EXPECT_EQ(u.text.find("warning"), std::string::npos) << u.text;
  const std::string megaSource = slurp(mega), unoSource = slurp(uno);
  // r's PIN (node 1, port 1) gets the int 54 (0x36) on the Mega, 14 (0x0E) on the Uno.
  EXPECT_NE(megaSource.find("0x01, 0x01, 0x03, 0x36, 0x00, 0x00, 0x00"), std::string::npos)
      << megaSource;
  EXPECT_EQ(megaSource.find("0x01, 0x01, 0x03, 0x0E"), std::string::npos) << megaSource;
  EXPECT_NE(unoSource.find("0x01, 0x01, 0x03, 0x0E, 0x00, 0x00, 0x00"), std::string::npos)
      << unoSource;
  // The binary streams differ too (the pin is in an initial packet).
  const std::string megaBin = EMFLOW_BINARY_DIR "/cli_test_analog_mega.bin";
  const std::string unoBin = EMFLOW_BINARY_DIR "/cli_test_analog_uno.bin";
  ASSERT_EQ(run("compile " + graph + " --board mega -o " + megaBin).status, 0);
  ASSERT_EQ(run("compile " + graph + " --target uno -o " + unoBin).status, 0);
  EXPECT_NE(slurp(megaBin), slurp(unoBin));
  EXPECT_EQ(slurp(megaBin).substr(0, 4), "EMFG");
}

TEST(CliCompile, BoardLimitsAreTheGenericFirmwares) {
  // 3 + 10 nodes: over the Uno's 12, well under the Mega's 48.
  const std::string graph = writeAnalogGraph("cli_test_thirteen.fbp", 10);
  Output u = run("compile " + graph + " --board uno -o /dev/null");
  EXPECT_EQ(u.status, 1) << u.text;
  EXPECT_NE(u.text.find("12"), std::string::npos) << u.text;
  Output m = run("compile " + graph + " --board mega -o /dev/null");
  EXPECT_EQ(m.status, 0) << m.text;
  EXPECT_NE(m.text.find("13 nodes"), std::string::npos) << m.text;
}

TEST(CliCompile, BoardOptionErrorsAreClear) {
  const std::string graph = writeAnalogGraph("cli_test_board_errors.fbp", 0);
  Output unknown = run("compile " + graph + " --board due -o /dev/null");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.text.find("unknown board 'due' (boards: uno, mega)"), std::string::npos)
      << unknown.text;
  Output both = run("compile " + graph + " --target uno --board mega -o /dev/null");
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.text.find("disagree"), std::string::npos) << both.text;
  Output missing = run("compile " + graph + " -o /dev/null --board");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.text.find("--board needs one of: uno, mega"), std::string::npos)
      << missing.text;
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
