// Which device sources a sketch needs: the include closure of a few root files (runtime,
// used components, board IO), plus the .cpp beside every header reached. Files are copied
// unchanged; their relative #includes ("../runtime/component.h", "status.h") keep working
// because the sketch's emflow/ folder mirrors core/ (board IO files sit directly in emflow/,
// where their "runtime/io.h" resolves).
#ifndef EMFLOW_HOST_FIRMWARE_EXPORT_DEVICE_SOURCES_H
#define EMFLOW_HOST_FIRMWARE_EXPORT_DEVICE_SOURCES_H

#include <map>
#include <string>
#include <vector>

#include "host/firmware/export/source_tree.h"

namespace emflow::exporter {

struct DeviceSources {
  std::vector<std::string> files;         // repository paths, sorted
  std::vector<std::string> compileUnits;  // the .cpp among them, sorted
  std::string error;                      // set if an include could not be resolved
  // Sketch path → text of a forwarding header, for includes written relative to core/ in a
  // subfolder ("runtime/status.h" in ml/): see collectDeviceSources.
  std::map<std::string, std::string> forwarders;
};

// "core/runtime/network.h" → "emflow/runtime/network.h";
// "firmware/arduino/arduino_io.h" → "emflow/arduino_io.h".
std::string sketchPathOf(const std::string& repoPath);

// `roots` are repository paths. `excluded` .cpp files are never added as siblings (the
// component library table, which the export replaces with the graph's own).
DeviceSources collectDeviceSources(const SourceTree& sources, const std::vector<std::string>& roots,
                                   const std::vector<std::string>& excluded);

}  // namespace emflow::exporter

#endif  // EMFLOW_HOST_FIRMWARE_EXPORT_DEVICE_SOURCES_H
