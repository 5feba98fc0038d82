// The bounded JSON parser: the same values as Json::parse for ordinary documents, and located
// errors (never a crash) for text that is too deep, too long or not JSON.
#include <gtest/gtest.h>

#include <string>

#include "host/json/bounded_json.h"

namespace emflow::json {
namespace {

Json parsed(const std::string& text, JsonLimits limits = JsonLimits{}) {
  Json value;
  JsonError error;
  EXPECT_TRUE(parseBounded(text, limits, &value, &error)) << text << ": " << error.format();
  return value;
}

JsonError refused(const std::string& text, JsonLimits limits = JsonLimits{}) {
  Json value = 1;
  JsonError error;
  EXPECT_FALSE(parseBounded(text, limits, &value, &error)) << text;
  EXPECT_TRUE(value.is_null());
  EXPECT_FALSE(error.message.empty());
  return error;
}

std::string nested(size_t depth, const std::string& open, const std::string& close) {
  std::string text;
  for (size_t i = 0; i < depth; ++i) text += open;
  text += "0";
  for (size_t i = 0; i < depth; ++i) text += close;
  return text;
}

TEST(BoundedJson, SameValuesAsJsonParse) {
  for (const std::string text :
       {"null", "true", "-12", "18446744073709551615", "1.5e3", "\"a\\u00e9\\n\"", "[]", "{}",
        R"({"b": 1, "a": [1, {"c": null}], "z": {"y": "x"}})", " [1, 2.5, \"x\", false] \n",
        R"({"a": 1, "b": 2, "a": 3})"}) {
    EXPECT_EQ(parsed(text), Json::parse(text)) << text;
    EXPECT_EQ(parsed(text).dump(), Json::parse(text).dump()) << text;  // member order too
  }
}

TEST(BoundedJson, DuplicateKeysInLargeObjectsKeepFirstPositionLastValue) {
  std::string text = "{";
  for (int i = 0; i < 100; ++i)
    text += "\"k" + std::to_string(i % 40) + "\": " + std::to_string(i) + ",";
  text += "\"end\": true}";
  EXPECT_EQ(parsed(text).dump(), Json::parse(text).dump());
  EXPECT_EQ(parsed(text).size(), 41u);
  EXPECT_EQ(parsed(text)["k0"], 80);
}

TEST(BoundedJson, ManyKeysParseIntoOneObject) {
  std::string text = "{";
  for (int i = 0; i < 150000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  text += "}";
  Json value = parsed(text);
  ASSERT_EQ(value.size(), 150000u);
  EXPECT_EQ(value.begin().key(), "k0");
  EXPECT_EQ((--value.end()).key(), "k149999");
}

TEST(BoundedJson, DepthUpToTheLimitParses) {
  EXPECT_EQ(parsed(nested(kMaxDepth, "[", "]")).dump(), nested(kMaxDepth, "[", "]"));
  JsonLimits scalarsOnly;
  scalarsOnly.maxDepth = 0;
  EXPECT_EQ(parsed("7", scalarsOnly), 7);
  EXPECT_TRUE(refused("[]", scalarsOnly).overLimit);
}

TEST(BoundedJson, DeeperThanTheLimitIsRefusedWhereItGoesTooDeep) {
  JsonError error = refused(nested(kMaxDepth + 1, "[", "]"));
  EXPECT_TRUE(error.overLimit);
  EXPECT_EQ(error.offset, kMaxDepth);  // the 65th '[' is at byte 64
  EXPECT_NE(error.format().find("at byte 64: JSON nested deeper than the limit of 64"),
            std::string::npos)
      << error.format();
  // Strings with brackets and escaped quotes do not confuse where the error is.
  std::string text = R"({"a\"[": "[[[", "b": )" + nested(70, "{\"x\":", "}") + "}";
  error = refused(text);
  EXPECT_EQ(text[error.offset], '{');
  EXPECT_EQ(error.offset, text.find("{\"x\":") + 63 * 5);  // the object at depth 65
}

TEST(BoundedJson, HundredThousandDeepIsAnErrorNotAStackOverflow) {
  EXPECT_TRUE(refused(nested(100000, "[", "]")).overLimit);
  EXPECT_TRUE(refused(nested(100000, "{\"a\":", "}")).overLimit);
  EXPECT_TRUE(refused(std::string(100000, '[')).overLimit);  // unterminated as well
}

TEST(BoundedJson, LongerThanTheByteCapIsRefusedBeforeParsing) {
  JsonLimits limits;
  limits.maxBytes = 10;
  EXPECT_EQ(parsed("[1,2,3,4]", limits).size(), 4u);
  JsonError error = refused("[1,2,3,4,5]", limits);
  EXPECT_TRUE(error.overLimit);
  EXPECT_EQ(error.offset, 10u);
  EXPECT_NE(error.message.find("11 bytes"), std::string::npos) << error.message;
}

TEST(BoundedJson, SyntaxErrorsAreLocated) {
  JsonError error = refused(R"({"a": tru})");
  EXPECT_FALSE(error.overLimit);
  EXPECT_EQ(error.message.rfind("parse error", 0), 0u) << error.message;
  EXPECT_GE(error.offset, 6u);
  EXPECT_LE(error.offset, 9u);
  EXPECT_FALSE(refused("").overLimit);
  EXPECT_FALSE(refused("[1] x").overLimit);  // one document only
  EXPECT_FALSE(refused("1e999").overLimit);  // overflowing number
  EXPECT_FALSE(refused("\"\xff\"").overLimit);
  EXPECT_FALSE(refused("// no\n1").overLimit);  // no comments
}

TEST(BoundedJson, ErrorsQuoteBytesThatAreNotUtf8AsPrintableEscapes) {
  // Found by fuzz_protocol_messages: the message quoted the bad byte, and the error reply
  // holding it could not be serialised.
  JsonError error = refused("{\"protocol\":\"c\xe3omponent\"}");
  for (const char c : error.message) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << error.message;
  EXPECT_NE(error.message.find("\\xE3"), std::string::npos) << error.message;
  EXPECT_NO_THROW(Json(error.format()).dump());
}

}  // namespace
}  // namespace emflow::json
