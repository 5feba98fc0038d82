#include "host/protocol/component_source.h"

#include <cstring>

namespace emflow::protocol {

#if EMFLOW_EMBEDDED_COMPONENT_SOURCES

namespace {

const EmbeddedFile* findFile(const std::string& fileName) {
  for (size_t i = 0; i < kEmbeddedComponentFileCount; ++i) {
    if (fileName == kEmbeddedComponentFiles[i].name) return &kEmbeddedComponentFiles[i];
  }
  return nullptr;
}

}  // namespace

bool componentSource(const std::string& name, std::string* code, std::string* error) {
  // The header that defines the describe macro is the component's home (library.h's rule).
  const std::string marker = "#define EMFLOW_DESCRIBE_" + name + "(";
  for (size_t i = 0; i < kEmbeddedComponentFileCount; ++i) {
    const EmbeddedFile& file = kEmbeddedComponentFiles[i];
    if (!std::strstr(file.text, marker.c_str())) continue;
    *code = file.text;
    std::string stem(file.name);
    stem = stem.substr(0, stem.rfind('.'));
    if (const EmbeddedFile* body = findFile(stem + ".cpp")) {
      *code += "\n// ---- " + std::string(body->name) + " ----\n";
      *code += body->text;
    }
    return true;
  }
  *error = "no source file in core/components describes " + name;
  return false;
}

#else

bool componentSource(const std::string& name, std::string*, std::string* error) {
  *error =
      "this build of the runtime embeds no component sources (include "
      "core/host/protocol/component_sources.cmake), so " +
      name + " has none to send";
  return false;
}

#endif

}  // namespace emflow::protocol
