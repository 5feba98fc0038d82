// `emflow export GRAPH --board uno -o OUT.zip|DIR/`: an Arduino sketch project for a graph,
// with the models its `# @model` lines and `--model ID=FILE` options name. `emflow export
// MODEL.bin ...`: a sketch that runs one model on feature rows sent over the serial port.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "command.h"
#include "options.h"
#include "graph_input.h"
#include "host/firmware/model_refs.h"
#include "host/firmware/export/model_sketch.h"
#include "host/firmware/export/model_sketch_size.h"
#include "host/firmware/export/sketch_export.h"

namespace emflow::cli {
namespace {

namespace fs = std::filesystem;

int fail(const std::string& message) {
  std::fprintf(stderr, "emflow export: %s\n", message.c_str());
  return 2;
}

bool writeFile(const fs::path& path, const void* data, size_t size) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  return static_cast<bool>(out);
}

// After a model sketch is written: its flash and static RAM on the board (model_sketch_size.h).
// A sketch that does not fit is an error (status 1) only when the user chose the board with
// --board; for the default board (the Uno) it is a warning that names a board it fits.
int reportModelSketchSize(const std::string& blobText, const std::string& input,
                          const exporter::Board& board, bool boardGiven) {
  exporter::SketchModel model;
  if (!exporter::describeModel(0, std::vector<uint8_t>(blobText.begin(), blobText.end()), input,
                               &model))
    return 1;  // exportModelSketch refused it already
  const exporter::ModelSketchSize size = exporter::modelSketchSize(model, board);
  std::fprintf(stderr, "%s: %s\n", input.c_str(),
               exporter::modelSketchSizeLine(size, board, model).c_str());
  if (size.fits || boardGiven) return size.fits ? 0 : 1;
  for (const exporter::Board& other : exporter::boards()) {
    const exporter::ModelSketchSize there = exporter::modelSketchSize(model, other);
    if (there.fits) {
      std::fprintf(stderr, "%s: it fits the %s (%zu B of flash): --board %s\n", input.c_str(),
                   other.name.c_str(), there.flash, other.id.c_str());
      break;
    }
  }
  return 0;
}

int runExport(const std::vector<std::string>& args) {
  std::string input, output, boardId = "uno", name, sourcesRoot = exporter::defaultSourceRoot();
  std::vector<firmware::ModelSource> modelOptions;
  bool boardGiven = false;  // a model that does not fit fails only a board the user asked for
  ArgCursor cursor(args);
  while (cursor.next()) {
    const std::string& arg = cursor.arg();
    std::string ignored;
    auto value = [&](std::string* into) { return cursor.value(into, &ignored); };
    if (arg == "-o" || arg == "--output") {
      if (!value(&output)) return fail("-o needs a file or folder name");
    } else if (arg == "--board") {
      if (!value(&boardId)) return fail("--board needs one of: " + exporter::boardIds());
      boardGiven = true;
    } else if (arg == "--name") {
      if (!value(&name)) return fail("--name needs a sketch name");
    } else if (arg == "--sources") {
      if (!value(&sourcesRoot)) return fail("--sources needs the emflow repository folder");
    } else if (arg == "--model") {
      std::string option, why;
      firmware::ModelSource source;
      if (!value(&option)) return fail("--model needs ID=FILE");
      if (!firmware::parseModelOption(option, &source, &why)) return fail(why);
      modelOptions.push_back(source);
    } else if (cursor.isOption()) {
      return fail("unknown option '" + arg + "'");
    } else if (input.empty()) {
      input = arg;
    } else {
      return fail("one GRAPH only");
    }
  }
  if (!cursor.error().empty()) return fail(cursor.error());
  if (input.empty()) return fail("missing GRAPH");
  if (output.empty()) return fail("missing -o OUT.zip or -o DIR/");
  const exporter::Board* board = exporter::findBoard(boardId);
  if (!board) return fail("unknown board '" + boardId + "' (boards: " + exporter::boardIds() + ")");

  std::string text, error;
  if (!readFileText(input, &text, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  const exporter::SourceTree sources = exporter::readSourceTree(sourcesRoot, &error);
  if (sources.empty()) return fail(error);

  exporter::SketchExport sketch;
  if (exporter::isModelFile(input)) {
    if (!modelOptions.empty()) return fail("--model is for graphs; a model file is exported alone");
    sketch = exporter::exportModelSketch(std::vector<uint8_t>(text.begin(), text.end()), input,
                                         *board, sources, name);
  } else {
    firmware::ModelBlobs models;
    std::vector<std::string> errors;
    if (!firmware::modelsForGraphFile(input, text, modelOptions, &models, &errors)) {
      for (const std::string& e : errors) std::fprintf(stderr, "%s\n", e.c_str());
      return 1;
    }
    sketch = exporter::exportSketch(text, input, *board, sources, name, models);
  }
  if (!sketch.ok()) {
    for (const std::string& e : sketch.errors) std::fprintf(stderr, "%s\n", e.c_str());
    return 1;
  }
  for (const std::string& note : sketch.notes) std::fprintf(stderr, "%s\n", note.c_str());
  const bool toFolder = output.back() == '/' || fs::is_directory(output);
  size_t bytes = 0;
  if (toFolder) {
    for (const exporter::ZipEntry& file : sketch.files) {
      if (!writeFile(fs::path(output) / file.path, file.data.data(), file.data.size()))
        return fail("cannot write " + (fs::path(output) / file.path).string());
      bytes += file.data.size();
    }
  } else {
    const std::vector<uint8_t> zip = exporter::writeZip(sketch.files, &error);
    if (zip.empty()) return fail(error);
    if (!writeFile(output, zip.data(), zip.size())) return fail("cannot write " + output);
    bytes = zip.size();
  }
  for (const std::string& note : sketch.notes) std::fprintf(stderr, "%s\n", note.c_str());
  std::fprintf(stderr, "%s: sketch %s for the %s, %zu files, %zu bytes -> %s\n", input.c_str(),
               sketch.name.c_str(), board->name.c_str(), sketch.files.size(), bytes,
               output.c_str());
  return exporter::isModelFile(input) ? reportModelSketchSize(text, input, *board, boardGiven) : 0;
}

const CommandRegistration kRegistration({
    "export",
    "export GRAPH|MODEL.bin --board uno -o OUT.zip|DIR/",
    "export a graph (or one model) as an Arduino sketch project (zip or folder)",
    "Options: [--board uno|mega] [--name SKETCH] [--sources ROOT] [--model ID=FILE ...]\n"
    "Writes <name>/<name>.ino with the emflow device sources it needs (copied unchanged from\n"
    "core/), the graph as static wiring, its models as blobs in flash, platformio.ini and a\n"
    "README with the wiring table. The sketch builds as it is in the Arduino IDE,\n"
    "arduino-cli and PlatformIO.\n"
    "  GRAPH         .fbp or .json; `# @model ID PATH` lines of a .fbp name its model files\n"
    "                (relative to the .fbp)\n"
    "  MODEL.bin     a model blob alone: the sketch reads feature rows (CSV lines) on the\n"
    "                serial port and prints the label and outputs of each (docs/export.md);\n"
    "                its flash and static RAM on the board are printed after it is written,\n"
    "                and a sketch that does not fit a board given with --board exits 1\n"
    "  --model ID=FILE  the model blob for id ID, overriding the graph's `# @model ID`\n"
    "  -o OUT.zip    a stored (uncompressed) ZIP archive; -o DIR/ (or an existing folder):\n"
    "                the files under DIR/<name>/\n"
    "  --board       uno (ATmega328P, default) or mega (ATmega2560)\n"
    "  --name        the sketch name (default: the graph's @name, else the file name)\n"
    "  --sources     the emflow repository to copy device sources from (default: the one\n"
    "                this emflow was built from)\n"
    "A graph that does not fit the board (nodes, connections, initial packets, pins, models\n"
    "too big for flash) or whose model nodes lack a model of their role is\n"
    "refused with the numbers; errors go to stderr as FILE:LINE:COLUMN: message, status 1.",
    runExport,
});

}  // namespace
}  // namespace emflow::cli
