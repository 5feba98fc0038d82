// The device source code of the library's components, for component:getsource. The files of
// core/components are embedded at build time (component_sources.cmake generates the table
// into the build directory), so what a client reads is what the engine and a board compile.
#ifndef EMFLOW_HOST_PROTOCOL_COMPONENT_SOURCE_H
#define EMFLOW_HOST_PROTOCOL_COMPONENT_SOURCE_H

#include <cstddef>
#include <string>

namespace emflow::protocol {

struct EmbeddedFile {
  const char* name;  // file name in core/components: "timer.h"
  const char* text;
};

// The embedded files, defined by the generated file (only in builds that include
// component_sources.cmake, which also defines EMFLOW_EMBEDDED_COMPONENT_SOURCES).
extern const EmbeddedFile kEmbeddedComponentFiles[];
extern const size_t kEmbeddedComponentFileCount;

// The source of component `name` (bare, "Timer"): the header that describes it
// (EMFLOW_DESCRIBE_<name>) followed by its .cpp file when it has one. False with a reason when
// there is none or this build embeds no sources.
bool componentSource(const std::string& name, std::string* code, std::string* error);

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_COMPONENT_SOURCE_H
