// Running the built `emflow` CLI from a test as a user would (a shell command line), shared
// by the CLI tests of several areas. Header only: tests/cpp/support has no .cpp, so it is not
// a test area of its own (tests/cpp/CMakeLists.txt).
#ifndef EMFLOW_TESTS_CPP_SUPPORT_CLI_RUN_H
#define EMFLOW_TESTS_CPP_SUPPORT_CLI_RUN_H

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace emflow::test {

const std::string kCli = EMFLOW_BINARY_DIR "/core/emflow";

struct Output {
  int status;        // the exit status, -1 if it did not exit normally
  std::string text;  // stdout and stderr
};

// Runs `emflow ARGS` through the shell (so ARGS may redirect) and collects its output.
inline Output run(const std::string& args) {
  Output out;
  FILE* pipe = popen((kCli + " " + args + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, n);
  const int raw = pclose(pipe);
  out.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace emflow::test

#endif  // EMFLOW_TESTS_CPP_SUPPORT_CLI_RUN_H
