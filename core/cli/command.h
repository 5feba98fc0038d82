// Subcommands of the `emflow` CLI. Each cli/cmd_*.cpp defines one Command and registers it
// with a static CommandRegistration, so adding a subcommand never touches main.cpp.
#ifndef EMFLOW_CLI_COMMAND_H
#define EMFLOW_CLI_COMMAND_H

#include <string>
#include <vector>

namespace emflow::cli {

struct Command {
  const char* name;     // "parse"
  const char* usage;    // "parse FILE.fbp"
  const char* summary;  // one line for `emflow --help`
  const char* help;     // full text for `emflow help parse` / `emflow parse --help`
  // Arguments after the subcommand name. Returns the process exit code; prints errors to
  // stderr as "emflow NAME: message".
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& commands();

struct CommandRegistration {
  explicit CommandRegistration(const Command& command);
};

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_COMMAND_H
