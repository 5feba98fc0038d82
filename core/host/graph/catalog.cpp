#include "host/graph/catalog.h"

#include "host/graph/suggest.h"

namespace emflow::graph {

namespace {

const PortSpec* findPort(const std::vector<PortSpec>& ports, const std::string& name) {
  for (const PortSpec& port : ports)
    if (equalsIgnoreCase(port.name, name)) return &port;
  return nullptr;
}

int portNumber(const std::vector<PortSpec>& ports, const std::string& name) {
  const PortSpec* port = findPort(ports, name);
  return port ? static_cast<int>(port - ports.data()) : -1;
}

}  // namespace

int ComponentSpec::inPortNumber(const std::string& name) const {
  return portNumber(inPorts, name);
}

int ComponentSpec::outPortNumber(const std::string& name) const {
  return portNumber(outPorts, name);
}

const PortSpec* ComponentSpec::findInPort(const std::string& name) const {
  return findPort(inPorts, name);
}

const PortSpec* ComponentSpec::findOutPort(const std::string& name) const {
  return findPort(outPorts, name);
}

const ComponentSpec* Catalog::resolve(const std::string& name) const {
  if (const ComponentSpec* exact = findExact(name)) return exact;
  size_t slash = name.rfind('/');
  if (slash == std::string::npos || slash + 1 == name.size()) return nullptr;
  return findExact(name.substr(slash + 1));
}

const ComponentSpec* ListCatalog::findExact(const std::string& name) const {
  for (const ComponentSpec& component : components_)
    if (component.name == name) return &component;
  return nullptr;
}

std::vector<std::string> ListCatalog::componentNames() const {
  std::vector<std::string> names;
  for (const ComponentSpec& component : components_) names.push_back(component.name);
  return names;
}

}  // namespace emflow::graph
