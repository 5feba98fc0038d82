#include "graph_file.h"

#include "host/graph/graph_source.h"
#include "host/input_file.h"

namespace emflow::firmware {

namespace {

void report(const std::string& path, const std::vector<graph::Diagnostic>& diagnostics,
            std::vector<std::string>* errors) {
  for (const graph::Diagnostic& d : diagnostics)
    errors->push_back(path + (d.location.known() ? ":" : ": ") + d.format());
}

}  // namespace

std::optional<graph::Graph> readGraphFile(const std::string& path,
                                          std::vector<std::string>* errors) {
  std::string text, error;
  if (!readInputFile(path, kMaxInputFileBytes, &text, &error)) {
    errors->push_back(error);
    return std::nullopt;
  }
  graph::GraphResult result = graph::readGraphText(text, graph::formatFromPath(path));
  if (!result.ok()) {
    report(path, result.errors, errors);
    return std::nullopt;
  }
  return std::move(result.graph);
}

std::optional<CompiledGraph> compileGraphFile(const std::string& path, const CompileLimits& limits,
                                              std::vector<std::string>* errors,
                                              std::vector<std::string>* notes) {
  std::optional<graph::Graph> graph = readGraphFile(path, errors);
  if (!graph) return std::nullopt;
  CompileResult compiled = compileGraph(*graph, limits);
  if (notes) report(path, compiled.notes, notes);
  if (!compiled.ok()) {
    report(path, compiled.errors, errors);
    return std::nullopt;
  }
  return std::move(compiled.graph);
}

}  // namespace emflow::firmware
