// Embind registration of the firmware export ("Download firmware" in the web app): the same
// exportSketch + writeZip the `emflow export` CLI runs, with the project's models, so the
// browser builds the identical zip with no server. The device sources come from JavaScript as
// {path: text} (repository paths such as "core/runtime/network.h"; the web build can bundle them
// with Vite's import.meta.glob(['/core/{runtime,components,ml,dsp}/*',
// '/firmware/{avr,arduino}/*'], {query: '?raw'})), which keeps the WebAssembly binary free of a
// second copy of core/.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "host/firmware/export/sketch_export.h"

namespace emflow::wasm {
namespace {

using emscripten::val;

// The project's models, [{id, blob: Uint8Array}, ...] (the web app's StoredModel list), by id.
// Entries that are not such objects are reported, not skipped.
firmware::ModelBlobs modelsFrom(const val& models, val& errors) {
  firmware::ModelBlobs blobs;
  if (models.isUndefined() || models.isNull()) return blobs;
  const int count = models["length"].as<int>();
  for (int i = 0; i < count; ++i) {
    const val entry = models[i];
    const val id = entry["id"];
    if (!id.isNumber() || id.as<double>() < 0 || id.as<double>() > 255 ||
        entry["blob"].isUndefined()) {
      errors.call<void>("push",
                        "models[" + std::to_string(i) + "] is not {id: 0..255, blob: Uint8Array}");
      continue;
    }
    blobs[static_cast<uint8_t>(id.as<int>())] =
        emscripten::convertJSArrayToNumberVector<uint8_t>(entry["blob"]);
  }
  return blobs;
}

// Sets `errors` and the one-string `error` of the engine's convention (docs/wasm.md).
val finish(val result, const val& errors) {
  result.set("errors", errors);
  result.set("error", errors.call<val>("join", std::string("\n")));
  return result;
}

// exportFirmwareWithModels(graphText, sourceName, board, sources, models) →
// {ok, error, name: string, zip: Uint8Array, errors: string[], notes: string[]} (`error`: the
// errors, one a line, as every engine call gives them; `errors` keeps them apart; `notes`: what
// the exporter changed, e.g. a reserved sketch name renamed); the models the graph's model
// nodes use by id go into the sketch's flash (a node whose model is missing is refused).
val exportFirmwareWithModels(const std::string& graphText, const std::string& sourceName,
                             const std::string& boardId, const val& sources, const val& models) {
  val result = val::object();
  val errors = val::array();
  result.set("ok", false);
  result.set("name", std::string());
  result.set("notes", val::array());
  result.set("zip", val::global("Uint8Array").new_(0));
  const exporter::Board* board = exporter::findBoard(boardId);
  if (!board) {
    errors.call<void>("push",
                      "unknown board '" + boardId + "' (boards: " + exporter::boardIds() + ")");
    return finish(result, errors);
  }
  const firmware::ModelBlobs blobs = modelsFrom(models, errors);
  if (errors["length"].as<int>() > 0) {
    return finish(result, errors);
  }
  exporter::SourceTree tree;
  const val keys = val::global("Object").call<val>("keys", sources);
  const int count = keys["length"].as<int>();
  for (int i = 0; i < count; ++i) {
    const std::string path = keys[i].as<std::string>();
    if (!sources[path].isString()) {  // as<std::string>() would abort the module
      errors.call<void>("push",
                        "exportFirmware: sources[\"" + path + "\"] must be the file's text");
      continue;
    }
    tree[path] = sources[path].as<std::string>();
  }
  if (errors["length"].as<int>() > 0) return finish(result, errors);
  const exporter::SketchExport sketch =
      exporter::exportSketch(graphText, sourceName, *board, tree, "", blobs);
  for (const std::string& e : sketch.errors) errors.call<void>("push", e);
  val notes = val::array();  // pins remapped for the board (an Uno graph exported for the Mega)
  for (const std::string& n : sketch.notes) notes.call<void>("push", n);
  result.set("notes", notes);
  if (sketch.ok()) {
    std::string error;
    const std::vector<uint8_t> zip = exporter::writeZip(sketch.files, &error);
    if (zip.empty()) {
      errors.call<void>("push", error);
    } else {
      result.set("ok", true);
      result.set("name", sketch.name);
      val notes = val::array();
      for (const std::string& note : sketch.notes) notes.call<void>("push", note);
      result.set("notes", notes);
      result.set("zip",
                 val(emscripten::typed_memory_view(zip.size(), zip.data())).call<val>("slice"));
    }
  }
  return finish(result, errors);
}

// exportFirmware(graphText, sourceName, board, sources): the same without models.
val exportFirmware(const std::string& graphText, const std::string& sourceName,
                   const std::string& boardId, const val& sources) {
  return exportFirmwareWithModels(graphText, sourceName, boardId, sources, val::array());
}

}  // namespace

EMSCRIPTEN_BINDINGS(emflow_export) {
  emscripten::function("exportFirmware", &exportFirmware);
  emscripten::function("exportFirmwareWithModels", &exportFirmwareWithModels);
}

}  // namespace emflow::wasm
