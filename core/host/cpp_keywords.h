// The reserved words of C++ (up to C++20's alternative tokens and keywords that a C++14
// compiler may still reject as identifiers), for every host tool that writes C++ names:
// model code generation and firmware export share this one list.
#ifndef EMFLOW_HOST_CPP_KEYWORDS_H
#define EMFLOW_HOST_CPP_KEYWORDS_H

#include <string>

namespace emflow {

bool isCppKeyword(const std::string& word);

}  // namespace emflow

#endif  // EMFLOW_HOST_CPP_KEYWORDS_H
