#include "graph_compiler.h"

#include <cctype>
#include <cstdlib>
#include <map>

#include "components/library.h"
#include "host/firmware/iip_packets.h"
#include "host/graph/suggest.h"

namespace emflow::firmware {

CompileLimits CompileLimits::uno() {
  // The AVR defaults of core/runtime/config.h (this host build has larger ones), except for
  // initial packets: folding the board into pin IIPs makes the fridge graph need 16 (and
  // saves a node and three edges). Firmware builds size all three exactly to their graph.
  CompileLimits limits;
  limits.maxNodes = 12;
  limits.maxEdges = 16;
  limits.maxInitials = 16;
  return limits;
}

namespace {

using graph::Diagnostic;
using graph::SourceLocation;

bool isBoardComponent(const ComponentInfo& info) {
  return std::string(info.name) == "ArduinoUno";
}

const int kUnoFirstAnalogPin = 14;
const int kUnoAnalogPins = 6;

// Pin number of a board out-port: its default value if numeric ("9"), else from the name:
// "pin9" → 9, "a0".."a5" → 14..19 (the Uno's analog pins as digital pin numbers).
int boardPin(const PortInfo& port) {
  const std::string value = port.defaultValue ? port.defaultValue : "";
  if (!value.empty() && std::isdigit(static_cast<unsigned char>(value[0])))
    return std::atoi(value.c_str());
  std::string name = port.name;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.rfind("pin", 0) == 0 && name.size() > 3) return std::atoi(name.c_str() + 3);
  if (name.size() == 2 && name[0] == 'a' && std::isdigit(static_cast<unsigned char>(name[1])))
    return 14 + (name[1] - '0');
  return -1;
}

std::vector<std::string> portNames(const PortInfo* ports, uint8_t count) {
  std::vector<std::string> names;
  for (uint8_t i = 0; i < count; ++i) names.push_back(ports[i].name);
  return names;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

struct ProcessEntry {
  const ComponentInfo* info = nullptr;  // null: the process is already reported as an error
  bool board = false;
  NodeId id = kNoNode;
};

class Compiler {
 public:
  Compiler(const graph::Graph& graph, const CompileLimits& limits)
      : graph_(graph), limits_(limits) {}

  CompileResult run() {
    for (const graph::Process& p : graph_.processes) addProcess(p);
    for (const graph::Connection& c : graph_.connections) addConnection(c);
    checkLimits();
    CompileResult result;
    result.errors = errors_;
    result.notes = notes_;
    if (errors_.empty()) result.graph = out_;
    return result;
  }

 private:
  void error(const SourceLocation& where, const std::string& message) {
    errors_.push_back(Diagnostic{where, message});
  }

  void addProcess(const graph::Process& p) {
    ProcessEntry entry;
    if (!p.component || p.component->empty()) {
      error(p.location, "process '" + p.name + "' has no component");
    } else if (!(entry.info = emflow_find_component(p.component->c_str()))) {
      std::vector<std::string> names;
      for (size_t i = 0; i < emflow_component_count(); ++i)
        names.push_back(emflow_component_info(static_cast<ComponentId>(i))->name);
      std::string message = "unknown component '" + *p.component + "' for process '" + p.name + "'";
      const std::string guess = graph::nearestName(*p.component, names);
      if (!guess.empty()) message += " — did you mean " + guess + "?";
      error(p.location, message);
    } else if (isBoardComponent(*entry.info)) {
      entry.board = true;
    } else {
      entry.id = static_cast<NodeId>(out_.nodes.size() < kNoNode ? out_.nodes.size() : kNoNode);
      out_.nodes.push_back({entry.id, entry.info->id, p.name, entry.info->name});
    }
    processes_[p.name] = entry;
  }

  // Finds a process and one of its ports; reports and returns false on any problem.
  bool resolve(const graph::PortRef& ref, bool outPort, const ProcessEntry** entry, int* port,
               uint8_t* index) {
    auto found = processes_.find(ref.process);
    if (found == processes_.end()) {
      error(ref.processLocation, "unknown process '" + ref.process + "'");
      return false;
    }
    *entry = &found->second;
    const ComponentInfo* info = found->second.info;
    if (!info) return false;  // already reported
    const PortInfo* ports = outPort ? info->outPorts : info->inPorts;
    const uint8_t count = outPort ? info->outCount : info->inCount;
    *port = emflow_find_port(ports, count, ref.port.c_str());
    if (*port < 0) {
      std::string message = std::string("unknown ") + (outPort ? "out-port " : "in-port ") +
                            upper(ref.port) + " on " + ref.process + "(" + info->name + ")";
      const std::string guess = graph::nearestName(ref.port, portNames(ports, count));
      if (!guess.empty()) message += " — did you mean " + upper(guess) + "?";
      error(ref.location, message);
      return false;
    }
    *index = kNoIndex;
    if (ref.index) {
      if (!ports[*port].array) {
        error(ref.location, "port " + upper(ref.port) + " of " + ref.process + "(" + info->name +
                                ") is not an array port; remove the [index]");
        return false;
      }
      if (*ref.index < 0 || *ref.index >= kNoIndex) {
        error(ref.location, "array index of " + upper(ref.port) + " must be 0..254");
        return false;
      }
      *index = static_cast<uint8_t>(*ref.index);
    }
    return true;
  }

  void addInitial(NodeId tgt, uint8_t port, const std::vector<Packet>& packets) {
    for (const Packet& packet : packets) out_.initials.push_back({tgt, port, packet});
  }

  void addConnection(const graph::Connection& c) {
    const ProcessEntry* tgt = nullptr;
    int tgtPort = -1;
    uint8_t tgtIndex = kNoIndex;
    if (!resolve(c.tgt, false, &tgt, &tgtPort, &tgtIndex)) {
      if (c.src) resolveSourceOnly(*c.src);
      return;
    }
    const PortInfo& tgtInfo = tgt->info->inPorts[tgtPort];
    if (c.isInitial()) {
      std::vector<Packet> packets;
      std::string why;
      if (!iipToPackets(*c.data, tgtInfo.type, &packets, &why)) {
        error(c.location, "initial packet for " + upper(c.tgt.port) + " of " + c.tgt.process + "(" +
                              tgt->info->name + "): " + why);
        return;
      }
      addInitial(tgt->id, static_cast<uint8_t>(tgtPort), packets);
      return;
    }
    const ProcessEntry* src = nullptr;
    int srcPort = -1;
    uint8_t srcIndex = kNoIndex;
    if (!resolve(*c.src, true, &src, &srcPort, &srcIndex)) return;
    if (src->board) {
      int pin = boardPin(src->info->outPorts[srcPort]);
      if (pin < 0) {
        error(c.src->location, "board port " + upper(c.src->port) + " has no pin number");
        return;
      }
      // The Uno's analog pins A0..A5 are 14..19; another board has its own A0..A5.
      if (pin >= kUnoFirstAnalogPin && pin < kUnoFirstAnalogPin + kUnoAnalogPins &&
          limits_.firstAnalogPin != kUnoFirstAnalogPin) {
        const int analog = pin - kUnoFirstAnalogPin;
        pin = limits_.firstAnalogPin + analog;
        notes_.push_back(Diagnostic{c.src->location,
                                    "board(ArduinoUno) " + upper(c.src->port) + " -> " +
                                        upper(c.tgt.port) + " " + c.tgt.process + ": the Uno's A" +
                                        std::to_string(analog) + " is A" + std::to_string(analog) +
                                        " (pin " + std::to_string(pin) + ") on the target board",
                                    graph::Severity::kWarning});
      }
      addInitial(tgt->id, static_cast<uint8_t>(tgtPort), {Packet::Int(pin)});
      return;
    }
    out_.edges.push_back({src->id, static_cast<uint8_t>(srcPort), srcIndex, tgt->id,
                          static_cast<uint8_t>(tgtPort), tgtIndex});
  }

  // Reports problems on the source end even when the target end already failed.
  void resolveSourceOnly(const graph::PortRef& ref) {
    const ProcessEntry* entry;
    int port;
    uint8_t index;
    resolve(ref, true, &entry, &port, &index);
  }

  void checkLimits() {
    auto check = [&](size_t used, size_t limit, const char* what, const char* macro) {
      if (used > limit) {
        error(SourceLocation{}, "the graph needs " + std::to_string(used) + " " + what +
                                    " but the target allows " + std::to_string(limit) + " (" +
                                    macro + ")");
      }
    };
    check(out_.nodes.size(), limits_.maxNodes, "nodes", "EMFLOW_MAX_NODES");
    check(out_.edges.size(), limits_.maxEdges, "connections", "EMFLOW_MAX_EDGES");
    check(out_.initials.size(), limits_.maxInitials, "initial packets", "EMFLOW_MAX_INITIALS");
  }

  const graph::Graph& graph_;
  CompileLimits limits_;
  CompiledGraph out_;
  std::map<std::string, ProcessEntry> processes_;
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> notes_;
};

}  // namespace

CompileResult compileGraph(const graph::Graph& graph, const CompileLimits& limits) {
  return Compiler(graph, limits).run();
}

}  // namespace emflow::firmware
