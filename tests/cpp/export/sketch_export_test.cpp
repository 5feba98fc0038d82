// Graph → sketch: the files, sources copied unchanged, capacities, wiring table, refusals.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "host/firmware/firmware_sources.h"
#include "host/firmware/export/sketch_export.h"

namespace emflow::exporter {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const SourceTree& sources() {
  static const SourceTree tree = [] {
    std::string error;
    SourceTree t = readSourceTree(EMFLOW_SOURCE_DIR, &error);
    EXPECT_FALSE(t.empty()) << error;
    return t;
  }();
  return tree;
}

std::map<std::string, std::string> filesOf(const SketchExport& sketch) {
  std::map<std::string, std::string> files;
  for (const ZipEntry& f : sketch.files) files[f.path] = f.data;
  return files;
}

SketchExport exportText(const std::string& text, const std::string& board = "uno",
                        const std::string& source = "test.fbp") {
  return exportSketch(text, source, *findBoard(board), sources());
}

TEST(SketchExport, FridgeHasTheSketchLayout) {
  const SketchExport sketch = exportSketch(readFile(EMFLOW_SOURCE_DIR "/examples/fridge.fbp"),
                                           "examples/fridge.fbp", *findBoard("uno"), sources());
  ASSERT_TRUE(sketch.ok()) << sketch.errors.front();
  EXPECT_EQ(sketch.name, "Fridge");  // from "# @name Fridge"
  const auto files = filesOf(sketch);
  for (const char* f :
       {"Fridge.ino", "emflow_app.cpp", "emflow_config.h", "emflow_device.cpp", "emflow_graph.cpp",
        "emflow_components.cpp", "emflow_nodes.h", "platformio.ini", "README.md",
        "emflow/arduino_io.cpp", "emflow/one_wire.cpp", "emflow/runtime/network.cpp",
        "emflow/components/hysteresis_latch.h"}) {
    EXPECT_TRUE(files.count(std::string("Fridge/") + f)) << f;
  }
  // Only what the graph needs: no unused components, no stream decoder, no library table.
  EXPECT_FALSE(files.count("Fridge/emflow/components/analog_read.h"));
  EXPECT_FALSE(files.count("Fridge/emflow/runtime/command_stream.cpp"));
  EXPECT_FALSE(files.count("Fridge/emflow/components/library.cpp"));
  EXPECT_FALSE(files.count("Fridge/emflow/avr_io.cpp"));
}

TEST(SketchExport, DeviceSourcesAreCopiedUnchanged) {
  const SketchExport sketch = exportSketch(readFile(EMFLOW_SOURCE_DIR "/examples/fridge.fbp"),
                                           "fridge.fbp", *findBoard("uno"), sources());
  ASSERT_TRUE(sketch.ok());
  int copied = 0;
  for (const ZipEntry& f : sketch.files) {
    const std::string inSketch = f.path.substr(f.path.find('/') + 1);
    if (inSketch.rfind("emflow/", 0) != 0) continue;
    const std::string rest = inSketch.substr(7);
    const std::string core = std::string(EMFLOW_SOURCE_DIR) + "/core/" + rest;
    std::string original = readFile(core);
    if (original.empty())
      original = readFile(std::string(EMFLOW_SOURCE_DIR) + "/firmware/avr/" + rest);
    if (original.empty())
      original = readFile(std::string(EMFLOW_SOURCE_DIR) + "/firmware/arduino/" + rest);
    EXPECT_EQ(f.data, original) << f.path;
    ++copied;
  }
  EXPECT_GT(copied, 15);
}

TEST(SketchExport, ConfigSizesTheRuntimeToTheGraph) {
  const SketchExport sketch = exportSketch(readFile(EMFLOW_SOURCE_DIR "/examples/fridge.fbp"),
                                           "fridge.fbp", *findBoard("uno"), sources());
  const std::string config = filesOf(sketch).at("Fridge/emflow_config.h");
  EXPECT_NE(config.find("#define EMFLOW_MAX_NODES 10\n"), std::string::npos);
  EXPECT_NE(config.find("#define EMFLOW_MAX_EDGES 11\n"), std::string::npos);
  EXPECT_NE(config.find("#define EMFLOW_MAX_INITIALS 16\n"), std::string::npos);
  EXPECT_NE(config.find("#define EMFLOW_IO_ONEWIRE 1\n"), std::string::npos);
  EXPECT_NE(config.find("#define EMFLOW_IO_ANALOG 0\n"), std::string::npos);
  // The device unit includes the config before any emflow source.
  const std::string unit = filesOf(sketch).at("Fridge/emflow_device.cpp");
  EXPECT_LT(unit.find("#include \"emflow_config.h\""), unit.find("#include \"emflow/"));
}

TEST(SketchExport, ReadmeHasTheWiringTable) {
  const SketchExport sketch = exportSketch(readFile(EMFLOW_SOURCE_DIR "/examples/fridge.fbp"),
                                           "fridge.fbp", *findBoard("uno"), sources());
  const std::string readme = filesOf(sketch).at("Fridge/README.md");
  EXPECT_NE(readme.find("| D9 | thermometer (ReadDallasTemperature) | DS18B20 data"),
            std::string::npos);
  EXPECT_NE(readme.find("| D11 | turnOn (DigitalWrite) |"), std::string::npos);
  EXPECT_NE(readme.find("| D12 | turnOff (DigitalWrite) |"), std::string::npos);
  EXPECT_NE(readme.find("arduino-cli compile --fqbn arduino:avr:uno Fridge"), std::string::npos);
  // A graph with a DS18B20 says how to find the sensor's own address; one without does not.
  EXPECT_NE(readme.find("## Your DS18B20's address"), std::string::npos);
  EXPECT_NE(readme.find("    1-wire pin 9: [\"0x28\", "), std::string::npos);
  const SketchExport blink = exportSketch(readFile(EMFLOW_SOURCE_DIR "/examples/blink.fbp"),
                                          "blink.fbp", *findBoard("uno"), sources());
  ASSERT_TRUE(blink.ok());
  EXPECT_EQ(filesOf(blink).at("Blink/README.md").find("DS18B20"), std::string::npos);
  // The sketch itself scans the thermometer's bus at boot, before the graph starts; Blink has
  // no 1-Wire bus and no scan.
  const std::string app = filesOf(sketch).at("Fridge/emflow_app.cpp");
  EXPECT_LT(app.find("  printOneWireDevices(9);\n"), app.find("emflow_build_graph(network);"));
  EXPECT_EQ(filesOf(blink).at("Blink/emflow_app.cpp").find("OneWire"), std::string::npos);
}

TEST(SketchExport, RefusesAGraphOverTheBoardsCapacitiesWithTheNumbers) {
  std::string text = "a0(Forward) OUT -> IN a1(Forward)\n";
  for (int i = 1; i < 14; ++i)
    text += "a" + std::to_string(i) + "() OUT -> IN a" + std::to_string(i + 1) + "(Forward)\n";
  const SketchExport uno = exportText(text, "uno");
  ASSERT_FALSE(uno.ok());
  EXPECT_NE(uno.errors.front().find("15 nodes"), std::string::npos) << uno.errors.front();
  EXPECT_NE(uno.errors.front().find("12"), std::string::npos) << uno.errors.front();
  EXPECT_TRUE(uno.files.empty());
  // The Mega's larger tables take it (its last out-port unconnected is the graph's business).
  const SketchExport mega = exportText(text + "a14() OUT -> IN sink(Drop)\n", "mega");
  EXPECT_TRUE(mega.ok()) << (mega.errors.empty() ? "" : mega.errors.front());
}

TEST(SketchExport, RefusesPinsTheBoardLacksOrTheSerialPortNeeds) {
  const std::string blink =
      "timer(Timer) OUT -> IN toggle(ToggleBoolean) OUT -> IN led(DigitalWrite)\n"
      "led() OUT -> IN sink(Drop)\n'500' -> INTERVAL timer()\n";
  const SketchExport serial = exportText(blink + "'1' -> PIN led()\n");
  ASSERT_FALSE(serial.ok());
  EXPECT_NE(serial.errors.front().find("pin 1 (TX)"), std::string::npos) << serial.errors.front();
  const SketchExport missing = exportText(blink + "'40' -> PIN led()\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.errors.front().find("pins 0..19"), std::string::npos) << missing.errors.front();
  EXPECT_TRUE(exportText(blink + "'40' -> PIN led()\n", "mega").ok());
}

TEST(SketchExport, HostileNamesBecomeUniqueIdentifiersAndEscapedLiterals) {
  const SketchExport sketch =
      exportSketch(readFile(EMFLOW_SOURCE_DIR "/tests/firmware/graphs/hostile.json"),
                   "hostile.json", *findBoard("mega"), sources());
  ASSERT_TRUE(sketch.ok()) << sketch.errors.front();
  EXPECT_TRUE(firmware::isIdentifier(sketch.name));
  const auto files = filesOf(sketch);
  const std::string nodes = files.at(sketch.name + "/emflow_nodes.h");
  std::istringstream lines(nodes);
  std::string line;
  std::set<std::string> seen;
  while (std::getline(lines, line)) {
    if (line.rfind("const uint8_t ", 0) != 0) continue;
    const std::string id = line.substr(14, line.find(' ', 14) - 14);
    EXPECT_TRUE(firmware::isIdentifier(id)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
  }
  EXPECT_EQ(seen.size(), 6u);
  // No generated line outside a literal carries graph text that could end a comment or string.
  const std::string app = files.at(sketch.name + "/emflow_app.cpp");
  EXPECT_NE(app.find("\"tim\\042er*/ #define x\\134\""), std::string::npos);
  EXPECT_EQ(app.find("int main(){}\n"), std::string::npos);
}

}  // namespace
}  // namespace emflow::exporter
