// The one reading of a decimal number written by a person, shared by the CLI's number options
// and every CSV reader: plain decimal notation only ("-1.5", "2e-3", "+7"), finite, nothing
// before or after it. "nan", "inf", hex ("0x10"), "1e999" and "2abc" are refused with a reason,
// because strtod accepts all of them and NaN passes every range check.
#ifndef EMFLOW_HOST_NUMBER_TEXT_H
#define EMFLOW_HOST_NUMBER_TEXT_H

#include <string>
#include <string_view>

namespace emflow {

// False with a short reason in `why` ("not a number", "not finite", "out of range"). `text`
// must already be trimmed: surrounding spaces are "not a number".
bool parseDecimal(std::string_view text, double* value, std::string* why);

}  // namespace emflow

#endif  // EMFLOW_HOST_NUMBER_TEXT_H
