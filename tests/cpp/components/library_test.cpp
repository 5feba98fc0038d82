// The component library's single source of truth: host descriptions and device types agree,
// names and types are well-formed, and docs/components.md is generated from it (run with
// EMFLOW_UPDATE_DOCS=1 to rewrite the file after changing a component).
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "components/library.h"
#include "runtime/component.h"

namespace emflow {
namespace {

bool isLowerIdentifier(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

TEST(Library, DescriptionsAndDeviceTypesAgree) {
  ASSERT_EQ(emflow_component_count(), static_cast<size_t>(kComponentCount));
  const std::set<std::string> types = {"all", "bang", "boolean", "int", "number", "array"};
  std::set<std::string> names;
  for (size_t i = 0; i < emflow_component_count(); ++i) {
    const ComponentInfo* info = emflow_component_info(static_cast<ComponentId>(i));
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->id, i);
    EXPECT_TRUE(names.insert(info->name).second) << info->name;
    EXPECT_GT(std::string(info->description).size(), 10u) << info->name;
    EXPECT_FALSE(std::string(info->icon).empty());
    ComponentType type;
    ASSERT_TRUE(emflow_component_type(static_cast<ComponentId>(i), &type)) << info->name;
    EXPECT_EQ(type.inCount, info->inCount) << info->name;
    EXPECT_EQ(type.outCount, info->outCount) << info->name;
    for (int dir = 0; dir < 2; ++dir) {
      const PortInfo* ports = dir ? info->outPorts : info->inPorts;
      const uint8_t count = dir ? info->outCount : info->inCount;
      std::set<std::string> portNames;
      for (uint8_t p = 0; p < count; ++p) {
        EXPECT_TRUE(isLowerIdentifier(ports[p].name)) << info->name << "." << ports[p].name;
        EXPECT_TRUE(portNames.insert(ports[p].name).second) << info->name << "." << ports[p].name;
        EXPECT_TRUE(types.count(ports[p].type)) << info->name << "." << ports[p].name;
        EXPECT_EQ(emflow_find_port(ports, count, ports[p].name), p);
      }
    }
  }
  EXPECT_FALSE(emflow_component_type(kComponentCount, nullptr));
}

TEST(Library, LookupByNameWithLibraryPrefix) {
  EXPECT_STREQ(kComponentLibraryPrefix, "core");
  ASSERT_NE(emflow_find_component("core/Repeat"), nullptr);
  EXPECT_EQ(emflow_find_component("core/Repeat")->id, kComponent_Repeat);
  EXPECT_EQ(emflow_find_component("core/Drop")->id, kComponent_Drop);
  EXPECT_EQ(emflow_find_component("Timer")->id, kComponent_Timer);
  EXPECT_EQ(emflow_find_component("timer"), nullptr);  // component names are case-sensitive
  EXPECT_EQ(emflow_find_component("Nope"), nullptr);
  EXPECT_EQ(emflow_find_component(nullptr), nullptr);
  const ComponentInfo* board = emflow_find_component("ArduinoUno");
  EXPECT_EQ(board->outCount, 26);
  EXPECT_EQ(emflow_find_port(board->outPorts, board->outCount, "PIN12"), 12);
  EXPECT_EQ(emflow_find_port(board->outPorts, board->outCount, "a5"), 25);
  const ComponentInfo* dallas = emflow_find_component("ReadDallasTemperature");
  EXPECT_EQ(emflow_find_port(dallas->inPorts, dallas->inCount, "TRIGER"), -1);
}

std::string markdown() {
  std::ostringstream md;
  md << "# Components\n\n"
     << "<!-- Generated from core/components (describe-macros and library_entries.h) by\n"
     << "     tests/cpp/components/library_test.cpp: run test_components with\n"
     << "     EMFLOW_UPDATE_DOCS=1 to regenerate. Do not edit by hand. -->\n\n"
     << "Every component is published under the library prefix `" << kComponentLibraryPrefix
     << "/` (e.g. `" << kComponentLibraryPrefix << "/Repeat`); graphs may use the bare name. "
     << "Port names are lower-case; `[]` marks an array port. The id is the number used in "
     << "command streams. A required in-port must be fed (an edge or an initial value) before the "
     << "node works: the validator names it before a run.\n\n"
     << "| id | component | description |\n|---|---|---|\n";
  for (size_t i = 0; i < emflow_component_count(); ++i) {
    const ComponentInfo* c = emflow_component_info(static_cast<ComponentId>(i));
    std::string anchor = c->name;  // GitHub lower-cases heading anchors
    for (char& ch : anchor) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    md << "| " << i << " | [" << c->name << "](#" << anchor << ") | " << c->description << " |\n";
  }
  for (size_t i = 0; i < emflow_component_count(); ++i) {
    const ComponentInfo* c = emflow_component_info(static_cast<ComponentId>(i));
    md << "\n## " << c->name << "\n\n"
       << c->description << "\n\nid " << i << ", icon `" << c->icon << "`\n";
    for (int dir = 0; dir < 2; ++dir) {
      const PortInfo* ports = dir ? c->outPorts : c->inPorts;
      const uint8_t count = dir ? c->outCount : c->inCount;
      if (count == 0) continue;
      md << "\n| " << (dir ? "out-port" : "in-port") << " | type | "
         << (dir ? "" : "default | required | ") << "description |\n|---|---|"
         << (dir ? "" : "---|---|") << "---|\n";
      for (uint8_t p = 0; p < count; ++p) {
        md << "| `" << ports[p].name << (ports[p].array ? "[]" : "") << "` | " << ports[p].type
           << " | ";
        if (!dir) {
          md << (ports[p].defaultValue[0] ? ports[p].defaultValue : "") << " | "
             << (ports[p].required ? "yes" : "") << " | ";
        }
        md << ports[p].description << " |\n";
      }
    }
  }
  return md.str();
}

TEST(Library, DocsAreGeneratedFromTheLibrary) {
  const std::string path = std::string(EMFLOW_SOURCE_DIR) + "/docs/components.md";
  const std::string expected = markdown();
  if (std::getenv("EMFLOW_UPDATE_DOCS")) {
    std::ofstream(path, std::ios::binary) << expected;
  }
  std::ifstream file(path, std::ios::binary);
  std::stringstream actual;
  actual << file.rdbuf();
  EXPECT_EQ(actual.str(), expected)
      << "docs/components.md is stale: run test_components with EMFLOW_UPDATE_DOCS=1";
}

}  // namespace
}  // namespace emflow
