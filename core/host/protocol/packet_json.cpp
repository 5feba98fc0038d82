#include "host/protocol/packet_json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "runtime/status.h"

namespace emflow::protocol {

namespace {

bool parseNumber(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  double value = hex ? static_cast<double>(std::strtol(text.c_str(), &end, 16))
                     : std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return false;
  *out = value;
  return true;
}

bool isIntegral(double value) {
  return std::floor(value) == value && value >= INT32_MIN && value <= INT32_MAX;
}

// One scalar JSON value → one packet.
std::string scalarToPacket(const Json& value, const std::string& type, SymbolTable& symbols,
                           Packet* packet) {
  if (type == "bang") {
    *packet = Packet::Void();
    return "";
  }
  double number = 0;
  bool isNumber = value.is_number();
  if (isNumber) number = value.get<double>();
  if (value.is_string() && type != "all" && type != "string") {
    isNumber = parseNumber(value.get<std::string>(), &number);
  }
  if (type == "boolean") {
    if (value.is_boolean()) {
      *packet = Packet::Bool(value.get<bool>());
    } else if (value.is_string() && (value == "true" || value == "false")) {
      *packet = Packet::Bool(value == "true");
    } else if (isNumber) {
      *packet = Packet::Bool(number != 0);
    } else {
      return "expected a boolean, got " + value.dump();
    }
    return "";
  }
  if (type == "int") {
    if (!isNumber || !isIntegral(number)) return "expected an integer, got " + value.dump();
    *packet = Packet::Int(static_cast<int32_t>(number));
    return "";
  }
  if (type == "number") {
    if (!isNumber) return "expected a number, got " + value.dump();
    *packet = Packet::Float(static_cast<float>(number));
    return "";
  }
  // "all" and anything else: keep the value's own type.
  if (value.is_null()) {
    *packet = Packet::Void();
  } else if (value.is_boolean()) {
    *packet = Packet::Bool(value.get<bool>());
  } else if (value.is_number_integer() || (value.is_number() && isIntegral(number))) {
    *packet = Packet::Int(static_cast<int32_t>(number));
  } else if (value.is_number()) {
    *packet = Packet::Float(static_cast<float>(number));
  } else if (value.is_string()) {
    int32_t symbol = 0;
    if (!symbols.intern(value.get<std::string>(), &symbol)) return "too many distinct texts";
    *packet = Packet::Int(symbol);
  } else {
    return "cannot send " + value.dump() + " as one packet";
  }
  return "";
}

// The double with the fewest digits that is the same float: 4.4f reads as 4.4, not as
// 4.400000095367432, in the JSON a client sees.
double shortestDouble(float value) {
  char text[32];
  for (int digits = 6; digits < 10; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(value));
    if (std::strtof(text, nullptr) == value) break;
  }
  return std::strtod(text, nullptr);
}

}  // namespace

bool SymbolTable::intern(const std::string& text, int32_t* value) {
  for (size_t i = 0; i < texts_.size(); ++i) {
    if (texts_[i] == text) {
      *value = kSymbolBase + static_cast<int32_t>(i);
      return true;
    }
  }
  if (texts_.size() >= static_cast<size_t>(kMaxSymbols)) return false;
  texts_.push_back(text);
  *value = kSymbolBase + static_cast<int32_t>(texts_.size() - 1);
  return true;
}

const std::string* SymbolTable::lookup(int32_t value) const {
  if (value < kSymbolBase) return nullptr;
  int64_t index = static_cast<int64_t>(value) - kSymbolBase;
  if (index >= static_cast<int64_t>(texts_.size())) return nullptr;
  return &texts_[static_cast<size_t>(index)];
}

std::string jsonToPackets(const Json& value, const std::string& portType, SymbolTable& symbols,
                          std::vector<Packet>* packets) {
  if (value.is_array()) {
    // A sequence: one bracket around the items (a feature vector, a 1-Wire address).
    std::string itemType = portType == "array" ? "all" : portType;
    packets->push_back(Packet::BracketOpen());
    for (const Json& item : value) {
      Packet packet;
      // "0x28"-style texts in arrays are bytes (the DS18B20 address of the fridge graph).
      double number = 0;
      if (item.is_string() && parseNumber(item.get<std::string>(), &number)) {
        packet = isIntegral(number) ? Packet::Int(static_cast<int32_t>(number))
                                    : Packet::Float(static_cast<float>(number));
      } else {
        std::string error = scalarToPacket(item, itemType, symbols, &packet);
        if (!error.empty()) return error;
      }
      packets->push_back(packet);
    }
    packets->push_back(Packet::BracketClose());
    return "";
  }
  if (value.is_object()) return "cannot send a JSON object as a packet";
  Packet packet;
  std::string error = scalarToPacket(value, portType, symbols, &packet);
  if (error.empty()) packets->push_back(packet);
  return error;
}

Json packetToJson(const Packet& packet, const SymbolTable& symbols) {
  switch (packet.type) {
    case kPacketVoid:
      return Json();
    case kPacketBool:
      return packet.value.b;
    case kPacketByte:
      return packet.value.byte;
    case kPacketInt: {
      const std::string* text = symbols.lookup(packet.value.i);
      if (text) return *text;
      return packet.value.i;
    }
    case kPacketFloat:
      if (!std::isfinite(packet.value.f)) return Json();  // JSON has no NaN/inf
      return shortestDouble(packet.value.f);
    case kPacketBracketOpen:
      return "[";
    case kPacketBracketClose:
      return "]";
    case kPacketError: {
      Json error = Json::object();
      error["error"] = emflow_status_name(packet.value.error);
      return error;
    }
    default:
      return Json();
  }
}

}  // namespace emflow::protocol
