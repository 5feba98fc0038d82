// `# @model ID PATH` annotations, `--model ID=FILE` values, loading blobs and checking a
// graph's model nodes against them (host/firmware/model_refs.h).
#include "host/firmware/model_refs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "host/graph/graph_source.h"

namespace emflow::firmware {
namespace {

const std::string kFixtures = EMFLOW_SOURCE_DIR "/tests/avr/fixtures/";
const std::string kCorpus = EMFLOW_SOURCE_DIR "/tests/fuzz/corpus/model_loader/";

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

graph::Graph parse(const std::string& text) {
  graph::GraphResult result = graph::readGraphText(text, graph::GraphFormat::kFbp);
  EXPECT_TRUE(result.ok());
  return *result.graph;
}

TEST(ModelAnnotations, PathsAreRelativeToTheGraphFile) {
  std::vector<std::string> errors;
  const auto sources = scanModelAnnotations(
      "# @name A\n# @model 1 models/a.bin\n#@model 2   /abs/b.bin  \r\n  # @model 3 c d.bin\n",
      "dir/g.fbp", &errors);
  EXPECT_TRUE(errors.empty()) << joined(errors);
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].id, 1);
  EXPECT_EQ(sources[0].path, "dir/models/a.bin");
  EXPECT_EQ(sources[0].origin, "dir/g.fbp:2");
  EXPECT_EQ(sources[1].path, "/abs/b.bin");   // absolute: as written, trailing blanks dropped
  EXPECT_EQ(sources[2].path, "dir/c d.bin");  // the rest of the line is the path
}

TEST(ModelAnnotations, OtherCommentsAndKeysAreIgnored) {
  std::vector<std::string> errors;
  const auto sources = scanModelAnnotations(
      "# model 1 a.bin\n# @models 1 a.bin\n# @name model\na(Timer) OUT -> IN b(Drop) # @model x\n",
      "g.fbp", &errors);
  EXPECT_TRUE(sources.empty());
  EXPECT_TRUE(errors.empty()) << joined(errors);
}

TEST(ModelAnnotations, MalformedLinesAreLocatedErrors) {
  std::vector<std::string> errors;
  const auto sources = scanModelAnnotations(
      "# @model\n# @model one a.bin\n# @model 256 a.bin\n# @model 4\n# @model 5 a.bin\n"
      "# @model 5 b.bin\n",
      "g.fbp", &errors);
  ASSERT_EQ(errors.size(), 5u) << joined(errors);
  EXPECT_EQ(errors[0], "g.fbp:1:9: @model needs an id and a file: `# @model ID PATH`");
  EXPECT_EQ(errors[1], "g.fbp:2:10: @model id must be an integer 0..255, not 'one'");
  EXPECT_EQ(errors[2], "g.fbp:3:10: @model id must be an integer 0..255, not '256'");
  EXPECT_EQ(errors[3], "g.fbp:4:10: @model 4 needs a file: `# @model ID PATH`");
  EXPECT_EQ(errors[4], "g.fbp:6:10: model 5 is already named on line 5");
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].path, "a.bin");
}

TEST(ModelAnnotations, TheParserStillSeesACommentOrAProperty) {
  // npm fbp: a value with '/' is not an annotation value, so the line is a comment; one
  // without lands in properties (the last one wins). Our parser does the same, untouched.
  graph::Graph withSlash = parse("# @model 1 models/a.bin\na(Timer) OUT -> IN b(Drop)\n");
  EXPECT_TRUE(withSlash.properties.is_null()) << withSlash.properties.dump();
  graph::Graph plain = parse("# @model 1 a.bin\n# @model 2 b.bin\na(Timer) OUT -> IN b(Drop)\n");
  EXPECT_EQ(plain.properties.dump(), R"({"model":"2 b.bin"})");
}

TEST(ModelOption, ParsesIdEqualsFile) {
  ModelSource source;
  std::string error;
  ASSERT_TRUE(parseModelOption("7=x/y.bin", &source, &error)) << error;
  EXPECT_EQ(source.id, 7);
  EXPECT_EQ(source.path, "x/y.bin");
  EXPECT_EQ(source.origin, "--model");
  for (const char* bad : {"7", "7=", "=a.bin", "x=a.bin", "-1=a.bin", "300=a.bin"}) {
    EXPECT_FALSE(parseModelOption(bad, &source, &error)) << bad;
    EXPECT_NE(error.find("--model"), std::string::npos) << error;
  }
}

TEST(ModelBlobsLoading, ReadsAndValidates) {
  ModelBlobs blobs;
  std::vector<std::string> errors;
  const std::string garbage = EMFLOW_BINARY_DIR "/model_refs_garbage.bin";
  std::ofstream(garbage, std::ios::binary) << "not a model";
  EXPECT_FALSE(loadModelBlobs({{1, kFixtures + "reference.bin", "g.fbp:3"},
                               {2, kFixtures + "missing.bin", "g.fbp:4"},
                               {3, garbage, "--model"}},
                              &blobs, &errors));
  ASSERT_EQ(errors.size(), 2u) << joined(errors);
  EXPECT_EQ(errors[0], "g.fbp:4: cannot read model 2 from " + kFixtures +
                           "missing.bin: cannot open (No such file or directory)");
  EXPECT_EQ(errors[1].rfind("--model: " + garbage + " is not a valid model (", 0), 0u) << errors[1];
  ASSERT_EQ(blobs.size(), 1u);
  EXPECT_EQ(blobs.count(1), 1u);
}

TEST(ModelBlobsLoading, OptionsReplaceAnnotations) {
  const std::string graphPath = EMFLOW_BINARY_DIR "/model_refs_graph.fbp";
  const std::string text = "# @model 1 no-such-file.bin\n";
  ModelBlobs blobs;
  std::vector<std::string> errors;
  // The annotated file does not exist, but the option names another for the same id.
  EXPECT_TRUE(modelsForGraphFile(graphPath, text, {{1, kFixtures + "reference.bin", "--model"}},
                                 &blobs, &errors))
      << joined(errors);
  EXPECT_EQ(blobs.size(), 1u);
  errors.clear();
  EXPECT_FALSE(modelsForGraphFile(graphPath, text, {}, &blobs, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], graphPath + ":1: cannot read model 1 from " EMFLOW_BINARY_DIR
                                   "/no-such-file.bin: cannot open (No such file or directory)");
}

TEST(ModelUses, FindsModelNodesAndTheirIds) {
  graph::Graph g = parse(
      "a(Classify) OUT -> IN b(Regress) OUT -> IN c(AnomalyScore)\n'3' -> MODEL a()\n"
      "'x' -> MODEL b()\n");
  const auto uses = modelUses(g);
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_EQ(uses[0].node, "a");
  EXPECT_EQ(uses[0].id, 3);
  EXPECT_EQ(uses[0].location.line, 2);
  EXPECT_EQ(uses[1].id, -1);  // not an id
  EXPECT_EQ(uses[2].id, -1);  // no IIP
}

TEST(ModelUses, RefusesMissingModelsAndWrongRoles) {
  ModelBlobs blobs;
  std::vector<std::string> errors;
  ASSERT_TRUE(loadModelBlobs(
      {{1, kFixtures + "reference.bin", "t"}, {2, kCorpus + "dt_regressor.bin", "t"}}, &blobs,
      &errors))
      << joined(errors);
  graph::Graph g = parse(
      "f(Forward) OUT -> IN ok(Classify)\nf() OUT -> IN wrong(Classify)\n"
      "f() OUT -> IN missing(Regress)\nf() OUT -> IN none(AnomalyScore)\n"
      "'1' -> MODEL ok()\n'2' -> MODEL wrong()\n'9' -> MODEL missing()\n");
  errors = checkModelUses(g, blobs, "g.fbp");
  ASSERT_EQ(errors.size(), 3u) << joined(errors);
  EXPECT_EQ(errors[0],
            "g.fbp:6:1: node 'wrong' (Classify) needs a classifier, but model 2 is a regressor");
  EXPECT_EQ(errors[1],
            "g.fbp:7:1: node 'missing' (Regress) uses model 9, but no model 9 is given (add "
            "`# @model 9 FILE` to the graph or pass --model 9=FILE)");
  EXPECT_EQ(errors[2].rfind("g.fbp:4:", 0), 0u) << errors[2];
  EXPECT_NE(errors[2].find("node 'none' (AnomalyScore) gets no model id"), std::string::npos);
}

}  // namespace
}  // namespace emflow::firmware
