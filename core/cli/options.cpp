#include "options.h"

#include <algorithm>
#include <cstdio>

#include "host/number_text.h"

namespace emflow::cli {

namespace {

// 17 significant digits would print 0.1 as 0.10000000000000001; ranges are short numbers.
std::string show(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

bool readRealOption(const std::string& option, const std::string& text, double min, double max,
                    const std::string& expected, double* value, std::string* error) {
  std::string why;
  const std::string range = "; expected " + expected + " from " + show(min) + " to " + show(max);
  if (!parseDecimal(text, value, &why)) {
    *error = option + ": '" + text + "' is " + why + range;
    return false;
  }
  if (*value < min || *value > max) {
    *error = option + ": " + text + " is out of range" + range;
    return false;
  }
  return true;
}

bool readCountOption(const std::string& option, const std::string& text, uint64_t min, uint64_t max,
                     uint64_t* value, std::string* error) {
  const std::string range =
      "; expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  bool digits = !text.empty() && text.size() <= 19;  // 19 digits always fit in 64 bits
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    *error = option + ": '" + text + "' is not a whole number" + range;
    return false;
  }
  *value = std::stoull(text);
  if (*value < min || *value > max) {
    *error = option + ": " + text + " is out of range" + range;
    return false;
  }
  return true;
}

bool readWorldOption(const sim::WorldOption& option, const std::string& text,
                     sim::WorldParams* params, std::string* error) {
  const std::string flag = "--" + option.name;
  if (option.isNumber()) {
    double value = 0;
    if (!readRealOption(flag, text, option.min, option.max, option.expected, &value, error))
      return false;
    params->numbers[option.name] = value;
    return true;
  }
  const std::string why = option.check(text);
  if (!why.empty()) {
    *error = flag + ": " + why;
    return false;
  }
  params->texts[option.name] = text;
  return true;
}

std::string worldOptionsHelp() {
  std::string help;
  for (const sim::WorldSpec& world : sim::worldSpecs()) {
    if (world.options.empty()) continue;
    help += world.name + " only:\n";
    for (const sim::WorldOption& option : world.options) {
      std::string left = "  --" + option.name + " " + option.valueName;
      left.resize(std::max<size_t>(left.size() + 1, 27), ' ');
      std::string text = option.help;
      if (option.isNumber()) text += ", " + show(option.min) + ".." + show(option.max);
      text += " (default " + option.defaultText + ")";
      // Wrapped at 96 columns under the text's own column, as the rest of the help is.
      std::string line = left;
      size_t start = 0;
      while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (line.size() + word.size() > 96 && line.size() > left.size()) {
          help += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
          line = std::string(left.size(), ' ');
        }
        line += word + " ";
        start = end + 1;
      }
      help += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
    }
  }
  return help;
}

bool ArgCursor::next() {
  if (hasInlineValue_) {  // "--flag=x": not silently ignored
    error_ = name_ + " takes no value";
    return false;
  }
  if (next_ >= args_.size()) return false;
  const std::string& arg = args_[next_++];
  const size_t equals = arg.find('=');
  hasInlineValue_ = arg.size() > 2 && arg[0] == '-' && arg[1] == '-' && equals != std::string::npos;
  name_ = hasInlineValue_ ? arg.substr(0, equals) : arg;
  inlineValue_ = hasInlineValue_ ? arg.substr(equals + 1) : "";
  return true;
}

bool ArgCursor::value(std::string* out, std::string* error) {
  if (hasInlineValue_) {
    *out = inlineValue_;
    hasInlineValue_ = false;
    return true;
  }
  if (next_ >= args_.size()) {
    *error = name_ + " needs a value";
    return false;
  }
  *out = args_[next_++];
  return true;
}

bool ArgCursor::real(double min, double max, const std::string& expected, double* out,
                     std::string* error) {
  std::string text;
  return value(&text, error) && readRealOption(name_, text, min, max, expected, out, error);
}

bool ArgCursor::count(uint64_t min, uint64_t max, uint64_t* out, std::string* error) {
  std::string text;
  return value(&text, error) && readCountOption(name_, text, min, max, out, error);
}

}  // namespace emflow::cli
