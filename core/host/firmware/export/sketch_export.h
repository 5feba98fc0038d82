// Graph → Arduino sketch project (`emflow export`, the web app's "Download firmware").
//
// Layout of the exported folder <name>/ (docs/export.md):
//   <name>.ino            setup()/loop() calling the emflow application (nothing else, so the
//                         IDE's prototype generator has nothing to get wrong)
//   emflow_config.h       runtime capacities sized exactly to the graph + IO feature switches
//   emflow_device.cpp     the device sources, #included in one translation unit after
//                         emflow_config.h: the IDE cannot pass -D flags, and every file must
//                         see the same capacities
//   emflow_graph.cpp      the graph as static wiring tables (emflow_build_graph)
//   emflow_components.cpp the component table for the used components only
//   emflow_app.cpp/.h     boot, error reports on serial, the run loop
//   emflow_nodes.h        node ids as named constants, for user code
//   emflow/...            core/ runtime, used components (and what they include) and the
//                         board IO layer, copied byte for byte; not compiled on their own
//                         (the Arduino IDE compiles only the root and src/)
//   platformio.ini, README.md (wiring table, build commands, budget)
// Graphs are refused before anything is generated when they exceed the board's network
// capacities or use pins the board lacks or the serial port needs, each with the numbers.
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_EXPORT_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_EXPORT_H

#include <string>
#include <vector>

#include "host/firmware/model_refs.h"
#include "host/firmware/export/board.h"
#include "host/firmware/export/source_tree.h"
#include "host/firmware/export/zip_writer.h"

namespace emflow::exporter {

struct SketchExport {
  std::string name;                 // sketch (folder) name
  std::vector<ZipEntry> files;      // paths start with "<name>/"
  std::vector<std::string> errors;  // located messages ("fridge.fbp:3:1: ..."); empty if ok
  // What changed on the way, located where it can be: a reserved sketch name renamed, an Uno
  // graph's analog pins exported for another board ("activity.fbp:9:1: ... is A0 (pin 54)").
  std::vector<std::string> notes;
  bool ok() const { return errors.empty(); }
};

// `graphText` is .fbp, or NoFlo JSON when `sourceName` ends in .json. `name` overrides the
// sketch name (else the graph's @name, else the file's stem). `models` holds the blobs the
// graph's model nodes use by id (others are left out); they go into the sketch's flash
// (emflow_models.cpp, sketch_models.h). `# @model` lines are not read here: the CLI resolves
// them to files (model_refs.h), the web app passes the project's models.
SketchExport exportSketch(const std::string& graphText, const std::string& sourceName,
                          const Board& board, const SourceTree& sources,
                          const std::string& name = "", const firmware::ModelBlobs& models = {});

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_SKETCH_EXPORT_H
