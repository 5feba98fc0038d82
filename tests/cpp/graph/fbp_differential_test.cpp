// Differential tests: our .fbp parser against the npm `fbp` parser (the reference), over the
// spec cases of the fbp package (tests/fbp/corpus/spec, extracted by
// tests/fbp/extract-spec-cases.mjs), our own tricky cases (tests/fbp/corpus/own), the
// examples, and generated programs. Accepted texts must give byte-identical JSON; rejected
// texts must be rejected by both, with the same syntax error at the same line:column.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "host/graph/fbp_parser.h"
#include "host/graph/graph_json.h"
#include "reference_fbp.h"

namespace emflow::graph {
namespace {

using testing::ReferenceResult;

std::vector<std::string> corpusFiles() {
  std::vector<std::string> files;
  std::string root = EMFLOW_SOURCE_DIR;
  for (const char* dir : {"/tests/fbp/corpus/spec", "/tests/fbp/corpus/own", "/examples"}) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(root + dir, error))
      if (entry.path().extension() == ".fbp") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Compares our parse of `file` with the reference result; returns "" when they agree.
std::string compareWithReference(const std::string& file, const ReferenceResult& reference) {
  FbpParseOptions options;
  options.caseSensitive = endsWith(file, ".cs.fbp");
  GraphResult ours = parseFbp(testing::readTextFile(file), options);
  if (reference.ok) {
    if (!ours.ok()) return "fbp accepts it, we reject it: " + ours.errors.front().format();
    std::string text = writeJsonGraph(*ours.graph);
    if (text != reference.text)
      return "different JSON:\nours:\n" + text + "\nfbp:\n" + reference.text;
    return "";
  }
  if (ours.ok()) return "fbp rejects it (" + reference.error + "), we accept it";
  if (reference.line > 0) {  // a syntax error: same place, same words
    const Diagnostic& first = ours.errors.front();
    if (first.location.line != reference.line || first.location.column != reference.column ||
        first.message != reference.error)
      return "different syntax error:\nours: " + first.format() +
             "\nfbp:  " + std::to_string(reference.line) + ":" + std::to_string(reference.column) +
             ": " + reference.error;
  }
  return "";
}

class FbpDifferential : public ::testing::TestWithParam<std::string> {};

TEST_P(FbpDifferential, MatchesNpmFbp) {
  std::string problem;
  auto reference = testing::runReferenceParser({GetParam()}, &problem);
  ASSERT_TRUE(reference.has_value()) << problem;
  ASSERT_EQ(reference->size(), 1u);
  std::string difference = compareWithReference(GetParam(), reference->front());
  EXPECT_EQ(difference, "") << GetParam();
}

std::string caseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string path = info.param;
  std::string name = std::filesystem::path(path).parent_path().filename().string() + "_" +
                     std::filesystem::path(path).filename().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, FbpDifferential, ::testing::ValuesIn(corpusFiles()), caseName);

TEST(FbpDifferentialCorpus, IsNotEmpty) {
  // The spec extraction and our own cases must be there, or the differential test proves little.
  EXPECT_GE(corpusFiles().size(), 70u);
}

// Random programs assembled from the grammar's pieces (valid ones and near misses), so the
// comparison also covers combinations nobody wrote down.
std::string randomProgram(std::mt19937& random) {
  auto pick = [&random](const std::vector<std::string>& options) {
    return options[std::uniform_int_distribution<size_t>(0, options.size() - 1)(random)];
  };
  auto chance = [&random](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(random) < percent;
  };
  const std::vector<std::string> names = {"a", "b", "c", "_x", "n-1", "Node_2", "true", "IN"};
  const std::vector<std::string> components = {"A", "B", "core/Repeat", "a/b/c", "x-y", "C_1"};
  const std::vector<std::string> metas = {"", ":x=1", ":y=abc", ":main", ":k=v,x=5", ":1=2,a=b"};
  const std::vector<std::string> ports = {"IN", "OUT", "in", "Out.x", "P_1", "DATA"};
  const std::vector<std::string> iips = {
      "'str'", "'it\\'s'", "''",      "'a, b # c'",        "5", "-1.5e3", "{\"a\": [1, 2]}",
      "[]",    "\"s\\n\"", "'x\\\\'", "{\"2\":1,\"1\":2}", "0"};
  const std::vector<std::string> arrows = {" -> ", "->", " ->", "-> ", "  ->  "};
  std::vector<std::string> declared;
  auto node = [&](bool declare) {
    if (chance(20)) return "(" + pick(components) + pick(metas) + ")";
    if (!declare && !declared.empty() && chance(90)) return pick(declared);
    std::string name = pick(names);
    declared.push_back(name);
    return name + "(" + pick(components) + (chance(30) ? pick(metas) : "") + ")";
  };
  auto port = [&]() {
    std::string name = pick(ports);
    if (chance(20)) name += "[" + std::to_string(random() % 4) + "]";
    return name;
  };
  std::string program;
  int statements = 1 + static_cast<int>(random() % 6);
  for (int s = 0; s < statements; ++s) {
    int kind = static_cast<int>(random() % 10);
    if (kind == 0) {
      program += pick({"# @runtime foo", "# @name Graph 1", "# comment", "# @x y/z", "  # @a b"});
    } else if (kind == 1) {
      program += std::string(chance(50) ? "INPORT=" : "OUTPORT=") +
                 (declared.empty() ? pick(names) : pick(declared)) + "." + pick(ports) + ":" +
                 pick({"PUB", "pub", "Other"});
    } else if (kind == 2) {
      program += std::string(chance(50) ? "DEFAULT_INPORT=" : "DEFAULT_OUTPORT=") + pick(ports);
    } else {
      std::string line = chance(40) ? pick(iips) : node(true) + (chance(70) ? " " + port() : "");
      int links = 1 + static_cast<int>(random() % 3);
      for (int l = 0; l < links; ++l) {
        line += pick(arrows);
        line += (chance(80) ? port() + " " : "") + node(false);
        if (l + 1 < links) line += chance(80) ? " " + port() : "";
      }
      program += line;
      if (chance(20)) program += pick({",", " # note", " , ", ","});
    }
    program += pick({"\n", "\n", "\r\n", "\n\n", ", "});
  }
  // Near misses: one random character changed, inserted or removed.
  if (chance(30) && !program.empty()) {
    size_t at = random() % program.size();
    const std::string noise = " \t'\"()[]{}:,.=#->@/\\x0\n";
    switch (random() % 3) {
      case 0:
        program[at] = noise[random() % noise.size()];
        break;
      case 1:
        program.insert(at, 1, noise[random() % noise.size()]);
        break;
      default:
        program.erase(at, 1);
    }
  }
  return program;
}

TEST(FbpDifferentialGenerated, RandomProgramsMatchNpmFbp) {
  std::mt19937 random(20261125);
  std::string dir = std::string(EMFLOW_BINARY_DIR) + "/graph-differential";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::vector<std::string> files;
  for (int i = 0; i < 500; ++i) {
    std::string file = dir + "/gen" + std::to_string(i) + (i % 4 == 0 ? ".cs.fbp" : ".fbp");
    std::ofstream(file, std::ios::binary) << randomProgram(random);
    files.push_back(file);
  }
  std::string problem;
  auto reference = testing::runReferenceParser(files, &problem);
  ASSERT_TRUE(reference.has_value()) << problem;
  ASSERT_EQ(reference->size(), files.size());
  int accepted = 0, differences = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if ((*reference)[i].ok) ++accepted;
    std::string difference = compareWithReference(files[i], (*reference)[i]);
    if (!difference.empty() && ++differences <= 5)
      ADD_FAILURE() << files[i] << ":\n" << testing::readTextFile(files[i]) << "\n" << difference;
  }
  EXPECT_EQ(differences, 0);
  // The generator must exercise both sides, or the comparison proves little.
  EXPECT_GT(accepted, 100);
  EXPECT_LT(accepted, 450);
}

}  // namespace
}  // namespace emflow::graph
