#include "source_tree.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace emflow::exporter {

namespace fs = std::filesystem;

const char* const kExportSourceDirs[] = {"core/runtime", "core/components",  "core/ml", "core/dsp",
                                         "firmware/avr", "firmware/arduino", nullptr};

std::string defaultSourceRoot() {
#ifdef EMFLOW_SOURCE_ROOT
  // Set by core/CMakeLists.txt: an absolute path, whatever the compiler launcher (ccache with
  // base_dir) makes of __FILE__.
  return EMFLOW_SOURCE_ROOT;
#else
  // __FILE__ is <root>/core/host/firmware/export/source_tree.cpp in this project's CMake builds.
  return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path().string();
#endif
}

SourceTree readSourceTree(const std::string& root, std::string* error) {
  SourceTree tree;
  for (const char* const* dir = kExportSourceDirs; *dir; ++dir) {
    const fs::path folder = fs::path(root) / *dir;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      if (std::string(*dir) == "core/ml" || std::string(*dir) == "core/dsp") continue;
      *error = "emflow sources not found: " + folder.string() +
               " is not a folder (use --sources ROOT, the emflow repository)";
      return {};
    }
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, ec)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      tree[std::string(*dir) + "/" + entry.path().filename().string()] = text.str();
    }
  }
  return tree;
}

}  // namespace emflow::exporter
