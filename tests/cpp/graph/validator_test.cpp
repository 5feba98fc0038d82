// Validation against a component catalog: a catalog built here for every rule, and the real
// component library for the examples.
#include <gtest/gtest.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include <filesystem>

#include "host/graph/catalog.h"
#include "host/graph/fbp_parser.h"
#include "host/graph/suggest.h"
#include "host/graph/validator.h"
#include "reference_fbp.h"

namespace emflow::graph {
namespace {

PortSpec port(const std::string& name, const std::string& type, bool array = false,
              bool required = false, int maxConnections = 0) {
  PortSpec spec;
  spec.name = name;
  spec.type = type;
  spec.array = array;
  spec.required = required;
  spec.maxConnections = maxConnections;
  return spec;
}

ComponentSpec component(const std::string& name, std::vector<PortSpec> in,
                        std::vector<PortSpec> out) {
  ComponentSpec spec;
  spec.name = name;
  spec.inPorts = std::move(in);
  spec.outPorts = std::move(out);
  return spec;
}

ListCatalog testCatalog() {
  ListCatalog catalog;
  catalog.add(component("Timer", {port("interval", "int"), port("enable", "boolean")},
                        {port("out", "bang")}));
  catalog.add(component(
      "ReadDallasTemperature",
      {port("trigger", "bang"), port("pin", "int", false, true), port("address", "array")},
      {port("out", "number")}));
  catalog.add(component("InvertBoolean", {port("in", "boolean")}, {port("out", "boolean")}));
  catalog.add(component("Merge", {port("in", "all", true)}, {port("out", "all", false, false, 1)}));
  return catalog;
}

std::vector<Diagnostic> diagnose(const std::string& text, const Catalog& catalog) {
  FbpParseOptions options;
  options.validateContents = false;
  GraphResult parsed = parseFbp(text, options);
  EXPECT_TRUE(parsed.ok()) << parsed.errors[0].format();
  if (!parsed.ok()) return {};
  return validateGraph(*parsed.graph, catalog);
}

// The errors only: most rules are about errors, and open out-ports are warnings.
std::vector<std::string> check(const std::string& text) {
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnose(text, testCatalog()))
    if (d.severity == Severity::kError) messages.push_back(d.format());
  return messages;
}

TEST(Validator, AcceptsAWellFormedGraph) {
  EXPECT_EQ(check("timer(Timer) OUT -> TRIGGER t(ReadDallasTemperature)\n'5000' -> INTERVAL timer\n"
                  "'2' -> PIN t\n"),
            std::vector<std::string>{});
}

TEST(Validator, UnknownPortSuggestsTheNearestName) {
  std::vector<std::string> messages = check(
      "timer(Timer) OUT -> TRIGER thermometer(ReadDallasTemperature)\n'2' -> PIN thermometer\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "1:21: unknown port TRIGER on thermometer(ReadDallasTemperature) at 1:21 — did you "
            "mean TRIGGER?");
}

TEST(Validator, UnknownComponentResolvesPrefixesAndSuggests) {
  std::vector<std::string> messages =
      check("a(core/InvertBoolean) OUT -> IN b(lib/InvertBolean)\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "1:33: unknown component lib/InvertBolean for node b at 1:33 — did you mean "
            "InvertBoolean?");
}

TEST(Validator, UnknownNodeSuggestsADeclaredOne) {
  std::vector<std::string> messages = check("inverter(InvertBoolean) OUT -> IN invertr\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "1:35: unknown node invertr at 1:35 — did you mean inverter?");
}

TEST(Validator, WrongDirectionAndInitialPacketsToOutPorts) {
  std::vector<std::string> messages =
      check("a(InvertBoolean) IN -> OUT b(InvertBoolean)\n'true' -> OUT a\n");
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0],
            "1:18: in-port IN of a(InvertBoolean) used as a connection source at 1:18");
  EXPECT_EQ(messages[1],
            "1:24: out-port OUT of b(InvertBoolean) used as a connection target at 1:24");
  EXPECT_EQ(messages[2],
            "2:11: IIP sent to out-port OUT of a(InvertBoolean) (initial packets go to in-ports) "
            "at 2:11");
}

TEST(Validator, DuplicateConnectionsAndArrayElements) {
  std::vector<std::string> messages = check(
      "a(InvertBoolean) OUT -> IN b(InvertBoolean)\na OUT -> IN b\n"
      "a OUT -> IN[0] m(Merge)\nb OUT -> IN[0] m\n");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], "2:3: connection a OUT -> IN b is made twice (first at 1:18) at 2:3");
  EXPECT_EQ(messages[1],
            "4:10: array port element IN[0] of m(Merge) is already connected (at 3:10) at 4:10");
}

TEST(Validator, ConnectionLimitsFromTheCatalog) {
  std::vector<std::string> messages =
      check("m(Merge) OUT -> IN a(InvertBoolean)\nm OUT -> IN b(InvertBoolean)\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], "2:3: port OUT of m(Merge) is connected more than 1 time at 2:3");
}

TEST(Validator, IndexOnAPlainPort) {
  std::vector<std::string> messages = check("a(InvertBoolean) OUT[1] -> IN b(InvertBoolean)\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "1:18: port OUT of a(InvertBoolean) is not an array port, so it takes no index [1] at "
            "1:18");
}

TEST(Validator, RequiredPortsMustBeFed) {
  std::vector<std::string> messages = check("t(ReadDallasTemperature)\n");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "1:1: required in-port PIN of t(ReadDallasTemperature) is not connected (give it an "
            "initial value or an edge) at 1:1");
  // An exported in-port counts as connected: the enclosing graph feeds it.
  EXPECT_TRUE(check("INPORT=t.PIN:PIN\nt(ReadDallasTemperature)\n").empty());
}

TEST(Validator, TypeMismatchesBetweenPortsAndInitialPackets) {
  std::vector<std::string> messages = check(
      "t(ReadDallasTemperature) OUT -> IN i(InvertBoolean)\n'2' -> PIN t\n"
      "'fast' -> INTERVAL timer(Timer)\n'yes' -> ENABLE timer\n'1e3' -> INTERVAL timer\n");
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0],
            "1:26: type mismatch: t(ReadDallasTemperature) OUT sends number but i(InvertBoolean) "
            "IN takes boolean at 1:26");
  EXPECT_EQ(messages[1],
            "3:1: IIP 'fast' is not a number for INTERVAL (int) of timer(Timer) at 3:1");
  EXPECT_EQ(messages[2],
            "4:1: IIP 'yes' is not a boolean (true, false, 1 or 0) for ENABLE (boolean) of "
            "timer(Timer) at 4:1");
}

TEST(Validator, NonFiniteNumberIipsAreRefusedAsTheCompilerDoes) {
  std::vector<std::string> messages = check("'nan' -> INTERVAL t(Timer)\n'1e999' -> INTERVAL t\n");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0],
            "1:1: IIP 'nan' is not a finite number for INTERVAL (int) of t(Timer) at 1:1");
  EXPECT_EQ(messages[1],
            "2:1: IIP '1e999' is not a finite number for INTERVAL (int) of t(Timer) at 2:1");
}

TEST(Validator, TypeCompatibility) {
  EXPECT_TRUE(typesCompatible("int", "number"));
  EXPECT_TRUE(typesCompatible("boolean", "bang"));
  EXPECT_TRUE(typesCompatible("all", "boolean"));
  EXPECT_FALSE(typesCompatible("bang", "number"));
  EXPECT_FALSE(typesCompatible("array", "int"));
}

TEST(Suggest, NearestNameWithinATypoDistance) {
  EXPECT_EQ(editDistance("TRIGER", "trigger"), 1u);
  EXPECT_EQ(editDistance("ab", "ba"), 1u);  // a swap is one edit
  EXPECT_EQ(nearestName("Timr", {"Timer", "Gate", "Merge"}), "Timer");
  // Equally near candidates: the first in the given (catalog) order, so messages are stable.
  EXPECT_EQ(nearestName("Gat", {"Gate", "Gut"}), "Gate");
  EXPECT_EQ(nearestName("Gat", {"Gut", "Gate"}), "Gut");
  EXPECT_EQ(nearestName("Completely", {"Timer", "Gate"}), "");
}

// The bounded distance stops early; it must agree with the full table wherever it answers.
TEST(Suggest, BoundedDistanceAgreesWithTheFullTable) {
  auto fullTable = [](const std::string& a, const std::string& b) {
    auto low = [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
      for (size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                            d[i - 1][j - 1] + (low(a[i - 1]) == low(b[j - 1]) ? 0 : 1)});
        if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1]))
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[a.size()][b.size()];
  };
  uint32_t state = 12345;
  auto next = [&state] { return state = state * 1664525u + 1013904223u; };
  auto word = [&] {
    std::string text(next() >> 28, ' ');
    for (char& c : text) c = "abAB c"[(next() >> 24) % 6];
    return text;
  };
  for (int trial = 0; trial < 2000; ++trial) {
    std::string a = word(), b = word();
    size_t bound = (next() >> 28) % 8;
    size_t exact = fullTable(a, b);
    ASSERT_EQ(editDistance(a, b), exact) << a << " / " << b;
    ASSERT_EQ(boundedEditDistance(a, b, bound), std::min(exact, bound + 1))
        << a << " / " << b << " bound " << bound;
  }
}

TEST(LibraryCatalog, ExamplesAndTheFridgeGraphAreValid) {
  const Catalog& library = libraryCatalog();
  ASSERT_NE(library.resolve("ReadDallasTemperature"), nullptr);
  ASSERT_NE(library.resolve("core/Repeat"), nullptr);
  std::vector<std::string> files = {std::string(EMFLOW_SOURCE_DIR) +
                                    "/tests/fbp/corpus/own/fridge.fbp"};
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(EMFLOW_SOURCE_DIR) + "/examples", error))
    if (entry.path().extension() == ".fbp") files.push_back(entry.path().string());
  for (const std::string& file : files) {
    GraphResult parsed = parseFbp(testing::readTextFile(file));
    ASSERT_TRUE(parsed.ok()) << file << ": " << parsed.errors[0].format();
    std::vector<Diagnostic> problems = validateGraph(*parsed.graph, library);
    EXPECT_TRUE(problems.empty()) << file << ": " << problems[0].format();
  }
}

TEST(LibraryCatalog, CatchesATypoInTheFridgeGraph) {
  GraphResult parsed = parseFbp(
      "timer(Timer) OUT -> TRIGER thermometer(ReadDallasTemperature)\n'5000' -> INTERVAL timer\n");
  ASSERT_TRUE(parsed.ok());
  std::vector<Diagnostic> problems = validateGraph(*parsed.graph, libraryCatalog());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].message,
            "unknown port TRIGER on thermometer(ReadDallasTemperature) at 1:21 — did you mean "
            "TRIGGER?");
}

TEST(Validator, OpenOutPortsAreWarningsThatNameTheirNode) {
  std::vector<Diagnostic> found = diagnose("'true' -> IN i(InvertBoolean)\n", testCatalog());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  EXPECT_EQ(found[0].node, "i");
  EXPECT_EQ(found[0].format(),
            "1:14: warning: out-port OUT of i(InvertBoolean) is not connected: its packets are "
            "dropped and counted as errors (connect it to a Drop node) at 1:14");
  EXPECT_FALSE(hasErrors(found));
  // An exported out-port is connected (the enclosing graph listens).
  EXPECT_TRUE(diagnose("OUTPORT=i.OUT:OUT\ni(InvertBoolean)\n", testCatalog()).empty());
}

TEST(Validator, ErrorsNameTheNodeTheyAreAbout) {
  std::vector<Diagnostic> found =
      diagnose("t(Timer) OUT -> IN i(InvertBoolean)\ni OUT -> IN x(Nope)\n", testCatalog());
  std::vector<std::string> nodes;
  for (const Diagnostic& d : found)
    if (d.severity == Severity::kError) nodes.push_back(d.node);
  // bang -> boolean is a type mismatch at i; Nope is unknown at x.
  EXPECT_EQ(nodes, (std::vector<std::string>{"i", "x"}));
}

TEST(Validator, LibraryRequiredAndOptionalPorts) {
  // The real library: a thermometer needs PIN and ADDRESS, a DigitalWrite a PIN; the board's
  // unconnected pins are no warning, DigitalWrite's open OUT is one.
  std::vector<Diagnostic> found = diagnose(
      "t(Timer) OUT -> TRIGGER th(ReadDallasTemperature) OUT -> IN d(Drop)\n"
      "board(ArduinoUno) PIN13 -> PIN w(DigitalWrite)\n'true' -> IN w\n",
      libraryCatalog());
  std::vector<std::string> messages;
  for (const Diagnostic& d : found) messages.push_back(d.node + " " + d.format());
  ASSERT_EQ(messages.size(), 3u) << ::testing::PrintToString(messages);
  EXPECT_NE(messages[0].find("th "), std::string::npos);
  EXPECT_NE(messages[0].find("required in-port PIN"), std::string::npos);
  EXPECT_NE(messages[1].find("required in-port ADDRESS"), std::string::npos);
  EXPECT_EQ(messages[2].rfind("w ", 0), 0u);
  EXPECT_NE(messages[2].find("warning: out-port OUT of w(DigitalWrite)"), std::string::npos);
}

}  // namespace
}  // namespace emflow::graph
