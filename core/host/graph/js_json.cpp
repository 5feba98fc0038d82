#include "host/graph/js_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "host/graph/source_text.h"

namespace emflow::graph {

namespace {

// The shortest decimal digits that read back as `value` (> 0), and the decimal exponent n
// such that value = 0.d1d2d3... * 10^n (ECMAScript Number::toString's k and n).
void shortestDigits(double value, std::string& digits, int& n) {
  char buffer[40];
  for (int precision = 0; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  // buffer is "d.ddde[+-]xx"
  std::string text(buffer);
  size_t e = text.find('e');
  digits.clear();
  for (size_t i = 0; i < e; ++i)
    if (text[i] != '.') digits += text[i];
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  n = std::atoi(text.c_str() + e + 1) + 1;
}

// A JavaScript array index ("0", "1", ... up to 2^32 - 2) sorts before other keys.
bool isArrayIndex(const std::string& key, unsigned long long& index) {
  if (key.empty() || key.size() > 10) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  for (char c : key)
    if (c < '0' || c > '9') return false;
  index = std::strtoull(key.c_str(), nullptr, 10);
  return index < 4294967295ULL;
}

void write(const Json& value, int indent, int level, std::string& out);

void newline(int indent, int level, std::string& out) {
  if (indent <= 0) return;
  out += '\n';
  out.append(static_cast<size_t>(indent * level), ' ');
}

void writeObject(const Json& value, int indent, int level, std::string& out) {
  if (value.empty()) {
    out += "{}";
    return;
  }
  std::vector<std::pair<unsigned long long, Json::const_iterator>> indexed;
  std::vector<Json::const_iterator> named;
  for (auto it = value.begin(); it != value.end(); ++it) {
    unsigned long long index = 0;
    if (isArrayIndex(it.key(), index))
      indexed.emplace_back(index, it);
    else
      named.push_back(it);
  }
  std::stable_sort(indexed.begin(), indexed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Json::const_iterator> ordered;
  for (auto& entry : indexed) ordered.push_back(entry.second);
  ordered.insert(ordered.end(), named.begin(), named.end());
  out += '{';
  bool first = true;
  for (auto it : ordered) {
    if (!first) out += ',';
    first = false;
    newline(indent, level + 1, out);
    out += quoteJsString(it.key());
    out += indent > 0 ? ": " : ":";
    write(it.value(), indent, level + 1, out);
  }
  newline(indent, level, out);
  out += '}';
}

void writeArray(const Json& value, int indent, int level, std::string& out) {
  if (value.empty()) {
    out += "[]";
    return;
  }
  out += '[';
  bool first = true;
  for (const Json& item : value) {
    if (!first) out += ',';
    first = false;
    newline(indent, level + 1, out);
    write(item, indent, level + 1, out);
  }
  newline(indent, level, out);
  out += ']';
}

void write(const Json& value, int indent, int level, std::string& out) {
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
    case Json::value_t::binary:
      out += "null";
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      out += std::to_string(value.get<long long>());
      return;
    case Json::value_t::number_unsigned:
      out += std::to_string(value.get<unsigned long long>());
      return;
    case Json::value_t::number_float: {
      double number = value.get<double>();
      out += std::isfinite(number) ? formatJsNumber(number) : "null";
      return;
    }
    case Json::value_t::string:
      out += quoteJsString(value.get_ref<const std::string&>());
      return;
    case Json::value_t::object:
      writeObject(value, indent, level, out);
      return;
    case Json::value_t::array:
      writeArray(value, indent, level, out);
      return;
  }
}

}  // namespace

std::string formatJsNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";  // also -0
  std::string sign = value < 0 ? "-" : "";
  std::string digits;
  int n = 0;
  shortestDigits(std::fabs(value), digits, n);
  int k = static_cast<int>(digits.size());
  if (k <= n && n <= 21) return sign + digits + std::string(static_cast<size_t>(n - k), '0');
  if (0 < n && n <= 21) return sign + digits.substr(0, n) + "." + digits.substr(n);
  if (-6 < n && n <= 0) return sign + "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  std::string exponent = (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
  std::string mantissa = digits.substr(0, 1);
  if (k > 1) mantissa += "." + digits.substr(1);
  return sign + mantissa + "e" + exponent;
}

std::string quoteJsString(const std::string& text) {
  std::string out = "\"";
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else if (c == 0xED && pos + 2 < text.size() &&
                   static_cast<unsigned char>(text[pos + 1]) >= 0xA0) {
          // A lone surrogate kept as WTF-8: JSON.stringify escapes it.
          size_t length = 0;
          unsigned unit = decodeUtf8At(text, pos, &length);
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", unit);
          out += buffer;
          pos += length;
          continue;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++pos;
  }
  out += '"';
  return out;
}

std::string stringifyJs(const Json& value, int indent) {
  std::string out;
  write(value, indent, 0, out);
  return out;
}

}  // namespace emflow::graph
