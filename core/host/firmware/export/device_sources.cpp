#include "device_sources.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace emflow::exporter {

namespace {

// "a/b/../c/./d" → "a/c/d"; an escape above the top gives "".
std::string normalize(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string folderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// The "x" of every `#include "x"` line.
std::vector<std::string> quotedIncludes(const std::string& text) {
  std::vector<std::string> includes;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos || line[i] != '#') continue;
    i = line.find_first_not_of(" \t", i + 1);
    if (i == std::string::npos || line.compare(i, 7, "include") != 0) continue;
    const size_t open = line.find('"', i + 7);
    if (open == std::string::npos) continue;
    const size_t close = line.find('"', open + 1);
    if (close != std::string::npos) includes.push_back(line.substr(open + 1, close - open - 1));
  }
  return includes;
}

}  // namespace

std::string sketchPathOf(const std::string& repoPath) {
  if (repoPath.rfind("core/", 0) == 0) return "emflow/" + repoPath.substr(5);
  if (repoPath.rfind("firmware/", 0) == 0) {
    return "emflow/" + repoPath.substr(repoPath.rfind('/') + 1);
  }
  return repoPath;
}

DeviceSources collectDeviceSources(const SourceTree& sources, const std::vector<std::string>& roots,
                                   const std::vector<std::string>& excluded) {
  std::map<std::string, std::string> repoOfSketch;
  for (const auto& file : sources) repoOfSketch[sketchPathOf(file.first)] = file.first;

  DeviceSources result;
  std::set<std::string> seen;
  std::vector<std::string> pending;
  auto add = [&](const std::string& repoPath) {
    if (seen.insert(repoPath).second) pending.push_back(repoPath);
  };
  for (const std::string& root : roots) {
    if (!sources.count(root)) {
      result.error = "emflow source missing: " + root;
      return result;
    }
    add(root);
  }
  while (!pending.empty()) {
    const std::string repoPath = pending.back();
    pending.pop_back();
    const std::string sketchPath = sketchPathOf(repoPath);
    for (const std::string& include : quotedIncludes(sources.at(repoPath))) {
      // As the compiler looks: beside the including file, then from the sketch's emflow/.
      auto found = repoOfSketch.find(normalize(folderOf(sketchPath) + include));
      if (found == repoOfSketch.end()) {
        found = repoOfSketch.find(normalize("emflow/" + include));
        // Found only from emflow/ but included from a subfolder ("runtime/status.h" in
        // ml/model_blob.h): the IDE passes no include path into the sketch, so a forwarding
        // header beside the includer leads the compiler to the real file.
        const std::string folder = folderOf(sketchPath);
        if (found != repoOfSketch.end() && folder != "emflow/") {
          const std::string forwarder = normalize(folder + include);
          std::string up;  // from the forwarder's folder back to emflow/
          for (size_t i = std::string("emflow/").size(); i < forwarder.size(); ++i)
            if (forwarder[i] == '/') up += "../";
          result.forwarders[forwarder] =
              "// Forwards to the emflow source " + found->first +
              ", which the including file names\n// from the sketch's emflow/ folder (written "
              "by `emflow export`).\n#include \"" +
              up + include + "\"\n";
        }
      }
      if (found == repoOfSketch.end()) {
        result.error = repoPath + " includes \"" + include + "\", which is not an emflow source";
        return result;
      }
      add(found->second);
    }
    const size_t dot = repoPath.rfind('.');
    if (repoPath.compare(dot, std::string::npos, ".h") == 0) {
      const std::string unit = repoPath.substr(0, dot) + ".cpp";
      if (sources.count(unit) &&
          std::find(excluded.begin(), excluded.end(), unit) == excluded.end())
        add(unit);
    }
  }
  result.files.assign(seen.begin(), seen.end());
  for (const std::string& file : result.files)
    if (file.size() > 4 && file.compare(file.size() - 4, 4, ".cpp") == 0)
      result.compileUnits.push_back(file);
  return result;
}

}  // namespace emflow::exporter
