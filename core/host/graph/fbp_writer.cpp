#include "host/graph/fbp_writer.h"

#include <cmath>
#include <cstdio>

#include "host/graph/fbp_chars.h"
#include "host/graph/js_json.h"

namespace emflow::graph {

namespace {

using fbp_chars::isAlnum;
using fbp_chars::isAlpha;
using fbp_chars::isDigit;

template <typename Predicate>
bool allOf(const std::string& text, Predicate accepts) {
  for (char c : text)
    if (!accepts(c)) return false;
  return true;
}

// The character classes of fbp.peg.
bool isNodeName(const std::string& name) {
  return !name.empty() && fbp_chars::isNodeNameStart(name[0]) &&
         allOf(name, fbp_chars::isNodeNameChar);
}
bool isComponentName(const std::string& name) {
  return !name.empty() && allOf(name, fbp_chars::isComponentChar);
}
bool isMetaText(const std::string& text) {
  return allOf(text, [](char c) { return isAlnum(c) || c == '/' || c == '_'; });
}
bool isAnnotationKey(const std::string& key) {
  return !key.empty() && allOf(key, fbp_chars::isAnnotationKeyChar);
}
bool isAnnotationValue(const std::string& value) {
  return !value.empty() && value[0] != ' ' && allOf(value, fbp_chars::isAnnotationValueChar);
}

class Writer {
 public:
  explicit Writer(const Graph& graph) : graph_(graph) {}
  FbpText run();

 private:
  void lose(const std::string& what) { result_.lost.push_back(what); }
  // A port name as written; it must survive the parser's lower-casing.
  bool portName(const std::string& name, std::string* out) {
    bool valid = !name.empty() && fbp_chars::isPortNameStart(name[0]) &&
                 allOf(name, fbp_chars::isPortNameChar);
    if (valid && !graph_.caseSensitive)
      valid = allOf(name, [](char c) { return !(c >= 'A' && c <= 'Z'); });
    *out = name;
    return valid;
  }
  bool portRef(const PortRef& port, std::string* portText) {
    bool ok = portName(port.port, portText);
    if (port.index) {
      double index = *port.index;
      if (index >= 0 && std::floor(index) == index && std::isfinite(index)) {
        // All the digits (never an exponent, which the grammar's [0-9]+ refuses); parseInt of
        // them gives back the same double.
        char digits[400];
        std::snprintf(digits, sizeof digits, "%.0f", index);
        *portText += std::string("[") + digits + "]";
      } else
        ok = false;
    }
    return ok;
  }
  std::string metadataText(const Process& process);
  std::string dataText(const Json& data);
  void writeProperties();
  void writeProcesses();
  void writeExports(const char* keyword, const std::vector<ExportedPort>& ports);
  void writeConnections();

  const Graph& graph_;
  FbpText result_;
};

void Writer::writeProperties() {
  if (graph_.properties.is_null()) return;
  if (graph_.properties.empty()) lose("an empty properties object");
  for (auto it = graph_.properties.begin(); it != graph_.properties.end(); ++it) {
    const std::string& key = it.key();
    const Json& value = it.value();
    if (key == "environment" && value.is_object() && value.size() == 1 && value.contains("type") &&
        value["type"].is_string() && isAnnotationValue(value["type"].get<std::string>())) {
      result_.text += "# @runtime " + value["type"].get<std::string>() + "\n";
    } else if (key != "runtime" && isAnnotationKey(key) && value.is_string() &&
               isAnnotationValue(value.get<std::string>())) {
      result_.text += "# @" + key + " " + value.get<std::string>() + "\n";
    } else {
      lose("property " + key);
    }
  }
}

std::string Writer::metadataText(const Process& process) {
  std::string text;
  for (auto it = process.metadata.begin(); it != process.metadata.end(); ++it) {
    const std::string& key = it.key();
    const Json& value = it.value();
    std::string valueText;
    bool ok = isMetaText(key);
    if (key == "x" || key == "y") {
      // fbp stores x/y as parseFloat(value): non-negative integers, Infinity, or NaN (null).
      if (value.is_null()) {
        valueText = "";
      } else if (value.is_number()) {
        double number = value.get<double>();
        if (std::isnan(number))
          valueText = "";
        else if (std::isinf(number) && number > 0)
          valueText = "Infinity";
        else if (number >= 0 && std::floor(number) == number)
          valueText = formatJsNumber(number);
        else
          ok = false;
        if (valueText.find_first_of(".e+-") != std::string::npos) ok = false;
      } else {
        ok = false;
      }
    } else if (value.is_string()) {
      valueText = value.get<std::string>();
      ok = ok && isMetaText(valueText);
    } else {
      ok = false;
    }
    if (!ok) {
      lose("metadata " + key + " of node " + process.name);
      continue;
    }
    text += (text.empty() ? "" : ",") + key + "=" + valueText;
  }
  return text;
}

void Writer::writeProcesses() {
  for (const Process& process : graph_.processes) {
    if (!isNodeName(process.name)) {
      lose("node " + process.name + " (not a valid .fbp node name)");
      result_.droppedNodes.push_back(process.name);
      continue;
    }
    std::string meta;
    if (!process.metadata.is_null()) {
      meta = metadataText(process);
      if (meta.empty() && process.metadata.empty()) lose("empty metadata of node " + process.name);
    }
    std::string component = process.component.value_or("");
    if (!process.component || !isComponentName(component)) {
      lose("component of node " + process.name);
      component.clear();
    }
    if (!meta.empty() && process.metadataBeforeComponent && !component.empty()) {
      // Metadata first, then the component, keeps fbp's key order.
      result_.text += process.name + "(:" + meta + ")\n";
      result_.text += process.name + "(" + component + ")\n";
    } else {
      result_.text += process.name + "(" + component + (meta.empty() ? "" : ":" + meta) + ")\n";
    }
  }
}

void Writer::writeExports(const char* keyword, const std::vector<ExportedPort>& ports) {
  for (const ExportedPort& exported : ports) {
    std::string port, name;
    bool ok = isNodeName(exported.process) && portName(exported.port, &port) &&
              portName(exported.name, &name);
    if (!ok) {
      lose(std::string(keyword) + " " + exported.name);
      continue;
    }
    if (!exported.metadata.is_null()) lose(std::string(keyword) + " metadata of " + exported.name);
    result_.text += std::string(keyword) + "=" + exported.process + "." + port + ":" + name + "\n";
  }
}

std::string Writer::dataText(const Json& data) {
  if (data.is_string()) {
    const std::string& text = data.get_ref<const std::string&>();
    // In '...' only \' is an escape; a trailing backslash would swallow the closing quote,
    // so such strings are written as JSON strings instead.
    // Lone surrogates (kept as WTF-8) only survive as JSON \u escapes.
    bool loneSurrogate = false;
    for (size_t i = 0; i + 1 < text.size(); ++i)
      if (static_cast<unsigned char>(text[i]) == 0xED &&
          static_cast<unsigned char>(text[i + 1]) >= 0xA0)
        loneSurrogate = true;
    if (!loneSurrogate && (text.empty() || text.back() != '\\')) {
      std::string quoted = "'";
      for (char c : text) quoted += c == '\'' ? std::string("\\'") : std::string(1, c);
      return quoted + "'";
    }
  }
  std::string json = stringifyJs(data, 0);
  // Bare null/true/false would read as a node name; JSON may start with whitespace, and a tab
  // (not a space, which the statement would skip) makes the grammar read it as JSON.
  if (isAlpha(json[0])) json = "\t" + json;
  return json;
}

void Writer::writeConnections() {
  for (const Connection& connection : graph_.connections) {
    std::string targetPort, sourcePort;
    bool ok = isNodeName(connection.tgt.process) && portRef(connection.tgt, &targetPort);
    std::string line;
    if (connection.data) {
      line = dataText(*connection.data);
    } else if (connection.src) {
      ok = ok && isNodeName(connection.src->process) && portRef(*connection.src, &sourcePort);
      line = connection.src->process + " " + sourcePort;
    } else {
      ok = false;
    }
    if (!ok) {
      lose("connection to " + connection.tgt.process + " " + connection.tgt.port);
      continue;
    }
    if (!connection.metadata.is_null())
      lose("metadata of the connection to " + connection.tgt.process + " " + connection.tgt.port);
    result_.text += line + " -> " + targetPort + " " + connection.tgt.process + "\n";
  }
}

FbpText Writer::run() {
  writeProperties();
  writeProcesses();
  writeExports("INPORT", graph_.inports);
  writeExports("OUTPORT", graph_.outports);
  writeConnections();
  for (const Group& group : graph_.groups) lose("group " + group.name);
  return std::move(result_);
}

}  // namespace

FbpText writeFbp(const Graph& graph) {
  return Writer(graph).run();
}

}  // namespace emflow::graph
