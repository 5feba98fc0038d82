// The components a protocol runtime offers, with everything `component:component` messages
// and port-name checks need. Built from the device component library (library_catalog.cpp),
// or by hand in tests. Names resolve with or without a library prefix: "Repeat",
// "core/Repeat" and "emflow/Repeat" are the same component (fbp-test asks for core/Repeat).
#ifndef EMFLOW_HOST_PROTOCOL_COMPONENT_CATALOG_H
#define EMFLOW_HOST_PROTOCOL_COMPONENT_CATALOG_H

#include <cstdint>
#include <string>
#include <vector>

#include "host/protocol/message.h"

namespace emflow::protocol {

struct PortSpec {
  std::string name;  // lower-case, as in graphs
  std::string type;  // FBP protocol type: "all", "bang", "boolean", "int", "number", "array"
  std::string description;
  std::string defaultValue;  // text form, empty when none
  bool array = false;
};

struct ComponentSpec {
  std::string name;  // without prefix: "HysteresisLatch"
  std::string description;
  std::string icon;
  uint8_t id = 0;  // device ComponentId
  std::vector<PortSpec> inPorts;
  std::vector<PortSpec> outPorts;

  // Port number of `name` (case-insensitive), or -1.
  int inPort(const std::string& name) const;
  int outPort(const std::string& name) const;
};

class ComponentCatalog {
 public:
  // Library prefixes under which every component is also listed and found.
  static const std::vector<std::string>& prefixes();  // {"core", "emflow"}

  void add(ComponentSpec spec) { components_.push_back(std::move(spec)); }
  // The component named `name`, with or without a known prefix; nullptr if none.
  const ComponentSpec* find(const std::string& name) const;
  const std::vector<ComponentSpec>& all() const { return components_; }
  // Closest component name, for "did you mean" hints; empty when nothing is close.
  std::string suggest(const std::string& name) const;

  // `component:component` payload for `spec` listed under `listedName`.
  static Json describe(const ComponentSpec& spec, const std::string& listedName);

  // The catalog of the device component library linked into this program.
  static ComponentCatalog fromLibrary();

 private:
  std::vector<ComponentSpec> components_;
};

}  // namespace emflow::protocol

#endif  // EMFLOW_HOST_PROTOCOL_COMPONENT_CATALOG_H
