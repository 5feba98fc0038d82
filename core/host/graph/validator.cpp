#include "host/graph/validator.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "host/graph/js_json.h"
#include "host/graph/suggest.h"

namespace emflow::graph {

namespace {

std::string upper(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

bool isNumeric(const std::string& type) {
  return type == "int" || type == "number";
}

class Validator {
 public:
  Validator(const Graph& graph, const Catalog& catalog) : graph_(graph), catalog_(catalog) {}
  std::vector<Diagnostic> run();

 private:
  enum class Direction { kIn, kOut };
  struct Node {
    const Process* process = nullptr;
    const ComponentSpec* component = nullptr;  // null when unknown
  };

  // `node` names the node the problem is about, so the app can select it from the list.
  void report(const SourceLocation& where, std::string message, const std::string& suggestion,
              const std::string& node = "", Severity severity = Severity::kError) {
    message += " at " + formatLocation(where);
    if (!suggestion.empty()) message += " — did you mean " + suggestion + "?";
    errors_.push_back({where, std::move(message), severity, node});
  }
  // How ports are shown: upper case in case-insensitive graphs, as .fbp files write them.
  std::string showPort(const std::string& name) const {
    return graph_.caseSensitive ? name : upper(name);
  }
  std::string showNode(const Node& node) const {
    return node.process->name + "(" + node.process->component.value_or("") + ")";
  }
  std::vector<std::string> portNames(const std::vector<PortSpec>& ports) const {
    std::vector<std::string> names;
    for (const PortSpec& port : ports) names.push_back(showPort(port.name));
    return names;
  }

  void checkProcesses();
  const Node* node(const std::string& name, const SourceLocation& where);
  const PortSpec* port(const Node& node, const std::string& name, std::optional<double> index,
                       Direction direction, const SourceLocation& where, bool initial);
  void checkConnections();
  void checkInitialType(const Node& node, const PortSpec& spec, const Json& data,
                        const SourceLocation& where);
  void checkExports();
  void checkRequiredPorts();
  void checkUnconnectedOutputs();

  const Graph& graph_;
  const Catalog& catalog_;
  std::map<std::string, Node> nodes_;
  static constexpr int kMaxNodeSuggestions = 20;
  int unknownNodes_ = 0;
  std::vector<std::string> nodeNames_;  // for suggestions, filled on the first unknown node
  std::vector<Diagnostic> errors_;
  // (process, port) pairs that something feeds: edges, IIPs, graph inports.
  std::set<std::pair<std::string, std::string>> fedInPorts_;
  // (process, port) pairs that send somewhere: edges and graph outports.
  std::set<std::pair<std::string, std::string>> usedOutPorts_;
};

void Validator::checkProcesses() {
  std::vector<std::string> componentNames = catalog_.componentNames();
  for (const Process& process : graph_.processes) {
    Node entry{&process, nullptr};
    if (!process.component || process.component->empty()) {
      report(process.location, "node " + process.name + " has no component", "", process.name);
    } else {
      entry.component = catalog_.resolve(*process.component);
      if (!entry.component) {
        std::string wanted = *process.component;
        size_t slash = wanted.rfind('/');
        std::string bare = slash == std::string::npos ? wanted : wanted.substr(slash + 1);
        report(process.location, "unknown component " + wanted + " for node " + process.name,
               nearestName(bare, componentNames), process.name);
      }
    }
    nodes_[process.name] = entry;
  }
}

const Validator::Node* Validator::node(const std::string& name, const SourceLocation& where) {
  auto found = nodes_.find(name);
  if (found != nodes_.end()) return &found->second;
  // A suggestion compares against every node name: give one for the first few unknown nodes
  // only, so a hostile graph with 100k of them stays linear.
  std::string suggestion;
  if (++unknownNodes_ <= kMaxNodeSuggestions) {
    if (nodeNames_.empty())
      for (const Process& process : graph_.processes) nodeNames_.push_back(process.name);
    suggestion = nearestName(name, nodeNames_);
  }
  report(where, "unknown node " + name, suggestion);
  return nullptr;
}

const PortSpec* Validator::port(const Node& node, const std::string& name,
                                std::optional<double> index, Direction direction,
                                const SourceLocation& where, bool initial) {
  if (!node.component) return nullptr;  // already reported as an unknown component
  const ComponentSpec& component = *node.component;
  bool wantIn = direction == Direction::kIn;
  const PortSpec* spec = wantIn ? component.findInPort(name) : component.findOutPort(name);
  if (!spec) {
    const PortSpec* other = wantIn ? component.findOutPort(name) : component.findInPort(name);
    if (other && initial) {
      report(where,
             "IIP sent to out-port " + showPort(name) + " of " + showNode(node) +
                 " (initial packets go to in-ports)",
             "", node.process->name);
    } else if (other) {
      report(where,
             std::string(wantIn ? "out-port " : "in-port ") + showPort(name) + " of " +
                 showNode(node) + " used as " +
                 (wantIn ? "a connection target" : "a connection source"),
             "", node.process->name);
    } else {
      report(
          where, "unknown port " + showPort(name) + " on " + showNode(node),
          nearestName(showPort(name), portNames(wantIn ? component.inPorts : component.outPorts)),
          node.process->name);
    }
    return nullptr;
  }
  if (index && !spec->array)
    report(where,
           "port " + showPort(spec->name) + " of " + showNode(node) +
               " is not an array port, so it takes no index [" + formatJsNumber(*index) + "]",
           "", node.process->name);
  return spec;
}

void Validator::checkInitialType(const Node& node, const PortSpec& spec, const Json& data,
                                 const SourceLocation& where) {
  // .fbp IIPs are usually strings that the runtime converts; check that the conversion can
  // work for the simple types.
  const std::string& type = spec.type;
  std::string problem;
  if (isNumeric(type)) {
    if (data.is_string()) {
      const std::string& text = data.get_ref<const std::string&>();
      char* end = nullptr;
      const double value = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0')
        problem = "is not a number";
      else if (!std::isfinite(value))  // "nan", "inf", "1e999": the compiler refuses them too
        problem = "is not a finite number";
    } else if (!data.is_number()) {
      problem = "is not a number";
    }
  } else if (type == "boolean") {
    if (data.is_string()) {
      const std::string& text = data.get_ref<const std::string&>();
      if (text != "true" && text != "false" && text != "1" && text != "0")
        problem = "is not a boolean (true, false, 1 or 0)";
    } else if (!data.is_boolean() && !data.is_number()) {
      problem = "is not a boolean";
    }
  }
  if (!problem.empty())
    report(
        where,
        "IIP " + (data.is_string() ? "'" + data.get<std::string>() + "'" : stringifyJs(data, 0)) +
            " " + problem + " for " + showPort(spec.name) + " (" + type + ") of " + showNode(node),
        "", node.process->name);
}

void Validator::checkConnections() {
  // Same edge twice, and one element of an array in-port fed by two edges, are errors.
  std::map<std::tuple<std::string, std::string, double, std::string, std::string, double>,
           SourceLocation>
      seenEdges;
  std::map<std::tuple<std::string, std::string, double>, SourceLocation> arrayElements;
  std::map<std::pair<std::string, std::string>, int> connectionCounts;
  for (const Connection& connection : graph_.connections) {
    const PortRef& tgt = connection.tgt;
    const Node* target = node(tgt.process, tgt.processLocation);
    const PortSpec* targetPort = nullptr;
    if (target)
      targetPort =
          port(*target, tgt.port, tgt.index, Direction::kIn, tgt.location, connection.isInitial());
    if (target && targetPort) fedInPorts_.insert({tgt.process, targetPort->name});

    if (connection.isInitial()) {
      if (target && targetPort)
        checkInitialType(*target, *targetPort, *connection.data, connection.location);
      continue;
    }
    const PortRef& src = *connection.src;
    const Node* source = node(src.process, src.processLocation);
    const PortSpec* sourcePort = nullptr;
    if (source)
      sourcePort = port(*source, src.port, src.index, Direction::kOut, src.location, false);
    if (source && sourcePort) usedOutPorts_.insert({src.process, sourcePort->name});

    auto edgeKey = std::make_tuple(src.process, src.port, src.index.value_or(-1), tgt.process,
                                   tgt.port, tgt.index.value_or(-1));
    auto seen = seenEdges.find(edgeKey);
    if (seen != seenEdges.end()) {
      report(connection.location,
             "connection " + src.process + " " + showPort(src.port) + " -> " + showPort(tgt.port) +
                 " " + tgt.process + " is made twice (first at " + formatLocation(seen->second) +
                 ")",
             "", tgt.process);
      continue;
    }
    seenEdges.emplace(edgeKey, connection.location);

    if (targetPort && targetPort->array && tgt.index) {
      auto elementKey = std::make_tuple(tgt.process, targetPort->name, *tgt.index);
      auto element = arrayElements.find(elementKey);
      if (element != arrayElements.end())
        report(tgt.location,
               "array port element " + showPort(targetPort->name) + "[" +
                   formatJsNumber(*tgt.index) + "] of " + showNode(*target) +
                   " is already connected (at " + formatLocation(element->second) + ")",
               "", tgt.process);
      else
        arrayElements.emplace(elementKey, tgt.location);
    }
    for (auto end : {std::make_pair(source, sourcePort), std::make_pair(target, targetPort)}) {
      if (!end.first || !end.second || end.second->maxConnections <= 0) continue;
      int count = ++connectionCounts[{end.first->process->name, end.second->name}];
      if (count == end.second->maxConnections + 1)
        report(connection.location,
               "port " + showPort(end.second->name) + " of " + showNode(*end.first) +
                   " is connected more than " + std::to_string(end.second->maxConnections) +
                   (end.second->maxConnections == 1 ? " time" : " times"),
               "", end.first->process->name);
    }
    if (sourcePort && targetPort && !typesCompatible(sourcePort->type, targetPort->type))
      report(connection.location,
             "type mismatch: " + showNode(*source) + " " + showPort(sourcePort->name) + " sends " +
                 sourcePort->type + " but " + showNode(*target) + " " + showPort(targetPort->name) +
                 " takes " + targetPort->type,
             "", tgt.process);
  }
}

void Validator::checkExports() {
  for (int kind = 0; kind < 2; ++kind) {
    bool inports = kind == 0;
    for (const ExportedPort& exported : inports ? graph_.inports : graph_.outports) {
      const Node* target = node(exported.process, exported.location);
      if (!target) continue;
      const PortSpec* spec =
          port(*target, exported.port, std::nullopt, inports ? Direction::kIn : Direction::kOut,
               exported.location, false);
      if (inports && spec) fedInPorts_.insert({exported.process, spec->name});
      if (!inports && spec) usedOutPorts_.insert({exported.process, spec->name});
    }
  }
}

void Validator::checkRequiredPorts() {
  for (const Process& process : graph_.processes) {
    const Node& entry = nodes_[process.name];
    if (!entry.component) continue;
    for (const PortSpec& spec : entry.component->inPorts)
      if (spec.required && !fedInPorts_.count({process.name, spec.name}))
        report(process.location,
               "required in-port " + showPort(spec.name) + " of " + showNode(entry) +
                   " is not connected (give it an initial value or an edge)",
               "", process.name);
  }
}

void Validator::checkUnconnectedOutputs() {
  // The runtime counts every packet sent on an out-port without a connection as an error, so
  // say so before the run. A warning, not an error: the graph still runs. Ports that send only
  // when connected (a board's pin map) are optional and never warned about.
  for (const Process& process : graph_.processes) {
    const Node& entry = nodes_[process.name];
    if (!entry.component) continue;
    for (const PortSpec& spec : entry.component->outPorts)
      if (!spec.optional && !usedOutPorts_.count({process.name, spec.name}))
        report(process.location,
               "out-port " + showPort(spec.name) + " of " + showNode(entry) +
                   " is not connected: its packets are dropped and counted as errors (connect "
                   "it to a Drop node)",
               "", process.name, Severity::kWarning);
  }
}

std::vector<Diagnostic> Validator::run() {
  checkProcesses();
  checkExports();
  checkConnections();
  checkRequiredPorts();
  checkUnconnectedOutputs();
  return std::move(errors_);
}

}  // namespace

bool typesCompatible(const std::string& sent, const std::string& accepted) {
  if (sent.empty() || accepted.empty() || sent == "all" || accepted == "all") return true;
  if (accepted == "bang") return true;  // any packet triggers a bang port
  if (sent == accepted) return true;
  return isNumeric(sent) && isNumeric(accepted);
}

std::vector<Diagnostic> validateGraph(const Graph& graph, const Catalog& catalog) {
  std::vector<Diagnostic> errors = Validator(graph, catalog).run();
  std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::make_pair(a.location.line, a.location.column) <
           std::make_pair(b.location.line, b.location.column);
  });
  return errors;
}

}  // namespace emflow::graph
