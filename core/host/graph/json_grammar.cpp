#include "host/graph/json_grammar.h"

#include <cstdlib>
#include <iterator>

#include "host/graph/source_text.h"

namespace emflow::graph {

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isHexDigit(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Appends a UTF-16 code unit from a \u escape; a low surrogate right after a high one
// (both from escapes) becomes one character, as string concatenation does in JavaScript.
void appendCodeUnit(std::string& out, unsigned unit) {
  if (unit >= 0xDC00 && unit <= 0xDFFF && out.size() >= 3) {
    size_t tail = out.size() - 3;
    unsigned char b0 = static_cast<unsigned char>(out[tail]);
    unsigned char b1 = static_cast<unsigned char>(out[tail + 1]);
    if (b0 == 0xED && b1 >= 0xA0 && b1 <= 0xAF) {
      size_t length = 0;
      unsigned high = decodeUtf8At(out, tail, &length);
      out.resize(tail);
      appendUtf8(out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
      return;
    }
  }
  appendUtf8(out, unit);
}

}  // namespace

const JsonLocations* JsonLocations::member(const std::string& name) const {
  if (!memberIndex.empty()) {
    auto found = memberIndex.find(name);
    return found == memberIndex.end() ? nullptr : &members[found->second].second;
  }
  for (auto it = members.rbegin(); it != members.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

const JsonLocations* JsonLocations::item(size_t index) const {
  return index < items.size() ? &items[index] : nullptr;
}

void JsonGrammar::ws() {
  // ws "whitespace" = [ \t\n\r]*  (named, so its inner failures are silent; it never fails)
  ++silent_;
  while (pos_ < text_.size() &&
         (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
    ++pos_;
  --silent_;
}

bool JsonGrammar::jsonText(Json& out, JsonLocations* locations) {
  size_t start = pos_;
  ws();
  if (!value(out, locations, 0)) {
    pos_ = start;
    return false;
  }
  ws();
  return true;
}

bool JsonGrammar::structural(char c, const char* description) {
  size_t start = pos_;
  ws();
  if (!literal(std::string_view(&c, 1), description)) {
    pos_ = start;
    return false;
  }
  ws();
  return true;
}

bool JsonGrammar::value(Json& out, JsonLocations* locations, int depth) {
  if (aborted()) return false;
  if (locations) locations->offset = pos_;
  if (literal("false", "\"false\"")) {
    out = false;
    return true;
  }
  if (literal("null", "\"null\"")) {
    out = nullptr;
    return true;
  }
  if (literal("true", "\"true\"")) {
    out = true;
    return true;
  }
  if (object(out, locations, depth)) return true;
  if (aborted()) return false;
  if (array(out, locations, depth)) return true;
  if (aborted()) return false;
  if (number(out)) return true;
  std::string text;
  if (string(text)) {
    out = std::move(text);
    return true;
  }
  return false;
}

bool JsonGrammar::object(Json& out, JsonLocations* locations, int depth) {
  size_t start = pos_;
  if (!structural('{', "\"{\"")) return false;
  if (depth >= kMaxJsonDepth) {
    abort("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return false;
  }
  // Members are appended directly to the ordered map's vector; `where` finds a duplicate name
  // (JSON.parse keeps its first position and last value) in constant time. The ordered map's
  // own insert searches linearly, which made a 100k-member object take seconds.
  Json result = Json::object();
  Json::object_t& members = result.get_ref<Json::object_t&>();
  std::unordered_map<std::string, size_t> index;
  std::vector<std::pair<std::string, JsonLocations>> memberLocations;
  std::string name;
  Json memberValue;
  JsonLocations memberLocation;
  JsonLocations* where = locations ? &memberLocation : nullptr;
  auto add = [&]() {
    auto [found, fresh] = index.emplace(name, members.size());
    if (fresh)
      members.emplace_back(name, std::move(memberValue));
    else
      std::next(members.begin(), static_cast<std::ptrdiff_t>(found->second))->second =
          std::move(memberValue);
    if (locations) memberLocations.emplace_back(name, std::move(memberLocation));
  };
  if (member(name, memberValue, where, depth + 1)) {
    add();
    while (true) {
      size_t beforeSeparator = pos_;
      if (!structural(',', "\",\"")) break;
      memberValue = Json();
      memberLocation = JsonLocations();
      if (!member(name, memberValue, where, depth + 1)) {
        pos_ = beforeSeparator;
        break;
      }
      add();
    }
  }
  if (aborted() || !structural('}', "\"}\"")) {
    pos_ = start;
    return false;
  }
  out = std::move(result);
  if (locations) {
    locations->members = std::move(memberLocations);
    if (locations->members.size() > 16)
      for (size_t i = 0; i < locations->members.size(); ++i)
        locations->memberIndex[locations->members[i].first] = i;  // later entries win
  }
  return true;
}

bool JsonGrammar::member(std::string& name, Json& out, JsonLocations* locations, int depth) {
  size_t start = pos_;
  name.clear();
  if (locations) locations->offset = pos_;
  if (!string(name) || !structural(':', "\":\"") || !value(out, locations, depth)) {
    pos_ = start;
    return false;
  }
  return true;
}

bool JsonGrammar::array(Json& out, JsonLocations* locations, int depth) {
  size_t start = pos_;
  if (!structural('[', "\"[\"")) return false;
  if (depth >= kMaxJsonDepth) {
    abort("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return false;
  }
  Json result = Json::array();
  std::vector<JsonLocations> itemLocations;
  Json item;
  JsonLocations itemLocation;
  JsonLocations* where = locations ? &itemLocation : nullptr;
  if (value(item, where, depth + 1)) {
    result.push_back(std::move(item));
    if (locations) itemLocations.push_back(itemLocation);
    while (true) {
      size_t beforeSeparator = pos_;
      if (!structural(',', "\",\"")) break;
      item = Json();
      itemLocation = JsonLocations();
      if (!value(item, where, depth + 1)) {
        pos_ = beforeSeparator;
        break;
      }
      result.push_back(std::move(item));
      if (locations) itemLocations.push_back(itemLocation);
    }
  }
  if (aborted() || !structural(']', "\"]\"")) {
    pos_ = start;
    return false;
  }
  out = std::move(result);
  if (locations) locations->items = std::move(itemLocations);
  return true;
}

bool JsonGrammar::number(Json& out) {
  // number "number" = minus? int frac? exp?   (parseFloat of the matched text)
  size_t start = pos_;
  ++silent_;
  bool ok = true;
  literal("-", "\"-\"");
  if (!literal("0", "\"0\"")) {
    if (asciiClass([](char c) { return c >= '1' && c <= '9'; }, "[1-9]")) {
      while (asciiClass(isDigit, "[0-9]")) {
      }
    } else {
      ok = false;
    }
  }
  if (ok) {
    size_t beforeFraction = pos_;
    if (literal(".", "\".\"")) {
      if (asciiClass(isDigit, "[0-9]")) {
        while (asciiClass(isDigit, "[0-9]")) {
        }
      } else {
        pos_ = beforeFraction;
      }
    }
    size_t beforeExponent = pos_;
    if (asciiClass([](char c) { return c == 'e' || c == 'E'; }, "[eE]")) {
      if (!literal("-", "\"-\"")) literal("+", "\"+\"");
      if (asciiClass(isDigit, "[0-9]")) {
        while (asciiClass(isDigit, "[0-9]")) {
        }
      } else {
        pos_ = beforeExponent;
      }
    }
  }
  --silent_;
  if (!ok) {
    pos_ = start;
    fail("number");
    return false;
  }
  std::string digits(text_.substr(start, pos_ - start));
  out = std::strtod(digits.c_str(), nullptr);
  return true;
}

bool JsonGrammar::string(std::string& out) {
  // string "string" = '"' char* '"'
  size_t start = pos_;
  ++silent_;
  bool ok = literal("\"", "\"\\\"\"");
  if (ok) {
    while (character(out)) {
    }
    ok = literal("\"", "\"\\\"\"");
  }
  --silent_;
  if (!ok) {
    pos_ = start;
    out.clear();
    fail("string");
    return false;
  }
  return true;
}

bool JsonGrammar::character(std::string& out) {
  // unescaped = [^\0-\x1F\x22\x5C]
  auto rejects = [this](size_t at) {
    unsigned char c = static_cast<unsigned char>(text_[at]);
    return c < 0x20 || c == '"' || c == '\\';
  };
  if (negatedClass(rejects, "[^\\0-\\x1F\\x22\\x5C]", &out)) return true;
  size_t start = pos_;
  if (!literal("\\", "\"\\\\\"")) return false;
  struct Simple {
    char escape;
    char value;
    const char* description;
  };
  static const Simple kSimple[] = {
      {'"', '"', "\"\\\"\""}, {'\\', '\\', "\"\\\\\""}, {'/', '/', "\"/\""},  {'b', '\b', "\"b\""},
      {'f', '\f', "\"f\""},   {'n', '\n', "\"n\""},     {'r', '\r', "\"r\""}, {'t', '\t', "\"t\""}};
  for (const Simple& simple : kSimple) {
    if (literal(std::string_view(&simple.escape, 1), simple.description)) {
      out += simple.value;
      return true;
    }
  }
  size_t beforeU = pos_;
  if (literal("u", "\"u\"")) {
    std::string hex;
    for (int i = 0; i < 4; ++i) {
      if (!asciiClass(isHexDigit, "[0-9a-f]i", &hex)) {
        pos_ = beforeU;
        hex.clear();
        break;
      }
    }
    if (hex.size() == 4) {
      appendCodeUnit(out, static_cast<unsigned>(std::strtoul(hex.c_str(), nullptr, 16)));
      return true;
    }
  }
  pos_ = start;
  return false;
}

}  // namespace emflow::graph
