// Graph text → C++ identifiers, literals and comments that mean only what they look like.
#include <gtest/gtest.h>

#include <string>

#include "host/firmware/firmware_sources.h"
#include "host/firmware/export/cpp_names.h"

namespace emflow::exporter {
namespace {

// Decodes a literal made by cppStringLiteral (printable characters and \ooo escapes only).
std::string decodeLiteral(const std::string& literal) {
  std::string out;
  EXPECT_EQ(literal.front(), '"');
  EXPECT_EQ(literal.back(), '"');
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    if (literal[i] == '\\') {
      out += static_cast<char>(std::stoi(literal.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += literal[i];
    }
  }
  return out;
}

TEST(CppIdentifier, KeepsPlainNamesAndReplacesEverythingElse) {
  EXPECT_EQ(cppIdentifier("thermometer"), "thermometer");
  EXPECT_EQ(cppIdentifier("turn on/off"), "turn_on_off");
  EXPECT_EQ(cppIdentifier("tim\"er*/ #define x\\"), "tim_er_define_x");
  EXPECT_EQ(cppIdentifier("toggle\nint main(){}//"), "toggle_int_main");
  EXPECT_EQ(cppIdentifier("lämpchen"), "l_mpchen");
}

TEST(CppIdentifier, NeverReservedKeywordOrEmpty) {
  EXPECT_EQ(cppIdentifier(""), "unnamed");
  EXPECT_EQ(cppIdentifier("💡"), "unnamed");
  EXPECT_EQ(cppIdentifier("9lives"), "n9lives");
  EXPECT_EQ(cppIdentifier("class"), "class_");
  EXPECT_EQ(cppIdentifier("setup"), "setup_");
  EXPECT_EQ(cppIdentifier("__Reserved"), "Reserved");  // no leading _ or __ anywhere
  EXPECT_EQ(cppIdentifier("a__b"), "a_b");
  for (const char* text : {"", "*/", "\"", "\n", "1", "if", "_X", "a b", "\xff\xfe"}) {
    const std::string id = cppIdentifier(text);
    EXPECT_TRUE(firmware::isIdentifier(id)) << text;
    EXPECT_EQ(id.find("__"), std::string::npos) << text;
    EXPECT_NE(id[0], '_') << text;
  }
}

TEST(UniqueIdentifiers, DuplicatesAfterSanitizingGetSuffixes) {
  UniqueIdentifiers names;
  EXPECT_EQ(names.make("a b"), "a_b");
  EXPECT_EQ(names.make("a-b"), "a_b_2");
  EXPECT_EQ(names.make("a/b"), "a_b_3");
  EXPECT_EQ(names.make("a_b_2"), "a_b_2_2");  // a real name that collides with a suffix
  EXPECT_EQ(names.make("c"), "c");
}

TEST(CppStringLiteral, EscapesQuotesBackslashesTrigraphsAndNonAscii) {
  EXPECT_EQ(cppStringLiteral("fridge"), "\"fridge\"");
  EXPECT_EQ(cppStringLiteral("a\"b"), "\"a\\042b\"");
  EXPECT_EQ(cppStringLiteral("x\\"), "\"x\\134\"");
  EXPECT_EQ(cppStringLiteral("?\?/"), "\"\\077\\077/\"");
  EXPECT_EQ(cppStringLiteral("\n1"), "\"\\0121\"");  // three octal digits: the 1 stays a 1
}

TEST(CppStringLiteral, EveryByteRoundTrips) {
  std::string all;
  for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
  const std::string literal = cppStringLiteral(all + "*/\"; system(\"x\"); //");
  EXPECT_EQ(decodeLiteral(literal), all + "*/\"; system(\"x\"); //");
  // Only printable ASCII inside, no unescaped quote, backslash only as an escape.
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(literal[i]);
    EXPECT_TRUE(c >= 0x20 && c < 0x7F);
    EXPECT_NE(c, '"');
    EXPECT_NE(c, '?');
  }
}

TEST(CppCommentText, StaysOnOneLineWithoutContinuations) {
  const std::string text = cppCommentText("a\nb\\\r\n?\?/ */ ünï");
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\\'), std::string::npos);
  EXPECT_EQ(text.find('?'), std::string::npos);
  EXPECT_EQ(text.substr(0, 3), "a_b");
}

TEST(SketchName, IsAValidArduinoSketchName) {
  EXPECT_EQ(sketchName("Fridge"), "Fridge");
  EXPECT_EQ(sketchName("my fridge (v2)"), "my_fridge_v2");
  EXPECT_EQ(sketchName("2fridges"), "sketch_n2fridges");
  EXPECT_EQ(sketchName(std::string(100, 'a')).size(), 63u);
}

// Windows cannot extract con/con.ino; the sketch specification forbids these names.
TEST(SketchName, ReservedDeviceNamesAreRenamedWithANote) {
  for (const char* name : {"CON", "prn", "Aux", "nul", "COM1", "com9", "LPT1", "lpt9"}) {
    std::string note;
    EXPECT_EQ(sketchName(name, &note), std::string(name) + "_sketch");
    EXPECT_NE(note.find("reserved on Windows"), std::string::npos) << note;
  }
  for (const char* name : {"COM0", "LPT10", "CONSOLE", "com", "nul_1", "AUX2"}) {
    std::string note;
    EXPECT_EQ(sketchName(name, &note), name);
    EXPECT_TRUE(note.empty()) << name;
  }
  EXPECT_EQ(sketchName("con."), "con_sketch");  // the '.' becomes '_', then trimmed
}

}  // namespace
}  // namespace emflow::exporter
