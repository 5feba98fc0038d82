#include "graph_input.h"

#include <cstdio>

#include "host/input_file.h"
#include "options.h"

namespace emflow::cli {

bool readFileText(const std::string& path, std::string* text, std::string* error) {
  return readInputFile(path, kMaxInputFileBytes, text, error);
}

int readGraphFileArgs(const char* command, const std::vector<std::string>& args, std::string* path,
                      graph::FbpParseOptions* options, std::string* text) {
  path->clear();
  ArgCursor cursor(args);
  while (cursor.next()) {
    const std::string& arg = cursor.arg();
    if (arg == "--case-sensitive") {
      options->caseSensitive = true;
    } else if (cursor.isOption()) {
      std::fprintf(stderr, "emflow %s: unknown option '%s'\n", command, arg.c_str());
      return 2;
    } else if (path->empty()) {
      *path = arg;
    } else {
      std::fprintf(stderr, "emflow %s: one FILE only\n", command);
      return 2;
    }
  }
  if (!cursor.error().empty()) {
    std::fprintf(stderr, "emflow %s: %s\n", command, cursor.error().c_str());
    return 2;
  }
  if (path->empty()) {
    std::fprintf(stderr, "emflow %s: missing FILE\n", command);
    return 2;
  }
  std::string error;
  if (!readFileText(*path, text, &error)) {
    std::fprintf(stderr, "emflow %s: %s\n", command, error.c_str());
    return 1;
  }
  return -1;
}

}  // namespace emflow::cli
