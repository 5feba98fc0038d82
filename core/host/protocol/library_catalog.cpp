// ComponentCatalog::fromLibrary: the protocol's view of the device component library
// (core/components/library.h), so component:list and port checks never disagree with what
// the device network can create.
#include "components/library.h"
#include "host/protocol/component_catalog.h"

namespace emflow::protocol {

namespace {

std::vector<PortSpec> portsOf(const PortInfo* ports, uint8_t count) {
  std::vector<PortSpec> out;
  for (uint8_t i = 0; i < count; ++i) {
    PortSpec spec;
    spec.name = ports[i].name;
    spec.type = ports[i].type;
    spec.description = ports[i].description;
    spec.defaultValue = ports[i].defaultValue;
    spec.array = ports[i].array;
    out.push_back(std::move(spec));
  }
  return out;
}

}  // namespace

ComponentCatalog ComponentCatalog::fromLibrary() {
  ComponentCatalog catalog;
  for (size_t i = 0; i < emflow_component_count(); ++i) {
    const ComponentInfo* info = emflow_component_info(static_cast<ComponentId>(i));
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

}  // namespace emflow::protocol
