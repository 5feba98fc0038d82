#include "host/protocol/component_catalog.h"

#include <algorithm>

#include "host/graph/suggest.h"
#include "host/json/bounded_json.h"

namespace emflow::protocol {

namespace {

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
    p["required"] = port.required;
    Json value = defaultValue(port);
    if (!value.is_null()) p["default"] = value;
    out.push_back(p);
  }
  return out;
}

}  // namespace

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
  return components_.findExact(bare);
}

std::string ComponentCatalog::suggest(const std::string& name) const {
  const size_t slash = name.find('/');
  return graph::nearestName(slash == std::string::npos ? name : name.substr(slash + 1),
                            components_.componentNames());
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
