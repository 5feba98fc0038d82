// The files an export copies into a sketch, by repository path ("core/runtime/network.h",
// "firmware/arduino/arduino_io.cpp"). The CLI reads them from the source tree; the
// WebAssembly build gets the same map embedded, so both export identical bytes.
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_SOURCE_TREE_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_SOURCE_TREE_H

#include <map>
#include <string>

namespace emflow::exporter {

using SourceTree = std::map<std::string, std::string>;

// The folders an export draws from: the device code under core/ and the board IO layers.
extern const char* const kExportSourceDirs[];

// The repository this binary was built from (found from this file's compile-time path).
std::string defaultSourceRoot();

// Reads every .h/.cpp under kExportSourceDirs of `root`. On failure (a folder missing)
// returns an empty tree and sets *error.
SourceTree readSourceTree(const std::string& root, std::string* error);

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_SOURCE_TREE_H
