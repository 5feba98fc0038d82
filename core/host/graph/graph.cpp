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
  if (!location.known()) return message;
  return formatLocation(location) + ": " + message;
}

}  // namespace emflow::graph
