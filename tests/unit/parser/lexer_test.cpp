#include "engine/parser/lexer.h"

#include <gtest/gtest.h>

#include "common/diagnostics.h"

namespace iochound {
namespace {

std::vector<Token> Lex(std::string_view text) {
  std::vector<Token> tokens = Tokenize(text);
  tokens.pop_back();  // kEnd
  return tokens;
}

TEST(LexerTest, WordsPunctuationAndOffsets) {
  auto t = Lex("T | where x>=1 // comment\n and y != 'a'");
  ASSERT_EQ(t.size(), 10u);
  EXPECT_EQ(t[0].kind, TokenKind::kIdentifier);
  EXPECT_EQ(t[0].text, "T");
  EXPECT_EQ(t[1].text, "|");
  EXPECT_EQ(t[1].offset, 2u);
  EXPECT_EQ(t[4].text, ">=");
  EXPECT_EQ(t[4].offset, 11u);
  EXPECT_EQ(t[4].length, 2u);
  EXPECT_EQ(t[6].text, "and");
  EXPECT_EQ(t[6].offset, 27u);
  EXPECT_EQ(t[8].text, "!=");
  EXPECT_EQ(t[9].kind, TokenKind::kString);
  EXPECT_EQ(t[9].text, "a");
}

TEST(LexerTest, Numbers) {
  auto t = Lex("123 0x1F 1.5 1e3 1.5e-3 1..5");
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].kind, TokenKind::kInt);
  EXPECT_EQ(t[0].int_value, 123);
  EXPECT_EQ(t[1].kind, TokenKind::kInt);
  EXPECT_EQ(t[1].int_value, 31);
  EXPECT_EQ(t[2].kind, TokenKind::kReal);
  EXPECT_DOUBLE_EQ(t[2].real_value, 1.5);
  EXPECT_EQ(t[3].kind, TokenKind::kReal);
  EXPECT_DOUBLE_EQ(t[3].real_value, 1000);
  EXPECT_DOUBLE_EQ(t[4].real_value, 0.0015);
  EXPECT_EQ(t[5].kind, TokenKind::kInt);
  EXPECT_EQ(t[6].text, "..");
  EXPECT_EQ(t[7].int_value, 5);
}

TEST(LexerTest, TimeSpans) {
  for (std::string_view s : {"1d", "2h", "30m", "10s", "100ms", "10microsecond", "1tick", "1.5h", "7days"}) {
    auto t = Lex(s);
    ASSERT_EQ(t.size(), 1u) << s;
    EXPECT_EQ(t[0].kind, TokenKind::kTimeSpan) << s;
    EXPECT_EQ(t[0].text, s);
  }
}

TEST(LexerTest, StringForms) {
  auto t = Lex(R"('a\'b' "c\"d\n" @"C:\x" @'it''s' h"secret" H@'x\y' ```multi
line```)");
  ASSERT_EQ(t.size(), 7u);
  for (const Token& tok : t) EXPECT_EQ(tok.kind, TokenKind::kString);
  EXPECT_EQ(t[0].text, "a'b");
  EXPECT_EQ(t[1].text, "c\"d\n");
  EXPECT_EQ(t[2].text, "C:\\x");
  EXPECT_EQ(t[3].text, "it's");
  EXPECT_EQ(t[4].text, "secret");
  EXPECT_EQ(t[5].text, "x\\y");
  EXPECT_EQ(t[6].text, "multi\nline");
}

TEST(LexerTest, NegatedAndTildeOperatorsAreSingleWords) {
  auto t = Lex("a !has b !in~ c in~ d !contains_cs e !~ f");
  ASSERT_EQ(t.size(), 11u);
  EXPECT_EQ(t[1].text, "!has");
  EXPECT_EQ(t[3].text, "!in~");
  EXPECT_EQ(t[5].text, "in~");
  EXPECT_EQ(t[7].text, "!contains_cs");
  EXPECT_EQ(t[9].kind, TokenKind::kPunct);
  EXPECT_EQ(t[9].text, "!~");
}

TEST(LexerTest, BracketedNamesAndDollarNames) {
  auto t = Lex("['my col'] [\"x\"] $left.a");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].kind, TokenKind::kBracketName);
  EXPECT_EQ(t[0].text, "my col");
  EXPECT_EQ(t[0].length, 10u);
  EXPECT_EQ(t[1].kind, TokenKind::kBracketName);
  EXPECT_EQ(t[1].text, "x");
  EXPECT_EQ(t[2].text, "$left");
}

TEST(LexerTest, InvisibleUnicodeSpacesAreWhitespace) {
  auto t =
      Lex("a\xE2\x80\x8B b\xC2\xA0"
          "c");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].text, "b");
}

TEST(LexerTest, Errors) {
  try {
    Lex("T | where x == 'abc");
    FAIL() << "expected a QueryError";
  } catch (const QueryError& e) {
    EXPECT_STREQ(e.what(), "unterminated string literal");
    EXPECT_EQ(e.offset(), 15u);
  }
  try {
    Lex("T | where x ^ 2");
    FAIL() << "expected a QueryError";
  } catch (const QueryError& e) {
    EXPECT_STREQ(e.what(), "unexpected character '^' in query");
    EXPECT_EQ(e.offset(), 12u);
    EXPECT_EQ(e.length(), 1u);
  }
}

}  // namespace
}  // namespace iochound
