// `emflow check` on the shared corpus of broken graphs (tests/graphs/broken): the built CLI's
// output must be each NAME.expected, the same lines the app's graph and text views list
// (web/src/graph-doc/problems.test.ts checks those against the same files).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "../support/cli_run.h"

using emflow::test::Output;
using emflow::test::run;
using emflow::test::slurp;

namespace {

const std::string kCorpus = EMFLOW_SOURCE_DIR "/tests/graphs/broken/";

// The CLI prints FILE:LINE:COLUMN: message; the corpus stores LINE:COLUMN: message.
std::string withoutFileNames(const std::string& text, const std::string& path) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.rfind(path + ":", 0) == 0) line = line.substr(path.size() + 1);
    out += line + "\n";
    start = end + 1;
  }
  return out;
}

TEST(CliCheckCorpus, PrintsTheExpectedProblemsForEveryBrokenGraph) {
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".fbp") continue;
    const std::string path = entry.path().string();
    std::filesystem::path expectedPath = entry.path();
    expectedPath.replace_extension(".expected");
    ASSERT_TRUE(std::filesystem::exists(expectedPath)) << expectedPath << " is missing";
    const std::string expected = slurp(expectedPath.string());
    const Output r = run("check " + path);
    // Warnings alone pass the check ("ok" last); any error fails it.
    bool onlyWarnings = true;
    std::istringstream lines(expected);
    for (std::string line; std::getline(lines, line);)
      if (line.find(": warning: ") == std::string::npos) onlyWarnings = false;
    EXPECT_EQ(r.status, onlyWarnings ? 0 : 1) << path << "\n" << r.text;
    std::string printed = withoutFileNames(r.text, path);
    if (onlyWarnings) {
      EXPECT_EQ(printed, expected + "ok\n") << path;
    } else {
      EXPECT_EQ(printed, expected) << path;
    }
    ++cases;
  }
  EXPECT_GE(cases, 4);
}

}  // namespace
