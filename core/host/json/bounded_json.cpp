// Bounded JSON parsing (see bounded_json.h): nlohmann's iterative SAX parser with a handler
// that limits nesting and appends object members directly, with a key index per large object.
#include "host/json/bounded_json.h"

#include <map>
#include <utility>
#include <vector>

namespace emflow::json {

namespace {

// Up to this many members a linear key scan is cheaper than an index; above it each object
// gets a std::map (O(log n), and unlike a hash table no input can make it degrade).
constexpr size_t kIndexFrom = 16;

// Where the first container deeper than `maxDepth` opens; only called once the parser stopped
// there, so the text before it is valid JSON and strings end where a JSON lexer says.
size_t offsetBeyondDepth(std::string_view text, size_t maxDepth) {
  size_t depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > maxDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

// nlohmann's message quotes the bytes it last read ("last read: '\"c\xE3o'"); those may be
// invalid UTF-8, and an error reply holding them could not be serialised. Bytes outside
// printable ASCII become \xNN.
std::string printable(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// The names below are nlohmann's SAX interface (json_sax), not ours: see docs/conventions.md.
// NOLINTBEGIN(readability-identifier-naming)
class BoundedBuilder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  explicit BoundedBuilder(size_t maxDepth) : maxDepth_(maxDepth) {
    stack_.reserve(maxDepth < 128 ? maxDepth + 1 : 128);
  }

  bool null() { return emit(Json()); }
  bool boolean(bool value) { return emit(Json(value)); }
  bool number_integer(number_integer_t value) { return emit(Json(value)); }
  bool number_unsigned(number_unsigned_t value) { return emit(Json(value)); }
  bool number_float(number_float_t value, const string_t& /*text*/) { return emit(Json(value)); }
  bool string(string_t& value) { return emit(Json(std::move(value))); }
  bool binary(binary_t& value) { return emit(Json::binary(std::move(value))); }

  bool start_object(std::size_t /*elements*/) { return open(Json::object()); }
  bool key(string_t& key) {
    stack_.back().key = std::move(key);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*elements*/) { return open(Json::array()); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t position, const std::string& /*lastToken*/,
                   const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at ..." → "parse error at ..."
    const size_t bracket = what.find("] ");
    if (what.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos) {
      what = what.substr(bracket + 2);
    }
    error_.offset = position > 0 ? position - 1 : 0;
    error_.message = printable(what);
    return false;
  }

  bool tooDeep() const { return tooDeep_; }
  const JsonError& error() const { return error_; }
  Json take() { return std::move(root_); }

 private:
  struct Frame {
    Json value;                           // the object or array being filled
    std::string key;                      // an object's key waiting for its value
    std::map<std::string, size_t> index;  // key → member position, once the object is large
  };

  bool open(Json container) {
    if (stack_.size() >= maxDepth_) {
      tooDeep_ = true;
      return false;
    }
    stack_.push_back(Frame{std::move(container), std::string(), {}});
    return true;
  }

  bool close() {
    Json done = std::move(stack_.back().value);
    stack_.pop_back();
    return emit(std::move(done));
  }

  bool emit(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Frame& parent = stack_.back();
    if (parent.value.is_array()) {
      parent.value.get_ref<Json::array_t&>().push_back(std::move(value));
      return true;
    }
    // Appending to the ordered_map's vector directly: its operator[] would scan every member.
    Json::object_t& object = parent.value.get_ref<Json::object_t&>();
    Json::object_t::Container& members = object;
    size_t found = members.size();
    if (members.size() < kIndexFrom) {
      for (size_t i = 0; i < members.size(); ++i) {
        if (members[i].first == parent.key) found = i;
      }
    } else {
      if (parent.index.empty()) {
        for (size_t i = 0; i < members.size(); ++i) parent.index.emplace(members[i].first, i);
      }
      auto it = parent.index.find(parent.key);
      if (it != parent.index.end()) found = it->second;
    }
    if (found < members.size()) {
      members[found].second = std::move(value);  // duplicate key: last value, first position
      return true;
    }
    if (!parent.index.empty()) parent.index.emplace(parent.key, members.size());
    members.emplace_back(std::move(parent.key), std::move(value));
    return true;
  }

  size_t maxDepth_;
  std::vector<Frame> stack_;
  Json root_;
  bool tooDeep_ = false;
  JsonError error_;
};
// NOLINTEND(readability-identifier-naming)

}  // namespace

std::string JsonError::format() const {
  return "at byte " + std::to_string(offset) + ": " + message;
}

bool parseBounded(std::string_view text, const JsonLimits& limits, Json* out, JsonError* error) {
  *out = Json();
  if (text.size() > limits.maxBytes) {
    error->offset = limits.maxBytes;
    error->overLimit = true;
    error->message = "JSON text of " + std::to_string(text.size()) +
                     " bytes is longer than the limit of " + std::to_string(limits.maxBytes);
    return false;
  }
  BoundedBuilder builder(limits.maxDepth);
  const char* begin = text.data();
  const bool ok = Json::sax_parse(begin, begin + text.size(), &builder,
                                  nlohmann::detail::input_format_t::json, true, false);
  if (ok) {
    *out = builder.take();
    return true;
  }
  if (builder.tooDeep()) {
    error->offset = offsetBeyondDepth(text, limits.maxDepth);
    error->overLimit = true;
    error->message = "JSON nested deeper than the limit of " + std::to_string(limits.maxDepth);
  } else {
    *error = builder.error();
  }
  return false;
}

}  // namespace emflow::json
