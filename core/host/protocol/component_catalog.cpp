#include "host/protocol/component_catalog.h"

#include <algorithm>
#include <cctype>

#include "host/json/bounded_json.h"

namespace emflow::protocol {

namespace {

bool equalsIgnoreCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

int findPort(const std::vector<PortSpec>& ports, const std::string& name) {
  for (size_t i = 0; i < ports.size(); ++i) {
    if (equalsIgnoreCase(ports[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A default given as text becomes a JSON value of the port's type where it parses as one.
Json defaultValue(const PortSpec& port) {
  if (port.defaultValue.empty()) return Json();
  Json parsed;
  json::JsonError notJson;
  if (json::parseBounded(port.defaultValue, json::JsonLimits{}, &parsed, &notJson)) return parsed;
  return port.defaultValue;
}

Json describePorts(const std::vector<PortSpec>& ports) {
  Json out = Json::array();
  for (const PortSpec& port : ports) {
    Json p = Json::object();
    p["id"] = port.name;
    p["type"] = port.type.empty() ? "all" : port.type;
    if (!port.description.empty()) p["description"] = port.description;
    p["addressable"] = port.array;
    p["required"] = false;
    Json value = defaultValue(port);
    if (!value.is_null()) p["default"] = value;
    out.push_back(p);
  }
  return out;
}

}  // namespace

int ComponentSpec::inPort(const std::string& name) const {
  return findPort(inPorts, name);
}
int ComponentSpec::outPort(const std::string& name) const {
  return findPort(outPorts, name);
}

const std::vector<std::string>& ComponentCatalog::prefixes() {
  static const std::vector<std::string> kPrefixes = {"core", "emflow"};
  return kPrefixes;
}

const ComponentSpec* ComponentCatalog::find(const std::string& name) const {
  std::string bare = name;
  size_t slash = name.find('/');
  if (slash != std::string::npos) {
    std::string prefix = name.substr(0, slash);
    if (std::find(prefixes().begin(), prefixes().end(), prefix) == prefixes().end()) {
      return nullptr;
    }
    bare = name.substr(slash + 1);
  }
  for (const ComponentSpec& spec : components_) {
    if (spec.name == bare) return &spec;
  }
  return nullptr;
}

std::string ComponentCatalog::suggest(const std::string& name) const {
  std::string bare = name.substr(name.find('/') == std::string::npos ? 0 : name.find('/') + 1);
  std::string best;
  size_t bestDistance = 3;  // beyond two edits a suggestion is more noise than help
  for (const ComponentSpec& spec : components_) {
    size_t distance = editDistance(bare, spec.name);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = spec.name;
    }
  }
  return best;
}

Json ComponentCatalog::describe(const ComponentSpec& spec, const std::string& listedName) {
  Json payload = Json::object();
  payload["name"] = listedName;
  payload["description"] = spec.description;
  if (!spec.icon.empty()) payload["icon"] = spec.icon;
  payload["subgraph"] = false;
  payload["inPorts"] = describePorts(spec.inPorts);
  payload["outPorts"] = describePorts(spec.outPorts);
  return payload;
}

}  // namespace emflow::protocol
