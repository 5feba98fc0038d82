// What the graph commands (parse, check, format, export) share: reading a file whole, and the
// "one FILE plus --case-sensitive" argument form of parse and check.
#ifndef EMFLOW_CLI_GRAPH_INPUT_H
#define EMFLOW_CLI_GRAPH_INPUT_H

#include <string>
#include <vector>

#include "host/graph/fbp_parser.h"

namespace emflow::cli {

// The whole file as bytes, at most kMaxInputFileBytes (16 MiB); false with "PATH: reason" in
// `error` if it cannot be opened, is a directory or is larger (host/input_file.h).
bool readFileText(const std::string& path, std::string* text, std::string* error);

// Reads FILE (.fbp or .json) for `emflow COMMAND FILE [--case-sensitive]`: fills `path`,
// `options.caseSensitive` and `text`. Returns -1 on success, else the exit code after printing
// "emflow COMMAND: reason" to stderr (2 for usage errors, 1 for an unreadable file).
int readGraphFileArgs(const char* command, const std::vector<std::string>& args, std::string* path,
                      graph::FbpParseOptions* options, std::string* text);

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_GRAPH_INPUT_H
