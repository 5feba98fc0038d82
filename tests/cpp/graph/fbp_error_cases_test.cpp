// Hand-written malformed .fbp texts with the exact error (message and line:column) the npm
// `fbp` 1.8 parser gives for each: the negative half of the grammar, pinned case by case
// beside the random differential test (fbp_differential_test.cpp).
#include <gtest/gtest.h>

#include <string>

#include "host/graph/fbp_parser.h"

namespace emflow::graph {
namespace {

struct Malformed {
  const char* what;
  const char* text;
  const char* location;  // "" when fbp reports the error without a location
  const char* message;
};

// Messages as `node tests/fbp/reference-parse.mjs FILE` prints them for each text.
const Malformed kCases[] = {
    {"a node name cannot start with -", "a(A) OUT -> IN -b(B)\n", "1:16",
     "Expected \" \", \"(\", \"->\" or [a-zA-Z_] but \"-\" found."},
    {"a port name cannot start with a digit", "a(A) 1OUT -> IN b(B)\n", "1:7",
     "Expected \" \" or \"->\" but \"O\" found."},
    {"an array index must be a number", "a(A) OUT[x] -> IN b(B)\n", "1:10",
     "Expected \"[\", \"]\", \"false\", \"null\", \"true\", \"{\", [0-9], number or string but "
     "\"x\" found."},
    {"array index without ]", "a(A) OUT[1 -> IN b(B)\n", "1:12",
     "Expected \",\" or \"]\" but \"-\" found."},
    {"empty metadata", "a(A:) OUT -> IN b(B)\n", "1:5",
     "Expected [a-zA-Z/=_,0-9] but \")\" found."},
    {"an arrow to nothing", "a(A) OUT ->\n", "2:1",
     "Expected \"[\", \"false\", \"null\", \"true\", \"{\", number or string but end of input "
     "found."},
    {"two arrows in a row", "a(A) OUT -> -> IN b(B)\n", "1:13",
     "Expected \" \", \"'\", \"(\", \"[\", \"false\", \"null\", \"true\", \"{\", [a-zA-Z_], number "
     "or string but \"-\" found."},
    {"a JSON initial packet missing a value", "{\"a\": } -> IN b(B)\n", "1:7",
     "Expected \"[\", \"false\", \"null\", \"true\", \"{\", number or string but \"}\" found."},
    {"an initial packet to nothing", "'5' ->\n", "2:1",
     "Expected \"[\", \"false\", \"null\", \"true\", \"{\", number or string but end of input "
     "found."},
    {"INPORT needs node.PORT", "INPORT=a:IN:X\n", "1:9",
     "Expected \"(\", \".\" or [a-zA-Z0-9_\\-] but \":\" found."},
    {"component without its closing )", "a(A OUT -> IN b(B)\n", "1:4",
     "Expected \")\", \":\" or [a-zA-Z/\\-0-9_] but \" \" found."},
    {"the text ends inside a component", "a(A\n", "1:4",
     "Expected \")\", \":\" or [a-zA-Z/\\-0-9_] but \"\\n\" found."},
    {"metadata without the closing )", "a(A:x=1 OUT -> IN b(B)\n", "1:8",
     "Expected \")\" or [a-zA-Z/=_,0-9] but \" \" found."},
    {"OUTPORT without a public name", "OUTPORT=a.OUT:\n", "1:15",
     "Expected [a-zA-Z_] but \"\\n\" found."},
    {"a node without a component that is never defined", "a OUT -> IN b(B)\n", "",
     "Edge to \"b\" port \"in\" is connected to an undefined source node \"a\""},
    {"initial packet string never closed", "'hello -> IN b(B)\n", "2:1",
     "Expected \"'\", [\\\\] or [^'] but end of input found."},
    {"string still open at the end of a later line", "a(A) OUT -> IN b(B)\n'5000 -> INTERVAL a\n",
     "3:1", "Expected \"'\", [\\\\] or [^'] but end of input found."},
};

TEST(FbpParserErrors, MalformedTextsGiveFbpsMessageAndLocation) {
  for (const Malformed& c : kCases) {
    SCOPED_TRACE(c.what);
    const GraphResult result = parseFbp(c.text);
    ASSERT_FALSE(result.ok());
    ASSERT_FALSE(result.errors.empty());
    EXPECT_EQ(result.errors[0].message, c.message);
    if (*c.location) {
      EXPECT_EQ(formatLocation(result.errors[0].location), c.location);
    }
  }
}

}  // namespace
}  // namespace emflow::graph
