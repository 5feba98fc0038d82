#include "host/number_text.h"

#include <cmath>
#include <cstdlib>

namespace emflow {

namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// [+-] digits [. digits] [e [+-] digits], with at least one digit in the mantissa.
bool isDecimalSyntax(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && isDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && isDigit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent = 0;
    while (i < text.size() && isDigit(text[i])) ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == text.size();
}

bool isNonFiniteWord(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "nan" || lower == "inf" || lower == "infinity";
}

}  // namespace

bool parseDecimal(std::string_view text, double* value, std::string* why) {
  if (text.empty()) {
    *why = "empty, not a number";
    return false;
  }
  if (isNonFiniteWord(text)) {
    *why = "not a finite number";
    return false;
  }
  if (text.find('\0') != std::string_view::npos) {
    *why = "contains a NUL byte";
    return false;
  }
  if (!isDecimalSyntax(text)) {
    *why = "not a number";
    return false;
  }
  const std::string copy(text);  // strtod needs a terminated string
  *value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(*value)) {  // 1e999: too large for a double
    *why = "out of range";
    return false;
  }
  return true;
}

}  // namespace emflow
