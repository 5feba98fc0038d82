#include "iip_packets.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "host/json/bounded_json.h"

namespace emflow::firmware {

namespace {

std::string describe(const graph::Json& data) {
  // Replace, not throw: an IIP string may hold bytes that are not UTF-8 (found by fuzzing).
  // ASCII escapes, so that cutting it below cannot split a UTF-8 sequence either.
  std::string text = data.dump(-1, ' ', true, graph::Json::error_handler_t::replace);
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

// Whole-string integer: decimal or 0x-hex, optional sign, within int32.
bool parseInteger(const std::string& text, int32_t* value, bool* hex) {
  if (text.empty()) return false;
  const char* begin = text.c_str();
  const char* digits = begin + ((text[0] == '-' || text[0] == '+') ? 1 : 0);
  *hex = digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
  if (!*hex && (*digits < '0' || *digits > '9')) return false;
  errno = 0;
  char* end = nullptr;
  const long long parsed = std::strtoll(begin, &end, *hex ? 16 : 10);
  if (errno || *end != '\0' || end == digits) return false;
  if (parsed < std::numeric_limits<int32_t>::min() || parsed > std::numeric_limits<int32_t>::max())
    return false;
  *value = static_cast<int32_t>(parsed);
  return true;
}

bool parseNumber(const std::string& text, double* value) {
  if (text.empty() || text[0] == ' ') return false;
  errno = 0;
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return !errno && *end == '\0' && std::isfinite(*value);
}

bool jsonInteger(const graph::Json& data, int32_t* value) {
  if (data.is_number_integer()) {
    if (data.is_number_unsigned()) {
      const auto v = data.get<uint64_t>();
      if (v > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) return false;
      *value = static_cast<int32_t>(v);
      return true;
    }
    const auto v = data.get<int64_t>();
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max())
      return false;
    *value = static_cast<int32_t>(v);
    return true;
  }
  if (data.is_number_float()) {
    const double d = data.get<double>();
    if (d != std::floor(d) || d < std::numeric_limits<int32_t>::min() ||
        d > std::numeric_limits<int32_t>::max())
      return false;
    *value = static_cast<int32_t>(d);
    return true;
  }
  return false;
}

bool toInt(const graph::Json& data, Packet* packet) {
  int32_t value;
  bool hex;
  if (jsonInteger(data, &value) ||
      (data.is_string() && parseInteger(data.get<std::string>(), &value, &hex))) {
    *packet = Packet::Int(value);
    return true;
  }
  return false;
}

bool toFloat(const graph::Json& data, Packet* packet) {
  double value;
  if (data.is_number()) {
    *packet = Packet::Float(static_cast<float>(data.get<double>()));
    return true;
  }
  if (data.is_string() && parseNumber(data.get<std::string>(), &value)) {
    *packet = Packet::Float(static_cast<float>(value));
    return true;
  }
  return false;
}

bool toBool(const graph::Json& data, Packet* packet) {
  if (data.is_boolean()) {
    *packet = Packet::Bool(data.get<bool>());
    return true;
  }
  const std::string text = data.is_string()
                               ? data.get<std::string>()
                               : data.dump(-1, ' ', false, graph::Json::error_handler_t::replace);
  if (text == "true" || text == "1") {
    *packet = Packet::Bool(true);
    return true;
  }
  if (text == "false" || text == "0") {
    *packet = Packet::Bool(false);
    return true;
  }
  return false;
}

// A value whose type the port leaves open ("all", and array elements).
bool inferScalar(const graph::Json& data, bool preferByte, Packet* packet) {
  if (data.is_boolean()) return toBool(data, packet);
  if (data.is_string()) {
    const std::string text = data.get<std::string>();
    int32_t value;
    bool hex;
    if (parseInteger(text, &value, &hex)) {
      *packet = (preferByte && hex && value >= 0 && value <= 255)
                    ? Packet::Byte(static_cast<uint8_t>(value))
                    : Packet::Int(value);
      return true;
    }
    if (text == "true" || text == "false") return toBool(data, packet);
    return toFloat(data, packet);
  }
  if (data.is_number()) {
    int32_t value;
    if (jsonInteger(data, &value)) {
      *packet = (preferByte && value >= 0 && value <= 255)
                    ? Packet::Byte(static_cast<uint8_t>(value))
                    : Packet::Int(value);
      return true;
    }
    return toFloat(data, packet);
  }
  return false;
}

bool toSequence(const graph::Json& data, std::vector<Packet>* packets, std::string* error) {
  graph::Json array = data;
  if (data.is_string()) {
    // Bounded: an IIP string nested 100k deep would overflow the stack when destroyed.
    json::JsonError problem;
    if (!json::parseBounded(data.get_ref<const std::string&>(), json::JsonLimits{}, &array,
                            &problem)) {
      *error = "expected a JSON array such as [\"0x28\", \"0xAF\"], got " + describe(data) + " (" +
               problem.format() + ")";
      return false;
    }
  }
  if (!array.is_array()) {
    *error = "expected a JSON array, got " + describe(data);
    return false;
  }
  packets->push_back(Packet::BracketOpen());
  for (size_t i = 0; i < array.size(); ++i) {
    Packet element;
    if (!inferScalar(array[i], true, &element)) {
      *error = "array element " + std::to_string(i) + " (" + describe(array[i]) +
               ") is not a number or boolean";
      return false;
    }
    packets->push_back(element);
  }
  packets->push_back(Packet::BracketClose());
  return true;
}

}  // namespace

bool iipToPackets(const graph::Json& data, const std::string& portType,
                  std::vector<Packet>* packets, std::string* error) {
  Packet packet;
  auto accept = [&](bool converted, const char* expected) {
    if (converted) {
      packets->push_back(packet);
      return true;
    }
    *error = std::string("expected ") + expected + ", got " + describe(data);
    return false;
  };
  if (portType == "bang") {
    packet = Packet::Void();
    return accept(true, "");
  }
  if (portType == "array") return toSequence(data, packets, error);
  if (portType == "int") return accept(toInt(data, &packet), "an integer (int32)");
  if (portType == "number") return accept(toFloat(data, &packet), "a number");
  if (portType == "boolean") return accept(toBool(data, &packet), "true or false");
  // "all" (or a type this compiler does not know): infer from the value.
  if (data.is_array() ||
      (data.is_string() && !data.get<std::string>().empty() && data.get<std::string>()[0] == '[')) {
    return toSequence(data, packets, error);
  }
  if (data.is_null() || (data.is_string() && data.get<std::string>().empty())) {
    packet = Packet::Void();
    return accept(true, "");
  }
  return accept(inferScalar(data, false, &packet), "a number, boolean or array");
}

}  // namespace emflow::firmware
