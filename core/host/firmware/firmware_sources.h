// Generated C++ for a firmware that runs one graph: the command stream as a PROGMEM array,
// the runtime capacities the graph needs, and the component subset to link.
// Every generated file starts with a "generated, do not edit" banner.
#ifndef EMFLOW_HOST_FIRMWARE_FIRMWARE_SOURCES_H
#define EMFLOW_HOST_FIRMWARE_FIRMWARE_SOURCES_H

#include <cstdint>
#include <string>
#include <vector>

#include "host/firmware/compiled_graph.h"

namespace emflow::firmware {

// A C++ source defining `const uint8_t SYMBOL[] PROGMEM` and `const uint16_t SYMBOL_length`.
// Its second line is `// capacities: -DEMFLOW_MAX_NODES=n -DEMFLOW_MAX_EDGES=n
// -DEMFLOW_MAX_INITIALS=n`, the exact fit a build script passes to the compiler.
std::string firmwareGraphSource(const CompiledGraph& graph, const std::vector<uint8_t>& stream,
                                const std::string& symbol, const std::string& sourceName);

// The -D flags above (at least 1 of each, as the runtime's arrays cannot be empty).
std::string capacityFlags(const CompiledGraph& graph);

// A C++ source defining emflow_component_type() (the runtime's link-time seam) for just the
// components the graph uses: a table of 9 bytes per used component in flash instead of the
// library's 9 bytes per library component. Its second line is `// components: A B C`.
// Build it INSTEAD of core/components/library.cpp.
// `includePrefix` goes before every include of a core/ header ("emflow/" in an exported
// sketch, whose device sources sit in emflow/); with `usedHeadersOnly` the table includes only
// the used components' headers (componentHeader) instead of components/components.h.
std::string componentTableSource(const CompiledGraph& graph, const std::string& sourceName,
                                 const std::string& includePrefix = "",
                                 bool usedHeadersOnly = false);

// The header that defines a library component, relative to core/: "HysteresisLatch" →
// "components/hysteresis_latch.h".
std::string componentHeader(const std::string& componentName);

// The alternative to the command stream: "static wiring", a C++ source defining
// `emflow::Status emflow_build_graph(emflow::Network&)` that adds the nodes, edges and initial
// packets from three small PROGMEM tables and starts the network. No stream decoder is linked,
// so the firmware is smaller; the graph can then only change by reflashing. Its second line
// is the same capacities comment as firmwareGraphSource's.
std::string staticWiringSource(const CompiledGraph& graph, const std::string& sourceName,
                               const std::string& includePrefix = "");

// True if `symbol` is a valid C/C++ identifier (and so safe to write into source).
bool isIdentifier(const std::string& symbol);

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_FIRMWARE_SOURCES_H
