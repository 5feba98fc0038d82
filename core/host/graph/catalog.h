// The one host-side component catalog: what validation, compile hints and the FBP protocol
// (component:list, port checks) know about components: ports, directions, types, limits,
// descriptions. An interface so that tests can build a catalog by hand; library_catalog.cpp
// adapts the device component library (core/components/library.h) to it.
#ifndef EMFLOW_HOST_GRAPH_CATALOG_H
#define EMFLOW_HOST_GRAPH_CATALOG_H

#include <cstdint>
#include <string>
#include <vector>

namespace emflow::graph {

struct PortSpec {
  std::string name;  // as the library spells it; matched case-insensitively
  // FBP protocol type: "all", "bang", "boolean", "int", "number", "string", "array", ...
  // Empty or "all" means any packet.
  std::string type;
  bool array = false;      // connections carry an index: IN[0]
  bool required = false;   // must be connected (by an edge, an IIP or a graph export)
  bool optional = false;   // out-port that sends only when connected: never warned about
  int maxConnections = 0;  // 0: unlimited
  std::string description;
  std::string defaultValue;  // text form, empty when none
};

struct ComponentSpec {
  std::string name;  // without library prefix: "ReadDallasTemperature"
  std::vector<PortSpec> inPorts;
  std::vector<PortSpec> outPorts;
  std::string description;
  std::string icon;
  uint8_t id = 0;  // device ComponentId (library components only)

  const PortSpec* findInPort(const std::string& name) const;   // case-insensitive
  const PortSpec* findOutPort(const std::string& name) const;  // case-insensitive
  // Port number of `name` (case-insensitive) as the device network counts them, or -1.
  int inPortNumber(const std::string& name) const;
  int outPortNumber(const std::string& name) const;
};

class Catalog {
 public:
  virtual ~Catalog() = default;
  // The component named exactly `name`; library prefixes are handled by resolve().
  virtual const ComponentSpec* findExact(const std::string& name) const = 0;
  virtual std::vector<std::string> componentNames() const = 0;

  // `name` as written in a graph, with or without a library prefix: "Repeat",
  // "core/Repeat" and "anything/Repeat" all resolve to Repeat (exact name first).
  const ComponentSpec* resolve(const std::string& name) const;
};

// A catalog held in memory (tests, tools).
class ListCatalog : public Catalog {
 public:
  ListCatalog() = default;
  explicit ListCatalog(std::vector<ComponentSpec> components)
      : components_(std::move(components)) {}
  void add(ComponentSpec component) { components_.push_back(std::move(component)); }
  const ComponentSpec* findExact(const std::string& name) const override;
  std::vector<std::string> componentNames() const override;
  const std::vector<ComponentSpec>& all() const { return components_; }

 private:
  std::vector<ComponentSpec> components_;
};

// The device component library (core/components/library.h) as a catalog.
const ListCatalog& libraryCatalog();

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_CATALOG_H
