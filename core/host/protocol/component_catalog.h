// The protocol's view of the one component catalog (host/graph/catalog.h): its naming rule
// (a name with or without a known library prefix: "Repeat", "core/Repeat" and
// "emflow/Repeat" are the same component; fbp-test asks for core/Repeat), "did you mean"
// hints and the `component:component` payloads. Holds no component data of its own.
#ifndef EMFLOW_HOST_PROTOCOL_COMPONENT_CATALOG_H
#define EMFLOW_HOST_PROTOCOL_COMPONENT_CATALOG_H

#include <string>
#include <utility>
#include <vector>

#include "host/graph/catalog.h"
#include "host/protocol/message.h"

namespace emflow::protocol {

using graph::ComponentSpec;
using graph::PortSpec;

class ComponentCatalog {
 public:
  explicit ComponentCatalog(graph::ListCatalog components) : components_(std::move(components)) {}

  // Library prefixes under which every component is also listed and found.
  static const std::vector<std::string>& prefixes();  // {"core", "emflow"}

  // The component named `name`, with or without a known prefix; nullptr if none.
  const ComponentSpec* find(const std::string& name) const;
  const std::vector<ComponentSpec>& all() const { return components_.all(); }
  // Closest component name, for "did you mean" hints; empty when nothing is close.
  std::string suggest(const std::string& name) const;

  // `component:component` payload for `spec` listed under `listedName`.
  static Json describe(const ComponentSpec& spec, const std::string& listedName);

  // The catalog of the device component library linked into this program.
  static ComponentCatalog fromLibrary() { return ComponentCatalog(graph::libraryCatalog()); }

 private:
  graph::ListCatalog components_;
};

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_COMPONENT_CATALOG_H
