#include "reference_fbp.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace emflow::graph::testing {

namespace {

std::string shellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

namespace {

std::optional<std::vector<ReferenceResult>> runBatch(const std::vector<std::string>& files,
                                                     std::string* problem) {
  std::string script = std::string(EMFLOW_SOURCE_DIR) + "/tests/fbp/reference-parse.mjs";
  std::string command = "node " + shellQuote(script) + " --batch";
  for (const std::string& file : files) command += " " + shellQuote(file);
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    *problem = "cannot start node";
    return std::nullopt;
  }
  std::string output;
  char buffer[65536];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  int status = pclose(pipe);
  nlohmann::json parsed = nlohmann::json::parse(output, nullptr, false);
  if (status != 0 || !parsed.is_array()) {
    *problem =
        "node tests/fbp/reference-parse.mjs failed (is Node on PATH and node_modules/fbp "
        "installed?): " +
        output.substr(0, 400);
    return std::nullopt;
  }
  std::vector<ReferenceResult> results;
  for (const nlohmann::json& entry : parsed) {
    ReferenceResult result;
    result.file = entry.value("file", "");
    if (entry.contains("text")) {
      result.ok = true;
      result.text = entry["text"].get<std::string>();
    } else {
      result.error = entry.value("error", "");
      if (entry["line"].is_number()) {
        result.line = entry["line"].get<int>();
        result.column = entry["column"].get<int>();
      }
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace

std::optional<std::vector<ReferenceResult>> runReferenceParser(
    const std::vector<std::string>& files, std::string* problem) {
  // Batches keep the command line well below the system's limit.
  const size_t kBatch = 200;
  std::vector<ReferenceResult> all;
  for (size_t start = 0; start < files.size(); start += kBatch) {
    std::vector<std::string> batch(files.begin() + start,
                                   files.begin() + std::min(files.size(), start + kBatch));
    auto results = runBatch(batch, problem);
    if (!results) return std::nullopt;
    all.insert(all.end(), results->begin(), results->end());
  }
  return all;
}

}  // namespace emflow::graph::testing
