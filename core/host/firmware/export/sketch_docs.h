// The non-code files of an exported sketch: README.md (wiring table from the board's pin map,
// build commands, memory budget) and platformio.ini.
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_DOCS_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_DOCS_H

#include <string>
#include <vector>

#include "host/firmware/compiled_graph.h"
#include "host/firmware/export/board.h"

namespace emflow::exporter {

struct PinUse {
  int pin;
  std::string node;       // process name in the graph (any text; escaped for Markdown)
  std::string component;  // "ReadDallasTemperature"
};

// Graph text inside a Markdown table cell: one line, no table or HTML syntax.
std::string markdownCell(const std::string& text);

// PlatformIO's build_src_filter for a sketch folder used as src_dir: the root's sources (with
// the <name>.ino.cpp PlatformIO converts the sketch into) and src/, as the Arduino IDE compiles
// them; emflow/ stays out (its sources are #included by emflow_device.cpp).
constexpr const char* kPlatformioSourceFilter = "+<*.cpp> +<*.c> +<*.S> +<src/>";

std::string platformioIni(const Board& board, const std::string& sourceName);

// The "Build and upload" list of a sketch README: Arduino IDE, arduino-cli, PlatformIO.
std::string buildCommands(const std::string& sketch, const Board& board);

std::string sketchReadme(const std::string& sketch, const std::string& title,
                         const std::string& sourceName, const Board& board,
                         const firmware::CompiledGraph& graph, const std::vector<PinUse>& pins);

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_DOCS_H
