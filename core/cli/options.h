// Reading the arguments of a CLI subcommand one way everywhere: `--name VALUE` and
// `--name=VALUE`, and number values that must be finite decimals within a stated range (NaN
// passes every `<`/`>` range check, so a check of the range alone lets "nan" through).
// Errors are whole sentences for "emflow COMMAND: ..." and lead to exit status 2.
#ifndef EMFLOW_CLI_OPTIONS_H
#define EMFLOW_CLI_OPTIONS_H

#include <cstdint>
#include <string>
#include <vector>

#include "sim/world_registry.h"

namespace emflow::cli {

// A real number option: a finite decimal (host/number_text.h) in [min, max]. False with
// "--ambient: 'nan' is not a finite number; expected a temperature in °C from -40 to 60".
bool readRealOption(const std::string& option, const std::string& text, double min, double max,
                    const std::string& expected, double* value, std::string* error);

// A whole-number option in [min, max] (decimal digits only, no sign).
bool readCountOption(const std::string& option, const std::string& text, uint64_t min, uint64_t max,
                     uint64_t* value, std::string* error);

// A world's own option (sim::WorldOption, from the world registry) read from its text into
// `params`: a number as readRealOption reads it, a text through the option's check. False
// with "--ambient: ..." / "--sensor: must be air or contents".
bool readWorldOption(const sim::WorldOption& option, const std::string& text,
                     sim::WorldParams* params, std::string* error);

// Every world's own options as help lines, grouped per world ("fridge only:\n  --ambient C
// ..."), for `emflow run --help`; worlds without options are left out.
std::string worldOptionsHelp();

// Walks a subcommand's arguments: options with values, flags and positional arguments.
class ArgCursor {
 public:
  explicit ArgCursor(const std::vector<std::string>& args) : args_(args) {}

  // Moves to the next argument; false after the last one, or when the previous option was
  // given "=VALUE" but takes no value (then error() says so: check it after the loop).
  bool next();
  const std::string& error() const { return error_; }
  // The current argument; for "--name=VALUE" just "--name".
  const std::string& arg() const { return name_; }
  // Starts with '-' (and is not "-" alone, which names stdin).
  bool isOption() const { return name_.size() > 1 && name_[0] == '-'; }
  // The value of the current option: after '=' or the next argument.
  bool value(std::string* out, std::string* error);
  // The current option's value read as readRealOption / readCountOption do.
  bool real(double min, double max, const std::string& expected, double* out, std::string* error);
  bool count(uint64_t min, uint64_t max, uint64_t* out, std::string* error);

 private:
  const std::vector<std::string>& args_;
  size_t next_ = 0;
  std::string name_;
  std::string inlineValue_;
  bool hasInlineValue_ = false;
  std::string error_;
};

}  // namespace emflow::cli

#endif  // EMFLOW_CLI_OPTIONS_H
