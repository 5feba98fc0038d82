// emflow-constants: prints or (with --write) rewrites the generated TypeScript and Python
// constant files (model kinds, limits, worlds, the serial link's messages) from the C++
// headers. Run from the repository root, or pass --root DIR.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "host/constants/constants_writer.h"
#include "host/constants/link_constants.h"

int main(int argc, char** argv) {
  std::string root = ".";
  bool write = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--write") {
      write = true;
    } else if (arg == "--root" && i + 1 < argc) {
      root = argv[++i];
    } else {
      std::cerr << "usage: emflow-constants [--write] [--root DIR]\n";
      return 2;
    }
  }
  const std::pair<const char*, std::string> files[] = {
      {emflow::constants::kTypeScriptPath, emflow::constants::typeScriptConstants()},
      {emflow::constants::kPythonPath, emflow::constants::pythonConstants()},
      {emflow::constants::kLinkTypeScriptPath, emflow::constants::linkTypeScriptConstants()},
  };
  for (const auto& [path, text] : files) {
    if (!write) {
      std::cout << "==> " << path << "\n" << text;
      continue;
    }
    const std::string target = root + "/" + path;
    std::ofstream out(target, std::ios::binary);
    if (!(out << text) || !out.flush()) {
      std::cerr << "emflow-constants: cannot write " << target << "\n";
      return 1;
    }
    std::cout << "wrote " << target << "\n";
  }
  return 0;
}
