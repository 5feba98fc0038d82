// Writing JSON exactly as JavaScript's JSON.stringify(value, null, indent) does, so our output
// is byte-for-byte what `fbp` prints: JavaScript number formatting (1 not 1.0, 1e+21,
// NaN/Infinity as null), integer-like object keys first in ascending order (JavaScript object
// key order), lone surrogates escaped as \udXXX.
#ifndef EMFLOW_HOST_GRAPH_JS_JSON_H
#define EMFLOW_HOST_GRAPH_JS_JSON_H

#include <string>

#include "host/graph/graph.h"

namespace emflow::graph {

// Number.prototype.toString() for a finite double; "NaN"/"Infinity"/"-Infinity" otherwise.
std::string formatJsNumber(double value);

// JSON.stringify(value, null, indent); indent 0 gives the compact form.
std::string stringifyJs(const Json& value, int indent = 2);

// A JSON string literal with JSON.stringify's escaping.
std::string quoteJsString(const std::string& text);

}  // namespace emflow::graph

#endif  // EMFLOW_HOST_GRAPH_JS_JSON_H
