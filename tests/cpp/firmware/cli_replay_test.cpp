// `emflow run --world replay --data FILE` as a user calls it: the activity example replayed
// from the ADC recording of a live activity run (`--adc`) sends the same classes at the same
// instants as the live run; bad recordings are refused with FILE:LINE:COLUMN.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../support/cli_run.h"

using emflow::test::Output;
using emflow::test::run;
using emflow::test::slurp;

namespace {

const std::string kExample = EMFLOW_SOURCE_DIR "/examples/activity.fbp";

// The time_ms,kind,name,value part of every packet and pin row (the world columns differ).
std::vector<std::string> graphRows(const std::string& trace, const std::string& only = "") {
  std::vector<std::string> rows;
  std::istringstream in(trace);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    size_t comma = 0;
    for (int i = 0; i < 4 && comma != std::string::npos; ++i) comma = line.find(',', comma + 1);
    const std::string head = line.substr(0, comma);
    if (head.find(",sample,") != std::string::npos) continue;
    if (!only.empty() && head.find(only) == std::string::npos) continue;
    rows.push_back(head);
  }
  return rows;
}

TEST(CliRunReplay, ReplayedRecordingGivesTheLiveClasses) {
  const std::string adc = EMFLOW_BINARY_DIR "/cli_replay_adc.csv";
  const std::string live = EMFLOW_BINARY_DIR "/cli_replay_live.csv";
  const std::string replayed = EMFLOW_BINARY_DIR "/cli_replay_replayed.csv";
  Output r = run("run " + kExample + " --world activity --duration 10m --seed 7 --adc " + adc +
                 " --trace " + live);
  ASSERT_EQ(r.status, 0) << r.text;
  r = run("run " + kExample + " --world replay --data " + adc + " --duration 10m --trace " +
          replayed);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("replayed columns     a0, a1, a2"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("network errors       0"), std::string::npos) << r.text;
  const std::vector<std::string> liveClasses = graphRows(slurp(live), "classify.OUT");
  const std::vector<std::string> replayClasses = graphRows(slurp(replayed), "classify.OUT");
  // 10 min of 0.64 s windows, one class each.
  ASSERT_EQ(liveClasses.size(), 937u);
  EXPECT_EQ(replayClasses, liveClasses);
  // Not only the classes: every packet and pin write of the graph is the same.
  EXPECT_EQ(graphRows(slurp(replayed)), graphRows(slurp(live)));
  // More than one class was sent, so the comparison says something.
  std::string first = liveClasses.front().substr(liveClasses.front().rfind(','));
  bool other = false;
  for (const std::string& row : liveClasses) other |= row.substr(row.rfind(',')) != first;
  EXPECT_TRUE(other);
}

TEST(CliRunReplay, DefaultDurationIsTheRecording) {
  const std::string data = EMFLOW_BINARY_DIR "/cli_replay_short.csv";
  std::ofstream(data) << "time_s,A0,A1,A2\n0,500,500,600\n30,510,480,620\n";
  Output r = run("run " + kExample + " --world replay --data " + data);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("simulated            0d 00:00:30.000"), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("recording            2 rows, 0 .. 30000 ms"), std::string::npos) << r.text;
}

TEST(CliRunReplay, RefusesBadRecordingsWithTheirLocation) {
  const std::string data = EMFLOW_BINARY_DIR "/cli_replay_bad.csv";
  std::ofstream(data) << "time_ms,A0,A1\n0,1,2\n40,3,NaN\n";
  Output r = run("run " + kExample + " --world replay --data " + data);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find(data + ":3:3: A1 value 'NaN' is not a finite number"), std::string::npos)
      << r.text;
  std::ofstream(data) << "time_ms,A0,X1\n";
  r = run("run " + kExample + " --world replay --data " + data);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find(data + ":1:3: unknown column 'X1'"), std::string::npos) << r.text;
  r = run("run " + kExample + " --world replay");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("the replay world needs --data FILE"), std::string::npos) << r.text;
  r = run("run " + kExample + " --world replay --data /no/such.csv");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find("cannot read /no/such.csv"), std::string::npos) << r.text;
  r = run("run " + kExample + " --world mars");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.text.find("unknown world 'mars' (known: fridge, activity, replay, none)"),
            std::string::npos)
      << r.text;
}

}  // namespace
