// The .fbp serializer: what it writes parses back to the same graph (round-trip property),
// over the corpus and over random graphs, and what .fbp cannot express is reported.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "host/graph/fbp_parser.h"
#include "host/graph/fbp_writer.h"
#include "host/graph/graph_json.h"
#include "reference_fbp.h"

namespace emflow::graph {
namespace {

// parse(write(graph)) must print exactly as graph does.
void expectRoundTrip(const Graph& graph, const std::string& label) {
  FbpText fbp = writeFbp(graph);
  EXPECT_TRUE(fbp.lost.empty()) << label << ": lost " << fbp.lost.front();
  FbpParseOptions options;
  options.caseSensitive = graph.caseSensitive;
  GraphResult reparsed = parseFbp(fbp.text, options);
  ASSERT_TRUE(reparsed.ok()) << label << ":\n" << fbp.text << "\n" << reparsed.errors[0].format();
  EXPECT_EQ(writeJsonGraph(*reparsed.graph), writeJsonGraph(graph)) << label << ":\n" << fbp.text;
}

TEST(FbpWriter, CorpusGraphsRoundTrip) {
  int checked = 0;
  std::string root = EMFLOW_SOURCE_DIR;
  for (const char* dir : {"/tests/fbp/corpus/spec", "/tests/fbp/corpus/own", "/examples"}) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(root + dir, error)) {
      std::string path = entry.path().string();
      if (entry.path().extension() != ".fbp") continue;
      FbpParseOptions options;
      options.caseSensitive = path.size() > 7 && path.compare(path.size() - 7, 7, ".cs.fbp") == 0;
      GraphResult parsed = parseFbp(testing::readTextFile(path), options);
      if (!parsed.ok()) continue;
      // Anonymous names built from components with several separators ("_a_b/c_1") are
      // not valid .fbp names; those graphs cannot be written back, and say so.
      if (!writeFbp(*parsed.graph).lost.empty()) {
        EXPECT_NE(path.find("anonymous-names"), std::string::npos) << path;
        continue;
      }
      expectRoundTrip(*parsed.graph, path);
      ++checked;
    }
  }
  EXPECT_GE(checked, 50);
}

TEST(FbpWriter, WritesAnnotationsDeclarationsExportsAndConnections) {
  GraphResult parsed =
      parseFbp("# @runtime microflo\n'5' -> IN[1] b(B:x=2)\nINPORT=a.IN:go\na(A) OUT -> IN b\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(writeFbp(*parsed.graph).text,
            "# @runtime microflo\n"
            "b(B:x=2)\n"
            "a(A)\n"
            "INPORT=a.in:go\n"
            "'5' -> in[1] b\n"
            "a out -> in b\n");
}

TEST(FbpWriter, ReportsWhatFbpCannotExpress) {
  GraphResult read = readJsonGraph(R"({"processes": {"a.b": {"component": "A"},
      "c": {"component": "C", "metadata": {"label": "has space"}}},
    "groups": [{"name": "g", "nodes": []}],
    "connections": [{"src": {"process": "c", "port": "out"}, "tgt": {"process": "c", "port": "IN"}}]})");
  ASSERT_TRUE(read.ok());
  FbpText fbp = writeFbp(*read.graph);
  ASSERT_EQ(fbp.lost.size(), 4u);
  EXPECT_EQ(fbp.lost[0], "node a.b (not a valid .fbp node name)");
  EXPECT_EQ(fbp.lost[1], "metadata label of node c");
  EXPECT_EQ(fbp.lost[2], "connection to c IN");  // upper case would be lower-cased
  EXPECT_EQ(fbp.lost[3], "group g");
}

// Random graphs of everything .fbp can express.
Graph randomGraph(std::mt19937& random) {
  auto below = [&random](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  auto pick = [&](const std::vector<std::string>& options) {
    return options[below(options.size())];
  };
  Graph graph;
  graph.caseSensitive = below(2) == 0;
  auto portName = [&]() {
    std::string name = pick({"in", "out", "Data", "p_1", "x.y", "TRIGGER"});
    if (!graph.caseSensitive)
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
  };
  if (below(2)) {
    graph.properties = Json::object();
    if (below(2))
      graph.properties["environment"] = Json::object({{"type", pick({"noflo", "microflo"})}});
    if (below(2)) graph.properties["name"] = pick({"Fridge", "a graph 2.0", "x-y_z"});
    if (graph.properties.empty()) graph.properties["description"] = "d";
  }
  int processes = 1 + below(6);
  for (int i = 0; i < processes; ++i) {
    Process process;
    process.name = pick({"n", "_anon", "node-", "Timer"}) + std::to_string(i);
    process.component = pick({"Timer", "core/Repeat", "a-b/C_1", "X"});
    if (below(3) == 0) {
      process.metadata = Json::object();
      process.metadata[pick({"x", "y", "routes", "k", "1"})] = "v";
      if (process.metadata.contains("x")) process.metadata["x"] = static_cast<double>(below(500));
      if (process.metadata.contains("y")) process.metadata["y"] = NAN;
      process.metadataBeforeComponent = below(2) == 0;
    }
    graph.processes.push_back(process);
  }
  auto anyProcess = [&]() { return graph.processes[below(graph.processes.size())].name; };
  auto port = [&]() {
    PortRef ref;
    ref.process = anyProcess();
    ref.port = portName();
    if (below(4) == 0) ref.index = below(12);
    return ref;
  };
  int exports = below(3);
  for (int i = 0; i < exports; ++i) {
    ExportedPort exported{portName() + std::to_string(i), anyProcess(), portName(), Json(), {}};
    (below(2) ? graph.inports : graph.outports).push_back(exported);
  }
  int connections = below(8);
  for (int i = 0; i < connections; ++i) {
    Connection connection;
    connection.tgt = port();
    switch (below(4)) {
      case 0:
        connection.data = pick({"5000", "", "it's", "back\\", "multi\nline", "a -> b # c", "\\'"});
        break;
      case 1: {
        Json data = Json::array({1.5, true, nullptr, Json::object({{"k", "v\u00e9"}})});
        connection.data = below(2) ? data : Json(below(3) == 0 ? Json(nullptr) : Json(-2.5e-9));
        break;
      }
      default:
        connection.src = port();
    }
    graph.connections.push_back(connection);
  }
  return graph;
}

TEST(FbpWriter, RandomGraphsRoundTrip) {
  std::mt19937 random(42);
  for (int i = 0; i < 500; ++i) {
    Graph graph = randomGraph(random);
    expectRoundTrip(graph, "random graph " + std::to_string(i));
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace emflow::graph
