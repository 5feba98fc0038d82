// libraryCatalog(): the device component library (core/components/library.h) as the one host
// catalog, so `emflow check`, compile hints and the protocol's component:list know exactly
// the components and ports the device network can create.
#include "components/library.h"
#include "host/graph/catalog.h"

namespace emflow::graph {

namespace {

std::vector<PortSpec> portsOf(const emflow::PortInfo* ports, uint8_t count) {
  std::vector<PortSpec> out;
  for (uint8_t i = 0; i < count; ++i) {
    PortSpec spec;
    spec.name = ports[i].name;
    spec.type = ports[i].type;
    spec.description = ports[i].description;
    spec.defaultValue = ports[i].defaultValue;
    spec.array = ports[i].array;
    spec.required = ports[i].required;
    spec.optional = ports[i].optional;
    out.push_back(std::move(spec));
  }
  return out;
}

ListCatalog buildLibraryCatalog() {
  ListCatalog catalog;
  for (size_t i = 0; i < emflow_component_count(); ++i) {
    const emflow::ComponentInfo* info = emflow_component_info(static_cast<emflow::ComponentId>(i));
    if (!info) continue;
    ComponentSpec spec;
    spec.name = info->name;
    spec.description = info->description;
    spec.icon = info->icon;
    spec.id = info->id;
    spec.inPorts = portsOf(info->inPorts, info->inCount);
    spec.outPorts = portsOf(info->outPorts, info->outCount);
    catalog.add(std::move(spec));
  }
  return catalog;
}

}  // namespace

const ListCatalog& libraryCatalog() {
  static const ListCatalog catalog = buildLibraryCatalog();
  return catalog;
}

}  // namespace emflow::graph
