#include "host/graph/graph_json.h"

#include <cmath>
#include <iterator>
#include <unordered_map>

#include "host/graph/graph_limits.h"
#include "host/graph/js_json.h"
#include "host/graph/json_grammar.h"
#include "host/graph/source_text.h"

namespace emflow::graph {

namespace {

Json portToJson(const PortRef& port) {
  Json out = Json::object();
  out["process"] = port.process;
  out["port"] = port.port;
  if (port.index) out["index"] = *port.index;
  return out;
}

// Builds a JSON object key by key in constant time per key. ordered_json's own operator[]
// searches the member vector linearly, which made writing a 100k-node graph quadratic.
class ObjectBuilder {
 public:
  void set(const std::string& key, Json value) {
    Json::object_t& members = object_.get_ref<Json::object_t&>();
    auto [found, fresh] = index_.emplace(key, members.size());
    if (fresh)
      members.emplace_back(key, std::move(value));
    else  // a repeated name: the last value wins, as with operator[]
      std::next(members.begin(), static_cast<std::ptrdiff_t>(found->second))->second =
          std::move(value);
  }
  Json take() { return std::move(object_); }

 private:
  Json object_ = Json::object();
  std::unordered_map<std::string, size_t> index_;
};

Json exportsToJson(const std::vector<ExportedPort>& ports) {
  ObjectBuilder out;
  for (const ExportedPort& port : ports) {
    Json entry = Json::object();
    entry["process"] = port.process;
    entry["port"] = port.port;
    if (!port.metadata.is_null()) entry["metadata"] = port.metadata;
    out.set(port.name, std::move(entry));
  }
  return out.take();
}

// Reads one JSON graph document, collecting every structural problem it finds.
class JsonGraphReader {
 public:
  JsonGraphReader(const Json& root, const JsonLocations& locations, const TextLocator& locator)
      : root_(root), rootLocations_(locations), locator_(locator) {}

  GraphResult read();

 private:
  SourceLocation at(const JsonLocations* where) const {
    return where ? locator_.locate(where->offset) : SourceLocation{};
  }
  void error(const JsonLocations* where, const std::string& message) {
    errors_.push_back({at(where), message});
  }
  bool expectObject(const Json& value, const JsonLocations* where, const std::string& path);
  bool readString(const Json& parent, const JsonLocations* where, const char* key,
                  const std::string& path, std::string& out, bool required);
  void readMetadata(const Json& parent, const JsonLocations* where, const std::string& path,
                    Json& out);
  bool readPortRef(const Json& value, const JsonLocations* where, const std::string& path,
                   PortRef& out);
  void readExports(const char* key, std::vector<ExportedPort>& out);
  void readGroups(Graph& graph);
  void readProcesses(Graph& graph);
  void readConnections(Graph& graph);

  const Json& root_;
  const JsonLocations& rootLocations_;
  const TextLocator& locator_;
  std::vector<Diagnostic> errors_;
};

const JsonLocations* memberOf(const JsonLocations* where, const std::string& key) {
  return where ? where->member(key) : nullptr;
}

bool JsonGraphReader::expectObject(const Json& value, const JsonLocations* where,
                                   const std::string& path) {
  if (value.is_object()) return true;
  error(where, path + " must be an object");
  return false;
}

bool JsonGraphReader::readString(const Json& parent, const JsonLocations* where, const char* key,
                                 const std::string& path, std::string& out, bool required) {
  auto found = parent.find(key);
  if (found == parent.end()) {
    if (required) error(where, path + " has no \"" + key + "\"");
    return false;
  }
  if (!found->is_string()) {
    error(memberOf(where, key), path + "." + key + " must be a string");
    return false;
  }
  out = found->get<std::string>();
  return true;
}

void JsonGraphReader::readMetadata(const Json& parent, const JsonLocations* where,
                                   const std::string& path, Json& out) {
  auto found = parent.find("metadata");
  if (found == parent.end()) return;
  if (found->is_null()) return;
  if (!found->is_object()) {
    error(memberOf(where, "metadata"), path + ".metadata must be an object");
    return;
  }
  out = *found;
}

bool JsonGraphReader::readPortRef(const Json& value, const JsonLocations* where,
                                  const std::string& path, PortRef& out) {
  if (!expectObject(value, where, path)) return false;
  bool ok = readString(value, where, "process", path, out.process, true);
  ok = readString(value, where, "port", path, out.port, true) && ok;
  auto index = value.find("index");
  if (index != value.end() && !index->is_null()) {
    double number = index->is_number() ? index->get<double>() : -1;
    if (!index->is_number() || number < 0 || std::floor(number) != number) {
      error(memberOf(where, "index"), path + ".index must be a non-negative integer");
      ok = false;
    } else {
      out.index = number;
    }
  }
  out.processLocation = at(memberOf(where, "process") ? memberOf(where, "process") : where);
  out.location = at(memberOf(where, "port") ? memberOf(where, "port") : where);
  return ok;
}

void JsonGraphReader::readExports(const char* key, std::vector<ExportedPort>& out) {
  auto found = root_.find(key);
  if (found == root_.end()) return;
  const JsonLocations* where = rootLocations_.member(key);
  if (!expectObject(*found, where, key)) return;
  for (auto it = found->begin(); it != found->end(); ++it) {
    const JsonLocations* entryWhere = memberOf(where, it.key());
    std::string path = std::string(key) + "." + it.key();
    if (!expectObject(it.value(), entryWhere, path)) continue;
    ExportedPort port;
    port.name = it.key();
    bool ok = readString(it.value(), entryWhere, "process", path, port.process, true);
    ok = readString(it.value(), entryWhere, "port", path, port.port, true) && ok;
    readMetadata(it.value(), entryWhere, path, port.metadata);
    port.location = at(entryWhere);
    if (ok) out.push_back(std::move(port));
  }
}

void JsonGraphReader::readGroups(Graph& graph) {
  auto found = root_.find("groups");
  if (found == root_.end()) return;
  const JsonLocations* where = rootLocations_.member("groups");
  if (!found->is_array()) {
    error(where, "groups must be an array");
    return;
  }
  for (size_t i = 0; i < found->size(); ++i) {
    const Json& entry = (*found)[i];
    const JsonLocations* entryWhere = where ? where->item(i) : nullptr;
    std::string path = "groups[" + std::to_string(i) + "]";
    if (!expectObject(entry, entryWhere, path)) continue;
    Group group;
    readString(entry, entryWhere, "name", path, group.name, true);
    auto nodes = entry.find("nodes");
    if (nodes != entry.end()) {
      if (!nodes->is_array()) {
        error(memberOf(entryWhere, "nodes"), path + ".nodes must be an array of node names");
      } else {
        for (const Json& node : *nodes) {
          if (node.is_string())
            group.nodes.push_back(node.get<std::string>());
          else
            error(memberOf(entryWhere, "nodes"), path + ".nodes must be an array of node names");
        }
      }
    }
    readMetadata(entry, entryWhere, path, group.metadata);
    graph.groups.push_back(std::move(group));
  }
}

void JsonGraphReader::readProcesses(Graph& graph) {
  auto found = root_.find("processes");
  if (found == root_.end()) return;
  const JsonLocations* where = rootLocations_.member("processes");
  if (!expectObject(*found, where, "processes")) return;
  for (auto it = found->begin(); it != found->end(); ++it) {
    const JsonLocations* entryWhere = memberOf(where, it.key());
    std::string path = "processes." + it.key();
    if (!expectObject(it.value(), entryWhere, path)) continue;
    Process process;
    process.name = it.key();
    std::string component;
    if (readString(it.value(), entryWhere, "component", path, component, false))
      process.component = component;
    readMetadata(it.value(), entryWhere, path, process.metadata);
    if (!process.metadata.is_null() && process.component) {
      // Keep the document's key order for a faithful rewrite.
      for (auto key = it.value().begin(); key != it.value().end(); ++key) {
        if (key.key() == "component") break;
        if (key.key() == "metadata") {
          process.metadataBeforeComponent = true;
          break;
        }
      }
    }
    process.location = at(entryWhere);
    graph.processes.push_back(std::move(process));
  }
}

void JsonGraphReader::readConnections(Graph& graph) {
  auto found = root_.find("connections");
  if (found == root_.end()) return;
  const JsonLocations* where = rootLocations_.member("connections");
  if (!found->is_array()) {
    error(where, "connections must be an array");
    return;
  }
  for (size_t i = 0; i < found->size(); ++i) {
    const Json& entry = (*found)[i];
    const JsonLocations* entryWhere = where ? where->item(i) : nullptr;
    std::string path = "connections[" + std::to_string(i) + "]";
    if (!expectObject(entry, entryWhere, path)) continue;
    Connection connection;
    bool ok = true;
    auto tgt = entry.find("tgt");
    if (tgt == entry.end()) {
      error(entryWhere, path + " has no \"tgt\"");
      ok = false;
    } else {
      ok = readPortRef(*tgt, memberOf(entryWhere, "tgt"), path + ".tgt", connection.tgt);
    }
    auto data = entry.find("data");
    auto src = entry.find("src");
    if (data != entry.end()) {
      connection.data = *data;
      connection.location = at(memberOf(entryWhere, "data"));
    } else if (src != entry.end()) {
      PortRef source;
      ok = readPortRef(*src, memberOf(entryWhere, "src"), path + ".src", source) && ok;
      connection.src = source;
      connection.location = source.location;
    } else {
      error(entryWhere, path + " has neither \"src\" nor \"data\"");
      ok = false;
    }
    readMetadata(entry, entryWhere, path, connection.metadata);
    if (ok) graph.connections.push_back(std::move(connection));
  }
}

GraphResult JsonGraphReader::read() {
  GraphResult result;
  if (!root_.is_object()) {
    result.errors.push_back({at(&rootLocations_), "a JSON graph must be an object"});
    return result;
  }
  Graph graph;
  auto properties = root_.find("properties");
  if (properties != root_.end() && !properties->is_null()) {
    if (properties->is_object())
      graph.properties = *properties;
    else
      error(rootLocations_.member("properties"), "properties must be an object");
  }
  readExports("inports", graph.inports);
  readExports("outports", graph.outports);
  readGroups(graph);
  readProcesses(graph);
  readConnections(graph);
  auto caseSensitive = root_.find("caseSensitive");
  if (caseSensitive != root_.end()) {
    if (caseSensitive->is_boolean())
      graph.caseSensitive = caseSensitive->get<bool>();
    else
      error(rootLocations_.member("caseSensitive"), "caseSensitive must be true or false");
  }
  result.errors = std::move(errors_);
  if (result.errors.empty()) result.graph = std::move(graph);
  return result;
}

// A whole-document JSON parse with PEG.js-style errors.
class JsonDocumentParser : public JsonGrammar {
 public:
  using JsonGrammar::JsonGrammar;
  bool parseDocument(Json& out, JsonLocations& locations, Diagnostic& error) {
    bool parsed = jsonText(out, &locations);
    if (parsed && atEnd()) return true;
    if (aborted()) {
      error = abortError();
      return false;
    }
    if (parsed) expectEnd();
    error = syntaxError();
    return false;
  }
};

}  // namespace

Json toNoFloJson(const Graph& graph) {
  Json out = Json::object();
  out["inports"] = exportsToJson(graph.inports);
  out["outports"] = exportsToJson(graph.outports);
  Json groups = Json::array();
  for (const Group& group : graph.groups) {
    Json entry = Json::object();
    entry["name"] = group.name;
    entry["nodes"] = group.nodes;
    if (!group.metadata.is_null()) entry["metadata"] = group.metadata;
    groups.push_back(std::move(entry));
  }
  out["groups"] = std::move(groups);
  ObjectBuilder processes;
  for (const Process& process : graph.processes) {
    Json entry = Json::object();
    bool hasMetadata = !process.metadata.is_null();
    if (hasMetadata && process.metadataBeforeComponent) entry["metadata"] = process.metadata;
    if (process.component) entry["component"] = *process.component;
    if (hasMetadata && !process.metadataBeforeComponent) entry["metadata"] = process.metadata;
    processes.set(process.name, std::move(entry));
  }
  out["processes"] = processes.take();
  Json connections = Json::array();
  for (const Connection& connection : graph.connections) {
    Json entry = Json::object();
    if (connection.data)
      entry["data"] = *connection.data;
    else if (connection.src)
      entry["src"] = portToJson(*connection.src);
    entry["tgt"] = portToJson(connection.tgt);
    if (!connection.metadata.is_null()) entry["metadata"] = connection.metadata;
    connections.push_back(std::move(entry));
  }
  out["connections"] = std::move(connections);
  if (!graph.properties.is_null()) out["properties"] = graph.properties;
  out["caseSensitive"] = graph.caseSensitive;
  return out;
}

std::string writeJsonGraph(const Graph& graph, int indent) {
  return stringifyJs(toNoFloJson(graph), indent);
}

GraphResult readJsonGraph(std::string_view text) {
  // JSON text is UTF-8 (RFC 8259): refuse other bytes rather than turn names into U+FFFD.
  for (const auto& check : {checkSourceSize(text), checkUtf8(text)}) {
    if (!check) continue;
    GraphResult result;
    result.errors.push_back(*check);
    return result;
  }
  TextLocator locator(text);
  Json root;
  JsonLocations locations;
  Diagnostic error;
  JsonDocumentParser parser(text);
  if (!parser.parseDocument(root, locations, error)) {
    GraphResult result;
    error.message = "invalid JSON: " + error.message;
    result.errors.push_back(error);
    return result;
  }
  GraphResult result = JsonGraphReader(root, locations, locator).read();
  if (result.ok()) {
    result.errors = checkGraphLimits(*result.graph);
    if (!result.errors.empty()) result.graph.reset();
  }
  return result;
}

}  // namespace emflow::graph
