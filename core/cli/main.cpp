// emflow: the command-line tool. Dispatches to the registered subcommands.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "command.h"

namespace emflow::cli {

static std::vector<Command>& registry() {
  static std::vector<Command> all;  // function-local: safe from static init order
  return all;
}

const std::vector<Command>& commands() {
  return registry();
}

CommandRegistration::CommandRegistration(const Command& command) {
  registry().push_back(command);
}

}  // namespace emflow::cli

using emflow::cli::Command;

static void printUsage(FILE* out) {
  std::vector<Command> sorted = emflow::cli::commands();
  std::sort(sorted.begin(), sorted.end(),
            [](const Command& a, const Command& b) { return std::strcmp(a.name, b.name) < 0; });
  std::fprintf(out,
               "emflow - flow-based programs and ML models for microcontrollers\n\n"
               "usage: emflow COMMAND [ARGS]\n\ncommands:\n");
  for (const Command& c : sorted) std::fprintf(out, "  %-44s %s\n", c.usage, c.summary);
  std::fprintf(out,
               "\n`emflow help COMMAND` or `emflow COMMAND --help` shows a command's options.\n");
}

static const Command* find(const std::string& name) {
  for (const Command& c : emflow::cli::commands())
    if (name == c.name) return &c;
  return nullptr;
}

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    printUsage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string name = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (name == "help") {
    if (args.empty()) {
      printUsage(stdout);
      return 0;
    }
    name = args[0];
    args = {"--help"};
  }
  const Command* command = find(name);
  if (!command) {
    std::fprintf(stderr, "emflow: unknown command '%s'\n\n", name.c_str());
    printUsage(stderr);
    return 2;
  }
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::printf("usage: emflow %s\n\n%s\n", command->usage, command->help);
    return 0;
  }
  return command->run(args);
}
