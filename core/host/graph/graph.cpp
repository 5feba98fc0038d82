#include "host/graph/graph.h"

namespace emflow::graph {

std::string formatLocation(const SourceLocation& location) {
  if (!location.known()) return "?";
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

const Process* Graph::findProcess(const std::string& name) const {
  for (const Process& process : processes)
    if (process.name == name) return &process;
  return nullptr;
}

Process* Graph::findProcess(const std::string& name) {
  for (Process& process : processes)
    if (process.name == name) return &process;
  return nullptr;
}

std::string Diagnostic::format() const {
  const std::string text = (severity == Severity::kWarning ? "warning: " : "") + message;
  if (!location.known()) return text;
  return formatLocation(location) + ": " + text;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::kError) return true;
  return false;
}

}  // namespace emflow::graph
