#include "model_refs.h"

#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>

#include "host/graph/graph_source.h"
#include "host/input_file.h"
#include "ml/model.h"

namespace emflow::firmware {

namespace {

bool isBlank(char c) {
  return c == ' ' || c == '\t';
}

// Parses a decimal model id 0..255 (no sign, no spaces).
bool parseId(const std::string& text, uint8_t* id) {
  if (text.empty() || text.size() > 3) return false;
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  if (value > 255) return false;
  *id = static_cast<uint8_t>(value);
  return true;
}

std::string folderOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

std::string joinPath(const std::string& folder, const std::string& path) {
  if (path.empty() || path[0] == '/' || folder.empty()) return path;
  return folder + path;
}

const char* roleName(ModelRole role) {
  switch (role) {
    case kRoleClassifier:
      return "a classifier";
    case kRoleRegressor:
      return "a regressor";
    case kRoleAnomaly:
      return "an anomaly detector";
    default:
      return "an unknown model";
  }
}

// The role each model component needs; kRoleUnknown for other components.
ModelRole roleOfComponent(const std::string& component) {
  if (component == "Classify") return kRoleClassifier;
  if (component == "Regress") return kRoleRegressor;
  if (component == "AnomalyScore") return kRoleAnomaly;
  return kRoleUnknown;
}

bool sameLetters(const std::string& a, const char* b) {
  size_t i = 0;
  for (; i < a.size() && b[i]; ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return i == a.size() && !b[i];
}

// The model id an IIP carries: a JSON integer or its text ('1' in .fbp is the string "1").
int idFromData(const graph::Json& data) {
  if (data.is_number_integer() && data.get<int64_t>() >= 0 && data.get<int64_t>() <= 255)
    return static_cast<int>(data.get<int64_t>());
  uint8_t id = 0;
  if (data.is_string() && parseId(data.get<std::string>(), &id)) return id;
  return -1;
}

}  // namespace

std::vector<ModelSource> scanModelAnnotations(const std::string& text, const std::string& graphPath,
                                              std::vector<std::string>* errors) {
  std::vector<ModelSource> sources;
  std::map<uint8_t, int> lineOfId;
  const std::string folder = folderOf(graphPath);
  size_t start = 0;
  for (int line = 1; start <= text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string row = text.substr(start, end - start);
    start = end + 1;
    if (!row.empty() && row.back() == '\r') row.pop_back();
    size_t i = 0;
    while (i < row.size() && isBlank(row[i])) ++i;
    if (i >= row.size() || row[i] != '#') continue;
    ++i;
    while (i < row.size() && isBlank(row[i])) ++i;
    if (row.compare(i, 6, "@model") != 0) continue;
    if (i + 6 < row.size() && !isBlank(row[i + 6])) continue;  // `@models` is another key
    auto fail = [&](size_t column, const std::string& message) {
      errors->push_back(graphPath + ":" + std::to_string(line) + ":" + std::to_string(column + 1) +
                        ": " + message);
    };
    i += 6;
    while (i < row.size() && isBlank(row[i])) ++i;
    const size_t idColumn = i;
    while (i < row.size() && !isBlank(row[i])) ++i;
    const std::string idText = row.substr(idColumn, i - idColumn);
    while (i < row.size() && isBlank(row[i])) ++i;
    size_t pathEnd = row.size();
    while (pathEnd > i && isBlank(row[pathEnd - 1])) --pathEnd;
    const std::string path = row.substr(i, pathEnd - i);
    ModelSource source;
    if (idText.empty()) {
      fail(idColumn, "@model needs an id and a file: `# @model ID PATH`");
      continue;
    }
    if (!parseId(idText, &source.id)) {
      fail(idColumn, "@model id must be an integer 0..255, not '" + idText + "'");
      continue;
    }
    if (path.empty()) {
      fail(idColumn, "@model " + idText + " needs a file: `# @model ID PATH`");
      continue;
    }
    const auto seen = lineOfId.find(source.id);
    if (seen != lineOfId.end()) {
      fail(idColumn,
           "model " + idText + " is already named on line " + std::to_string(seen->second));
      continue;
    }
    lineOfId[source.id] = line;
    source.path = joinPath(folder, path);
    source.origin = graphPath + ":" + std::to_string(line);
    sources.push_back(source);
  }
  return sources;
}

bool parseModelOption(const std::string& value, ModelSource* source, std::string* error) {
  const size_t eq = value.find('=');
  if (eq == std::string::npos || eq + 1 >= value.size()) {
    *error = "--model needs ID=FILE (e.g. --model 1=models/activity.bin), not '" + value + "'";
    return false;
  }
  if (!parseId(value.substr(0, eq), &source->id)) {
    *error = "--model: the id must be an integer 0..255, not '" + value.substr(0, eq) + "'";
    return false;
  }
  source->path = value.substr(eq + 1);
  source->origin = "--model";
  return true;
}

bool loadModelBlobs(const std::vector<ModelSource>& sources, ModelBlobs* blobs,
                    std::vector<std::string>* errors) {
  bool ok = true;
  for (const ModelSource& source : sources) {
    std::string text, why;
    if (!readInputFile(source.path, kMaxInputFileBytes, &text, &why)) {
      errors->push_back(source.origin + ": cannot read model " + std::to_string(source.id) +
                        " from " + why);
      ok = false;
      continue;
    }
    std::vector<uint8_t> bytes(text.begin(), text.end());
    Model model;
    const Status status = modelOpen(&model, bytes.data(), bytes.size(), kMemoryRam);
    if (status != kOk) {
      errors->push_back(source.origin + ": " + source.path + " is not a valid model (" +
                        emflow_status_name(status) + ")");
      ok = false;
      continue;
    }
    (*blobs)[source.id] = std::move(bytes);
  }
  return ok;
}

std::vector<ModelUse> modelUses(const graph::Graph& graph) {
  std::vector<ModelUse> uses;
  for (const graph::Process& process : graph.processes) {
    if (!process.component || roleOfComponent(*process.component) == kRoleUnknown) continue;
    ModelUse use;
    use.node = process.name;
    use.component = *process.component;
    use.location = process.location;
    for (const graph::Connection& c : graph.connections) {
      if (!c.isInitial() || c.tgt.process != process.name || !sameLetters(c.tgt.port, "model"))
        continue;
      use.id = idFromData(*c.data);
      use.location = c.location;
    }
    uses.push_back(use);
  }
  return uses;
}

std::vector<std::string> checkModelUses(const graph::Graph& graph, const ModelBlobs& blobs,
                                        const std::string& sourceName) {
  std::vector<std::string> errors;
  for (const ModelUse& use : modelUses(graph)) {
    const std::string where = sourceName + (use.location.known() ? ":" : "") +
                              (use.location.known() ? graph::formatLocation(use.location) : "") +
                              ": node '" + use.node + "' (" + use.component + ")";
    if (use.id < 0) {
      errors.push_back(where + " gets no model id on its MODEL port (e.g. '1' -> MODEL " +
                       use.node + "())");
      continue;
    }
    const auto blob = blobs.find(static_cast<uint8_t>(use.id));
    if (blob == blobs.end()) {
      errors.push_back(where + " uses model " + std::to_string(use.id) + ", but no model " +
                       std::to_string(use.id) + " is given (add `# @model " +
                       std::to_string(use.id) + " FILE` to the graph or pass --model " +
                       std::to_string(use.id) + "=FILE)");
      continue;
    }
    Model model;
    const Status status = modelOpen(&model, blob->second.data(), blob->second.size(), kMemoryRam);
    const ModelRole need = roleOfComponent(use.component);
    if (status != kOk) {
      errors.push_back(where + ": model " + std::to_string(use.id) + " is not valid (" +
                       emflow_status_name(status) + ")");
    } else if (modelRole(model.blob.kind) != need) {
      errors.push_back(where + " needs " + roleName(need) + ", but model " +
                       std::to_string(use.id) + " is " + roleName(modelRole(model.blob.kind)));
    }
  }
  return errors;
}

bool modelsForGraphFile(const std::string& graphPath, const std::string& graphText,
                        const std::vector<ModelSource>& options, ModelBlobs* blobs,
                        std::vector<std::string>* errors) {
  const size_t before = errors->size();
  std::vector<ModelSource> sources;
  if (graph::formatFromPath(graphPath) == graph::GraphFormat::kFbp)
    sources = scanModelAnnotations(graphText, graphPath, errors);
  // An option replaces the annotation with its id rather than being read after it, so a
  // missing annotated file does not matter when the command line names another.
  for (const ModelSource& option : options) {
    for (auto it = sources.begin(); it != sources.end();)
      it = it->id == option.id ? sources.erase(it) : it + 1;
    sources.push_back(option);
  }
  loadModelBlobs(sources, blobs, errors);
  return errors->size() == before;
}

}  // namespace emflow::firmware
