// Each rule below mirrors the rule of the same name in node_modules/fbp/grammar/fbp.peg, in the
// same order of alternatives, because PEG choice is ordered and `fbp`'s actions (adding nodes,
// numbering anonymous ones) run as soon as a rule matches, even inside an alternative that is
// later abandoned. Keeping the structure identical keeps those effects and the reported error
// positions identical too.
#include "host/graph/fbp_parser.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "host/graph/graph_limits.h"
#include "host/graph/js_json.h"
#include "host/graph/json_grammar.h"
#include "host/graph/fbp_chars.h"
#include "host/graph/source_text.h"

namespace emflow::graph {

namespace {

using fbp_chars::isAlnum;
using fbp_chars::isAlpha;
using fbp_chars::isDigit;

std::string toLower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

// JavaScript's parseFloat on the characters node metadata allows ([a-zA-Z/=_,0-9]): a run of
// digits with an optional exponent, "Infinity", or NaN.
double jsParseFloat(const std::string& text) {
  if (text.compare(0, 8, "Infinity") == 0) return INFINITY;
  size_t end = 0;
  while (end < text.size() && isDigit(text[end])) ++end;
  if (end == 0) return NAN;
  if (end + 1 < text.size() && (text[end] == 'e' || text[end] == 'E') && isDigit(text[end + 1])) {
    end += 1;
    while (end < text.size() && isDigit(text[end])) ++end;
  }
  return std::strtod(text.substr(0, end).c_str(), nullptr);
}

// `comp.replace(/[^a-zA-Z0-9]+/, "_")`: only the FIRST run is replaced (no /g flag).
std::string anonymousBaseName(const std::string& component) {
  size_t start = 0;
  while (start < component.size() && isAlnum(component[start])) ++start;
  if (start == component.size()) return component;
  size_t end = start;
  while (end < component.size() && !isAlnum(component[end])) ++end;
  return component.substr(0, start) + "_" + component.substr(end);
}

struct PortToken {
  std::string name;
  std::optional<double> index;
  size_t offset = 0;
};

struct ComponentToken {
  std::string component;
  bool hasMeta = false;
  std::vector<std::string> meta;
};

struct NodeToken {
  std::string name;
  size_t offset = 0;
};

// One element of `fbp`'s flattened edge list before src/data parts are paired with targets.
struct EdgePart {
  enum Kind { kSource, kTarget, kData } kind = kSource;
  PortRef port;
  Json data;
  size_t offset = 0;
};

struct Parts {
  std::vector<EdgePart> parts;
  bool isArray = false;  // `fbp` registers only array results (a lone target is no edge)
};

class FbpParser : public JsonGrammar {
 public:
  FbpParser(std::string_view text, const FbpParseOptions& options)
      : JsonGrammar(text), options_(options), locator_(text) {}

  GraphResult run();

 private:
  // --- grammar rules ---
  bool line();
  void lineTerminator();
  bool newline();
  bool comment();
  bool annotation(std::string& key, std::string& value);
  bool connection(Parts& out);
  bool source(Parts& out);
  bool destination(Parts& out);
  bool bridge(Parts& out);
  bool outport(Parts& out);
  bool inport(Parts& out);
  bool iip(Parts& out);
  bool node(NodeToken& out);
  bool nodeName(NodeToken& out);
  bool nodeNameAndComponent(NodeToken& out);
  bool nodeComponent(NodeToken& out);
  bool nodeWithComponent(NodeToken& out);
  bool component(ComponentToken& out);
  bool port(PortToken& out);
  bool portSpaces(PortToken& out);  // port__
  bool spacesPort(PortToken& out);  // __port
  bool portName(std::string& out);
  bool portIndex(double& out);
  void spaces();      // _
  bool someSpaces();  // __

  // --- actions (the parser object's methods in fbp.peg) ---
  void addNode(const std::string& name, const ComponentToken& component, size_t offset);
  std::string addAnonymousNode(const ComponentToken& component, size_t offset);
  void registerAnnotation(const std::string& key, const std::string& value);
  void registerExport(std::vector<ExportedPort>& ports, const NodeToken& node,
                      std::string portNameText, std::string publicName, size_t offset);
  EdgePart makePort(EdgePart::Kind kind, const NodeToken& node, const PortToken* port);

  std::vector<Connection> processEdges();
  std::vector<Diagnostic> validateContents(const Graph& graph) const;
  SourceLocation at(size_t offset) const { return locator_.locate(offset); }

  FbpParseOptions options_;
  TextLocator locator_;
  std::string defaultInPort_ = "IN";
  std::string defaultOutPort_ = "OUT";
  std::vector<Process> processes_;
  std::unordered_map<std::string, size_t> processIndex_;
  std::map<size_t, std::string> anonymousNames_;  // by source offset of the "(Component)"
  std::map<std::string, int> anonymousCounts_;
  Json properties_;  // null until the first annotation
  size_t annotationBytes_ = 0;
  std::vector<ExportedPort> inports_;
  std::vector<ExportedPort> outports_;
  std::vector<EdgePart> edges_;
};

// ---------------------------------------------------------------- whitespace, lines, comments

void FbpParser::spaces() {
  // _ = (" "*)?
  while (literal(" ", "\" \"")) {
  }
}

bool FbpParser::someSpaces() {
  // __ = " "+
  if (!literal(" ", "\" \"")) return false;
  while (literal(" ", "\" \"")) {
  }
  return true;
}

bool FbpParser::newline() {
  // newline = [\n\r\u2028\u2029]  (one character; "\r\n" is two newlines to the grammar)
  size_t length = lineBreakAt(text_, pos_);
  if (length > 0) {
    pos_ += length;
    return true;
  }
  fail("[\\n\\r\\u2028\\u2029]");
  return false;
}

bool FbpParser::comment() {
  // comment = _ "#" (anychar)*
  size_t start = pos_;
  spaces();
  if (!literal("#", "\"#\"")) {
    pos_ = start;
    return false;
  }
  auto isBreak = [this](size_t at) { return lineBreakAt(text_, at) > 0; };
  while (negatedClass(isBreak, "[^\\n\\r\\u2028\\u2029]")) {
  }
  return true;
}

void FbpParser::lineTerminator() {
  // LineTerminator = _ ","? comment? newline?   (always matches)
  spaces();
  literal(",", "\",\"");
  comment();
  newline();
}

bool FbpParser::annotation(std::string& key, std::string& value) {
  // annotation = "#" __ "@" key:[a-zA-Z0-9\-_]+ __ value:[a-zA-Z0-9\-_ \.]+
  size_t start = pos_;
  auto keyChar = fbp_chars::isAnnotationKeyChar;
  auto valueChar = fbp_chars::isAnnotationValueChar;
  key.clear();
  value.clear();
  bool ok = literal("#", "\"#\"") && someSpaces() && literal("@", "\"@\"") &&
            asciiClass(keyChar, "[a-zA-Z0-9\\-_]", &key);
  if (ok) {
    while (asciiClass(keyChar, "[a-zA-Z0-9\\-_]", &key)) {
    }
    ok = someSpaces() && asciiClass(valueChar, "[a-zA-Z0-9\\-_ \\.]", &value);
    if (ok) {
      while (asciiClass(valueChar, "[a-zA-Z0-9\\-_ \\.]", &value)) {
      }
    }
  }
  if (!ok) pos_ = start;
  return ok;
}

bool FbpParser::line() {
  size_t start = pos_;
  NodeToken nodeToken;
  std::string portText, publicName;

  // _ "INPORT=" node "." portName ":" portName _ LineTerminator?
  // _ "OUTPORT=" ... (same shape)
  for (int exportKind = 0; exportKind < 2; ++exportKind) {
    pos_ = start;
    spaces();
    bool inport = exportKind == 0;
    if (!(inport ? literal("INPORT=", "\"INPORT=\"") : literal("OUTPORT=", "\"OUTPORT=\"")))
      continue;
    size_t nodeOffset = pos_;
    if (node(nodeToken) && literal(".", "\".\"") && portName(portText) && literal(":", "\":\"") &&
        portName(publicName)) {
      spaces();
      lineTerminator();
      registerExport(inport ? inports_ : outports_, nodeToken, portText, publicName, nodeOffset);
      return true;
    }
    if (aborted()) return false;
  }

  // _ "DEFAULT_INPORT=" name:portName _ LineTerminator?   (and DEFAULT_OUTPORT=)
  for (int defaultKind = 0; defaultKind < 2; ++defaultKind) {
    pos_ = start;
    spaces();
    bool inport = defaultKind == 0;
    if (!(inport ? literal("DEFAULT_INPORT=", "\"DEFAULT_INPORT=\"")
                 : literal("DEFAULT_OUTPORT=", "\"DEFAULT_OUTPORT=\"")))
      continue;
    std::string name;
    if (portName(name)) {
      spaces();
      lineTerminator();
      (inport ? defaultInPort_ : defaultOutPort_) = name;
      return true;
    }
  }

  // annotation newline
  pos_ = start;
  std::string key, value;
  if (annotation(key, value)) {
    if (newline()) {
      registerAnnotation(key, value);
      return true;
    }
  }

  // comment newline?
  pos_ = start;
  if (comment()) {
    newline();
    return true;
  }

  // _ newline
  pos_ = start;
  spaces();
  if (newline()) return true;

  // _ edges:connection _ LineTerminator?
  pos_ = start;
  spaces();
  Parts parts;
  if (connection(parts)) {
    spaces();
    lineTerminator();
    if (parts.isArray) edges_.insert(edges_.end(), parts.parts.begin(), parts.parts.end());
    return true;
  }
  pos_ = start;
  return false;
}

// ---------------------------------------------------------------- connections

bool FbpParser::connection(Parts& out) {
  // connection = x:source _ "->" _ y:connection / destination
  // Written as a loop (a long chain must not exhaust the stack), trying alternatives in the
  // same order the recursive rule does: when the rest of the chain fails, the previous link
  // falls back to being a destination.
  std::vector<std::pair<size_t, std::vector<EdgePart>>> links;  // start offset, source parts
  auto finish = [&](Parts& destinationParts) {
    out.parts.clear();
    for (auto& link : links)
      out.parts.insert(out.parts.end(), link.second.begin(), link.second.end());
    out.parts.insert(out.parts.end(), destinationParts.parts.begin(), destinationParts.parts.end());
    out.isArray = !links.empty() || destinationParts.isArray;
    return true;
  };
  while (true) {
    if (aborted()) return false;
    size_t start = pos_;
    Parts sourceParts;
    if (source(sourceParts)) {
      spaces();
      if (literal("->", "\"->\"")) {
        spaces();
        links.emplace_back(start, std::move(sourceParts.parts));
        continue;
      }
    }
    if (aborted()) return false;
    pos_ = start;
    Parts destinationParts;
    if (destination(destinationParts)) return finish(destinationParts);
    while (!links.empty()) {
      pos_ = links.back().first;
      links.pop_back();
      if (destination(destinationParts)) return finish(destinationParts);
    }
    pos_ = start;
    return false;
  }
}

bool FbpParser::source(Parts& out) {
  // source = bridge / outport / iip
  return bridge(out) || outport(out) || (!aborted() && iip(out));
}

bool FbpParser::destination(Parts& out) {
  // destination = inport / bridge
  return inport(out) || bridge(out);
}

bool FbpParser::bridge(Parts& out) {
  size_t start = pos_;
  PortToken in, outPort;
  NodeToken proc;
  // x:port__ proc:node y:__port
  if (portSpaces(in) && node(proc) && spacesPort(outPort)) {
    out.parts = {makePort(EdgePart::kTarget, proc, &in),
                 makePort(EdgePart::kSource, proc, &outPort)};
    out.isArray = true;
    return true;
  }
  // x:(port__)? proc:nodeWithComponent y:(__port)?
  pos_ = start;
  in = PortToken();
  outPort = PortToken();
  bool hasIn = portSpaces(in);
  if (nodeWithComponent(proc)) {
    bool hasOut = spacesPort(outPort);
    out.parts = {makePort(EdgePart::kTarget, proc, hasIn ? &in : nullptr),
                 makePort(EdgePart::kSource, proc, hasOut ? &outPort : nullptr)};
    out.isArray = true;
    return true;
  }
  pos_ = start;
  return false;
}

bool FbpParser::outport(Parts& out) {
  // outport = proc:node port:(__port)?
  size_t start = pos_;
  NodeToken proc;
  if (!node(proc)) {
    pos_ = start;
    return false;
  }
  PortToken portToken;
  bool hasPort = spacesPort(portToken);
  out.parts = {makePort(EdgePart::kSource, proc, hasPort ? &portToken : nullptr)};
  out.isArray = false;
  return true;
}

bool FbpParser::inport(Parts& out) {
  // inport = port:(port__)? proc:node
  size_t start = pos_;
  PortToken portToken;
  bool hasPort = portSpaces(portToken);
  NodeToken proc;
  if (!node(proc)) {
    pos_ = start;
    return false;
  }
  out.parts = {makePort(EdgePart::kTarget, proc, hasPort ? &portToken : nullptr)};
  out.isArray = false;
  return true;
}

bool FbpParser::iip(Parts& out) {
  size_t start = pos_;
  EdgePart part;
  part.kind = EdgePart::kData;
  part.offset = start;
  // "'" iip:(iipchar)* "'"    with iipchar = [\\]['] { return "'" } / [^']
  if (literal("'", "\"'\"")) {
    std::string data;
    auto isQuote = [this](size_t at) { return text_[at] == '\''; };
    while (true) {
      size_t before = pos_;
      if (asciiClass([](char c) { return c == '\\'; }, "[\\\\]") &&
          asciiClass([](char c) { return c == '\''; }, "[']")) {
        data += '\'';
        continue;
      }
      pos_ = before;
      if (!negatedClass(isQuote, "[^']", &data)) break;
    }
    if (literal("'", "\"'\"")) {
      part.data = std::move(data);
      out.parts = {std::move(part)};
      out.isArray = false;
      return true;
    }
    pos_ = start;
  }
  // iip:JSON_text
  Json value;
  if (jsonText(value, nullptr)) {
    part.data = std::move(value);
    out.parts = {std::move(part)};
    out.isArray = false;
    return true;
  }
  pos_ = start;
  return false;
}

// ---------------------------------------------------------------- nodes and components

bool FbpParser::node(NodeToken& out) {
  // node = nodeNameAndComponent / nodeName / nodeComponent
  return nodeNameAndComponent(out) || nodeName(out) || nodeComponent(out);
}

bool FbpParser::nodeName(NodeToken& out) {
  // nodeName = [a-zA-Z_][a-zA-Z0-9_\-]*
  size_t start = pos_;
  std::string name;
  if (!asciiClass(fbp_chars::isNodeNameStart, "[a-zA-Z_]", &name)) return false;
  while (asciiClass(fbp_chars::isNodeNameChar, "[a-zA-Z0-9_\\-]", &name)) {
  }
  out.name = std::move(name);
  out.offset = start;
  return true;
}

bool FbpParser::nodeNameAndComponent(NodeToken& out) {
  size_t start = pos_;
  NodeToken name;
  ComponentToken componentToken;
  if (nodeName(name) && component(componentToken)) {
    addNode(name.name, componentToken, start);
    out = name;
    return true;
  }
  pos_ = start;
  return false;
}

bool FbpParser::nodeComponent(NodeToken& out) {
  size_t start = pos_;
  ComponentToken componentToken;
  if (!component(componentToken)) return false;
  out.name = addAnonymousNode(componentToken, start);
  out.offset = start;
  return true;
}

bool FbpParser::nodeWithComponent(NodeToken& out) {
  return nodeNameAndComponent(out) || nodeComponent(out);
}

bool FbpParser::component(ComponentToken& out) {
  // component = "(" comp:([a-zA-Z/\-0-9_]*)? meta:compMeta? ")"
  // compMeta = ":" meta:[a-zA-Z/=_,0-9]+
  size_t start = pos_;
  if (!literal("(", "\"(\"")) return false;
  out = ComponentToken();
  while (asciiClass(fbp_chars::isComponentChar, "[a-zA-Z/\\-0-9_]", &out.component)) {
  }
  size_t beforeMeta = pos_;
  auto metaChar = [](char c) { return isAlnum(c) || c == '/' || c == '=' || c == '_' || c == ','; };
  std::string meta;
  if (literal(":", "\":\"") && asciiClass(metaChar, "[a-zA-Z/=_,0-9]", &meta)) {
    while (asciiClass(metaChar, "[a-zA-Z/=_,0-9]", &meta)) {
    }
    out.hasMeta = true;
    out.meta = split(meta, ',');
  } else {
    pos_ = beforeMeta;
  }
  if (!literal(")", "\")\"")) {
    pos_ = start;
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- ports

bool FbpParser::portName(std::string& out) {
  // portName = [a-zA-Z_][a-zA-Z.0-9_]*
  out.clear();
  if (!asciiClass(fbp_chars::isPortNameStart, "[a-zA-Z_]", &out)) return false;
  while (asciiClass(fbp_chars::isPortNameChar, "[a-zA-Z.0-9_]", &out)) {
  }
  return true;
}

bool FbpParser::portIndex(double& out) {
  // portIndex = "[" [0-9]+ "]"   (parseInt of the digits)
  size_t start = pos_;
  std::string digits;
  if (literal("[", "\"[\"") && asciiClass(isDigit, "[0-9]", &digits)) {
    while (asciiClass(isDigit, "[0-9]", &digits)) {
    }
    if (literal("]", "\"]\"")) {
      out = std::strtod(digits.c_str(), nullptr);
      return true;
    }
  }
  pos_ = start;
  return false;
}

bool FbpParser::port(PortToken& out) {
  // port = portname:portName portindex:(portIndex)?
  size_t start = pos_;
  std::string name;
  if (!portName(name)) return false;
  out.name = options_.caseSensitive ? name : toLower(name);
  out.offset = start;
  double index = 0;
  if (portIndex(index))
    out.index = index;
  else
    out.index.reset();
  return true;
}

bool FbpParser::portSpaces(PortToken& out) {
  size_t start = pos_;
  if (port(out) && someSpaces()) return true;
  pos_ = start;
  return false;
}

bool FbpParser::spacesPort(PortToken& out) {
  size_t start = pos_;
  if (someSpaces() && port(out)) return true;
  pos_ = start;
  return false;
}

// ---------------------------------------------------------------- actions

void FbpParser::addNode(const std::string& name, const ComponentToken& componentToken,
                        size_t offset) {
  auto found = processIndex_.find(name);
  if (found == processIndex_.end()) {
    Process process;
    process.name = name;
    process.location = at(offset);
    found = processIndex_.emplace(name, processes_.size()).first;
    processes_.push_back(std::move(process));
  }
  Process& process = processes_[found->second];
  if (!componentToken.component.empty()) {
    if (!process.component && !process.metadata.is_null()) process.metadataBeforeComponent = true;
    process.component = componentToken.component;
    process.location = at(offset);
  }
  if (componentToken.hasMeta) {
    // Each key is set through ordered_json's linear search: stop a hostile 16 MiB metadata
    // list before it turns quadratic (the cap of graph_limits.h, checked here early).
    size_t bytes = 0;
    for (const std::string& item : componentToken.meta) bytes += item.size() + 1;
    if (bytes > kMaxMetadataBytes) {
      abort("metadata of node " + name + " is more than " + std::to_string(kMaxMetadataBytes) +
            " bytes (the limit)");
      return;
    }
    Json metadata = Json::object();
    for (const std::string& item : componentToken.meta) {
      std::vector<std::string> pair = split(item, '=');
      std::string key = pair.size() == 1 ? "routes" : pair[0];
      std::string value = pair.size() == 1 ? pair[0] : pair[1];
      if (key == "x" || key == "y")
        metadata[key] = jsParseFloat(value);
      else
        metadata[key] = value;
    }
    process.metadata = std::move(metadata);
  }
}

std::string FbpParser::addAnonymousNode(const ComponentToken& componentToken, size_t offset) {
  auto found = anonymousNames_.find(offset);
  if (found != anonymousNames_.end()) return found->second;
  std::string base = anonymousBaseName(componentToken.component);
  int number = ++anonymousCounts_[base];
  std::string name = "_" + base + "_" + std::to_string(number);
  anonymousNames_.emplace(offset, name);
  addNode(name, componentToken, offset);
  return name;
}

void FbpParser::registerAnnotation(const std::string& key, const std::string& value) {
  // As for node metadata: many annotation lines would make the key lookups quadratic.
  annotationBytes_ += key.size() + value.size();
  if (annotationBytes_ > kMaxMetadataBytes) {
    abort("the graph's annotations are more than " + std::to_string(kMaxMetadataBytes) +
          " bytes (the limit)");
    return;
  }
  if (properties_.is_null()) properties_ = Json::object();
  if (key == "runtime") {
    properties_["environment"] = Json::object({{"type", value}});
    return;
  }
  properties_[key] = value;
}

void FbpParser::registerExport(std::vector<ExportedPort>& ports, const NodeToken& node,
                               std::string portNameText, std::string publicName, size_t offset) {
  if (!options_.caseSensitive) {
    publicName = toLower(publicName);
    portNameText = toLower(portNameText);
  }
  ExportedPort exported{publicName, node.name, portNameText, Json(), at(offset)};
  for (ExportedPort& existing : ports) {
    if (existing.name == publicName) {  // a JavaScript object key: keeps its first position
      existing = std::move(exported);
      return;
    }
  }
  ports.push_back(std::move(exported));
}

EdgePart FbpParser::makePort(EdgePart::Kind kind, const NodeToken& node, const PortToken* port) {
  EdgePart part;
  part.kind = kind;
  part.offset = port ? port->offset : node.offset;
  part.port.process = node.name;
  if (port) {
    part.port.port = port->name;
    part.port.index = port->index;
  } else {
    const std::string& fallback = kind == EdgePart::kTarget ? defaultInPort_ : defaultOutPort_;
    part.port.port = options_.caseSensitive ? fallback : toLower(fallback);
  }
  part.port.location = at(part.offset);
  part.port.processLocation = at(node.offset);
  return part;
}

std::vector<Connection> FbpParser::processEdges() {
  // Pairs each source/IIP with the target that follows it; a target that opens a line's chain
  // (the in-port of a leading bridge like "IN a(A) OUT -> ...") has no source and is skipped.
  std::vector<Connection> connections;
  for (size_t i = 1; i < edges_.size(); ++i) {
    const EdgePart& first = edges_[i - 1];
    const EdgePart& second = edges_[i];
    if (first.kind != EdgePart::kTarget && second.kind == EdgePart::kTarget) {
      Connection connection;
      if (first.kind == EdgePart::kData)
        connection.data = first.data;
      else
        connection.src = first.port;
      connection.tgt = second.port;
      connection.location = at(first.offset);
      connections.push_back(std::move(connection));
      ++i;
    }
  }
  return connections;
}

// How JavaScript's string concatenation shows an IIP value in fbp's error message.
std::string dataAsText(const Json& data) {
  if (data.is_string()) return data.get<std::string>();
  if (data.is_object()) return "[object Object]";
  if (data.is_array()) {
    std::string text;
    for (size_t i = 0; i < data.size(); ++i) text += (i ? "," : "") + dataAsText(data[i]);
    return text;
  }
  if (data.is_number()) return formatJsNumber(data.get<double>());
  return stringifyJs(data, 0);
}

bool isTruthy(const Json& data) {
  if (data.is_null()) return false;
  if (data.is_boolean()) return data.get<bool>();
  if (data.is_string()) return !data.get_ref<const std::string&>().empty();
  if (data.is_number()) {
    double number = data.get<double>();
    return number != 0 && !std::isnan(number);
  }
  return true;
}

std::vector<Diagnostic> FbpParser::validateContents(const Graph& graph) const {
  std::vector<Diagnostic> errors;
  auto isDefined = [this](const std::string& name) { return processIndex_.count(name) > 0; };
  for (const Process& process : graph.processes)
    if (!process.component || process.component->empty())
      errors.push_back(
          {process.location, "Node \"" + process.name + "\" does not have a component defined"});
  for (const ExportedPort& port : graph.inports)
    if (!isDefined(port.process))
      errors.push_back({port.location, "Inport \"" + port.name +
                                           "\" is connected to an undefined target node \"" +
                                           port.process + "\""});
  for (const ExportedPort& port : graph.outports)
    if (!isDefined(port.process))
      errors.push_back({port.location, "Outport \"" + port.name +
                                           "\" is connected to an undefined source node \"" +
                                           port.process + "\""});
  for (const Connection& edge : graph.connections) {
    if (!isDefined(edge.tgt.process)) {
      std::string message;
      if (edge.data && isTruthy(*edge.data))
        message = "IIP containing \"" + dataAsText(*edge.data) + "\"";
      else if (edge.src)
        message = "Edge from \"" + edge.src->process + "\" port \"" + edge.src->port + "\"";
      else
        message = "IIP";
      errors.push_back(
          {edge.tgt.processLocation,
           message + " is connected to an undefined target node \"" + edge.tgt.process + "\""});
    }
    if (edge.src && !isDefined(edge.src->process))
      errors.push_back({edge.src->processLocation,
                        "Edge to \"" + edge.tgt.process + "\" port \"" + edge.tgt.port +
                            "\" is connected to an undefined source node \"" + edge.src->process +
                            "\""});
  }
  return errors;
}

GraphResult FbpParser::run() {
  GraphResult result;
  // start = (line)*, and then the whole input must have been consumed
  while (line()) {
  }
  if (aborted()) {
    result.errors.push_back(abortError());
    return result;
  }
  if (!atEnd()) {
    expectEnd();
    result.errors.push_back(syntaxError());
    return result;
  }
  Graph graph;
  graph.properties = properties_;
  graph.inports = inports_;
  graph.outports = outports_;
  graph.processes = processes_;
  graph.connections = processEdges();
  graph.caseSensitive = options_.caseSensitive;
  if (options_.validateContents) result.errors = validateContents(graph);
  if (result.errors.empty()) result.graph = std::move(graph);
  return result;
}

}  // namespace

GraphResult parseFbp(std::string_view source, const FbpParseOptions& options) {
  if (std::optional<Diagnostic> tooLarge = checkSourceSize(source)) {
    GraphResult result;
    result.errors.push_back(*tooLarge);
    return result;
  }
  std::string text = sanitizeUtf8(source);
  FbpParser parser(text, options);
  GraphResult result = parser.run();
  if (result.ok()) {
    result.errors = checkGraphLimits(*result.graph);
    if (!result.errors.empty()) result.graph.reset();
  }
  return result;
}

}  // namespace emflow::graph
