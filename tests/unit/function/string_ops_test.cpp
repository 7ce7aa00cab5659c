// Cases marked with a verdict id reproduce what Microsoft's engine returned for that query in
// ../shared/conformance/kusto-verdicts/verdicts.jsonl.
#include "engine/function/string_ops.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iochound::string_ops {
namespace {

using Predicate = bool (*)(std::string_view, std::string_view);

// The rows of `texts` for which pred(text, needle) holds.
std::vector<std::string> Where(const std::vector<std::string>& texts, Predicate pred,
                               std::string_view needle) {
  std::vector<std::string> out;
  for (const auto& t : texts) {
    if (pred(t, needle)) out.push_back(t);
  }
  return out;
}

using Rows = std::vector<std::string>;

TEST(StringOpsTest, HasMatchesWholeTerms) {
  // agent-string-ops-0000
  Rows texts{"hello world", "helloworld", "hello-world", "HELLO", "hi.world", "world hello", "a hello b"};
  EXPECT_EQ(Where(texts, Has, "hello"),
            (Rows{"hello world", "hello-world", "HELLO", "world hello", "a hello b"}));
  // agent-string-ops-0001
  EXPECT_EQ(Where({"hello world", "helloworld", "hello-world", "HELLO", "hi.world"}, HasCs, "hello"),
            (Rows{"hello world", "hello-world"}));
  // agent-string-ops-0003
  EXPECT_EQ(Where({"foo.bar.baz", "foo bar", "foobar", "BAR", "x.bar.y"}, Has, "bar"),
            (Rows{"foo.bar.baz", "foo bar", "BAR", "x.bar.y"}));
  // agent-string-ops-0001 (second family run): `/` and `\` separate terms too.
  EXPECT_EQ(Where({"foo.bar", "foo bar", "foo/bar", "foo\\bar", "foobar"}, Has, "bar").size(), 4u);
  // agent-string-ops-0003: digits are term characters.
  EXPECT_EQ(Where({"12.34.56", "12-34-56", "12 34 56", "123456"}, Has, "34"),
            (Rows{"12.34.56", "12-34-56", "12 34 56"}));
  // agent-string-ops-0004
  EXPECT_EQ(Where({"The.Quick.Brown", "quick brown fox", "BROWN-quick"}, HasCs, "Quick"),
            (Rows{"The.Quick.Brown"}));
  // agent-string-ops-0031: a one-letter needle is still a whole term.
  EXPECT_FALSE(Has("hello world", "o"));
  // agent-parse-search-0004: "ERROR" has "ERR" is false.
  EXPECT_FALSE(Has("ERROR", "ERR"));
  // agent-string-ops-0039: `tolower(s) has "abc"` is false for "abcxyzabc".
  EXPECT_FALSE(Has("abcxyzabc", "abc"));
}

TEST(StringOpsTest, UnderscoreAndPunctuationSeparateTerms) {
  // agent-string-ops-0004
  EXPECT_EQ(Where({"alpha-beta", "alpha_beta", "alpha beta", "alphabeta"}, Has, "alpha"),
            (Rows{"alpha-beta", "alpha_beta", "alpha beta"}));
  // agent-string-ops-0005
  EXPECT_EQ(Where({"tag=value", "tag==value", "tag = value", "tagvalue"}, Has, "value"),
            (Rows{"tag=value", "tag==value", "tag = value"}));
  EXPECT_TRUE(Has("alpha_beta", "beta"));
  EXPECT_TRUE(HasPrefix("alpha_beta", "bet"));
  EXPECT_TRUE(HasSuffix("alpha_beta", "pha"));
  // agent-string-ops-0012: tabs and newlines separate terms.
  EXPECT_TRUE(Has("Hello\tWorld", "World"));
  EXPECT_TRUE(Has("Hello\nWorld", "hello"));
  EXPECT_FALSE(Contains("Hello\tWorld", " "));
  // t1-string-ops: "O'Brien" has the terms O and Brien.
  EXPECT_TRUE(Has("O'Brien", "brien"));
  EXPECT_FALSE(Has("O'Brien", "o'b"));  // "O'B" is followed by "rien": the needle would extend a term
}

TEST(StringOpsTest, HasWithSeparatorsInNeedleAlignsOnlyTermEdges) {
  EXPECT_TRUE(Has("a.sub.project1.in.net", "project1.in.net"));
  EXPECT_TRUE(Has("project1.in.net.evil.com", "project1.in.net"));
  EXPECT_TRUE(Has("PROJECT1.IN.NET", "project1.in.net"));
  EXPECT_FALSE(Has("xproject1.in.net", "project1.in.net"));
  EXPECT_FALSE(Has("project1.in.network", "project1.in.net"));
  // A later occurrence can match when an earlier one is not aligned.
  EXPECT_TRUE(Has("xproject1.in.net project1.in.net", "project1.in.net"));
  // agent-string-ops-0001 (second run): "co-op" vs "co op".
  EXPECT_TRUE(Contains("CO-OP", "co-op"));
  EXPECT_FALSE(Contains("co op", "co-op"));
  EXPECT_TRUE(Has("Co-Op", "co-op"));
  // Needles with separators at their edges only constrain the term-character edges.
  EXPECT_TRUE(Has("key=value", "key="));
  EXPECT_FALSE(Has("akey=value", "key="));
  EXPECT_TRUE(Has("a.b", "."));
  EXPECT_TRUE(Has("x/etc/passwd", "/etc/passwd"));
  EXPECT_FALSE(Has("x/etc/passwdx", "/etc/passwd"));
}

TEST(StringOpsTest, HasPrefixAndSuffix) {
  // agent-string-ops-0032
  Rows texts{"cat", "category", "scatter", "cats", "a cat"};
  EXPECT_EQ(Where(texts, Has, "cat"), (Rows{"cat", "a cat"}));
  EXPECT_EQ(Where(texts, HasPrefix, "cat"), (Rows{"cat", "category", "cats", "a cat"}));
  EXPECT_EQ(Where(texts, Contains, "cat"), texts);
  // agent-string-ops-0037
  EXPECT_EQ(Where({"Hello World", "FOO bar", "mixed CASE"}, HasPrefix, "hello"), (Rows{"Hello World"}));
  // agent-string-ops-0014: any term may end with the suffix, not only the last.
  Rows words{"word boundary test", "word", "test word boundary", "wordy"};
  EXPECT_EQ(Where(words, HasSuffix, "test"), (Rows{"word boundary test", "test word boundary"}));
  EXPECT_EQ(Where(words, EndsWith, "test"), (Rows{"word boundary test"}));
  EXPECT_TRUE(HasSuffix("project.x", "ject"));
  EXPECT_FALSE(HasSuffix("projects", "ject"));
  EXPECT_TRUE(HasPrefix("a.sub.project1.in.net", "project1.in"));
  EXPECT_FALSE(HasPrefix("xproject1.in.net", "project1.in"));
  EXPECT_TRUE(HasSuffix("a.project1.in.net", "in.net"));
  EXPECT_FALSE(HasSuffix("project1.in.network", "in.net"));
  EXPECT_TRUE(HasPrefixCs("ABCabc", "ABC"));
  EXPECT_FALSE(HasPrefixCs("aAbBcC", "ABC"));
  EXPECT_TRUE(HasSuffixCs("ABCabc", "abc"));
  EXPECT_FALSE(HasSuffixCs("ABCABC", "abc"));
}

TEST(StringOpsTest, ContainsStartsWithEndsWith) {
  // agent-string-ops-0039
  EXPECT_EQ(Where({"prefix_test", "test_suffix", "testing", "con-test"}, StartsWith, "test"),
            (Rows{"test_suffix", "testing"}));
  EXPECT_EQ(Where({"prefix_test", "test_suffix", "testing", "con-test"}, EndsWith, "TEST"),
            (Rows{"prefix_test", "con-test"}));
  // agent-string-ops-0037 (second run)
  EXPECT_TRUE(StartsWithCs("PATTERN%MATCH", "PATTERN"));
  EXPECT_FALSE(StartsWithCs("PATTERN%MATCH", "pattern"));
  EXPECT_TRUE(ContainsCs("under_score", "score"));
  // agent-string-ops-0028 (second run)
  EXPECT_TRUE(ContainsCs("RED green BLUE", "RED"));
  EXPECT_FALSE(ContainsCs("red GREEN blue", "RED"));
  EXPECT_TRUE(HasCs("RED green BLUE", "green"));
  EXPECT_FALSE(HasCs("red GREEN blue", "green"));
  // agent-string-ops-0005
  EXPECT_TRUE(Contains("quickbrown", "QUICK"));
  EXPECT_FALSE(Has("quickbrown", "quick"));
  EXPECT_TRUE(EndsWithCs("abc", "bc"));
  EXPECT_FALSE(EndsWithCs("abc", "BC"));
  EXPECT_TRUE(EndsWith("abc", "BC"));
  EXPECT_FALSE(StartsWith("ab", "abc"));
  EXPECT_FALSE(EndsWith("ab", "abc"));
}

TEST(StringOpsTest, EmptyNeedlesAndTexts) {
  // t1-string-ops-0022/0032/0037/0052/0057/0062/0067: every row has/contains/... "".
  for (std::string_view s : {"alpha", "", " spaced ", "O'Brien", "caf\xC3\xA9"}) {
    EXPECT_TRUE(Has(s, ""));
    EXPECT_TRUE(HasCs(s, ""));
    EXPECT_TRUE(HasPrefix(s, ""));
    EXPECT_TRUE(HasSuffix(s, ""));
    EXPECT_TRUE(Contains(s, ""));
    EXPECT_TRUE(ContainsCs(s, ""));
    EXPECT_TRUE(StartsWith(s, ""));
    EXPECT_TRUE(EndsWith(s, ""));
  }
  // t1-string-ops-0012: only the empty string is =~ "".
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("a", ""));
  EXPECT_FALSE(Has("", "a"));
  EXPECT_FALSE(Contains("", "a"));
  EXPECT_FALSE(Matcher(Op::kEquals, "", false).Matches("x"));
  EXPECT_TRUE(Matcher(Op::kEquals, "", true).Matches(""));
}

TEST(StringOpsTest, T1TableOperators) {
  Rows s{"alpha", "Beta", "caf\xC3\xA9", "", " spaced ", "O'Brien", "where", "MiXeD"};
  EXPECT_EQ(Where(s, Has, "where"), (Rows{"where"}));                                        // 0023
  EXPECT_EQ(Where(s, HasCs, "a"), (Rows{}));                                                 // 0030
  EXPECT_EQ(Where(s, HasCs, "caf\xC3\xA9"), (Rows{"caf\xC3\xA9"}));                          // 0031
  EXPECT_EQ(Where(s, Contains, "a"), (Rows{"alpha", "Beta", "caf\xC3\xA9", " spaced "}));    // 0035
  EXPECT_EQ(Where(s, ContainsCs, "a"), (Rows{"alpha", "Beta", "caf\xC3\xA9", " spaced "}));  // 0045
  EXPECT_EQ(Where(s, Contains, "MiXeD"), (Rows{"MiXeD"}));                                   // 0039
  EXPECT_EQ(Where(s, StartsWith, "where"), (Rows{"where"}));                                 // 0053
  EXPECT_EQ(Where(s, EndsWith, "a"), (Rows{"alpha", "Beta"}));                               // 0055
  EXPECT_EQ(Where(s, HasPrefix, "a"), (Rows{"alpha"}));                                      // 0060
  EXPECT_EQ(Where(s, HasPrefix, "caf\xC3\xA9"), (Rows{"caf\xC3\xA9"}));                      // 0061
  EXPECT_EQ(Where(s, HasSuffix, "MiXeD"), (Rows{"MiXeD"}));                                  // 0069
  EXPECT_EQ(Where(s, EqualsIgnoreCase, "a"), (Rows{}));                                      // 0010
  EXPECT_EQ(Where(s, EqualsIgnoreCase, "MiXeD"), (Rows{"MiXeD"}));                           // 0014
}

TEST(StringOpsTest, UnicodeLettersFoldWithSimpleCaseMapping) {
  // agent-string-ops-0006: precomposed é; the decomposed e + U+0301 is a different string.
  const std::string cafe = "caf\xC3\xA9", cafe_upper = "CAF\xC3\x89", cafe_decomposed = "cafe\xCC\x81";
  EXPECT_EQ(Where({cafe, "cafe", cafe_upper, "Caf\xC3\xA9", cafe_decomposed}, EqualsIgnoreCase, cafe),
            (Rows{cafe, cafe_upper, "Caf\xC3\xA9"}));
  // agent-string-ops-0006 (second run)
  EXPECT_EQ(Where({"caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9", "cafe resume", "CAF\xC3\x89 R\xC3\x89SUM\xC3\x89",
                   "Caf\xC3\xA9 R\xC3\xA9sum\xC3\xA9"},
                  Has, cafe)
                .size(),
            3u);
  EXPECT_TRUE(EqualsIgnoreCase("CAF\xC3\x89 R\xC3\x89SUM\xC3\x89", "caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9"));
  // agent-string-ops-0008: simple mapping only, ß does not expand to SS.
  EXPECT_EQ(Where({"Stra\xC3\x9F"
                   "e",
                   "strasse", "STRASSE",
                   "stra\xC3\x9F"
                   "e"},
                  EqualsIgnoreCase,
                  "stra\xC3\x9F"
                  "e"),
            (Rows{"Stra\xC3\x9F"
                  "e",
                  "stra\xC3\x9F"
                  "e"}));
  // agent-string-ops-0008 (second run, in~): Müller / MÜLLER / Mueller.
  EXPECT_EQ(Where({"M\xC3\xBCller", "muller", "M\xC3\x9CLLER", "Mueller"}, EqualsIgnoreCase, "m\xC3\xBCller"),
            (Rows{"M\xC3\xBCller", "M\xC3\x9CLLER"}));
  // NAÏVE has naïve.
  EXPECT_TRUE(Has("NA\xC3\x8FVE", "na\xC3\xAFve"));
  EXPECT_TRUE(Contains("xNA\xC3\x8FVEx", "na\xC3\xAFve"));
  EXPECT_TRUE(StartsWith("NA\xC3\x8FVE!", "na\xC3\xAFve"));
  EXPECT_TRUE(EndsWith("!NA\xC3\x8FVE", "na\xC3\xAFve"));
  EXPECT_FALSE(HasCs("NA\xC3\x8FVE", "na\xC3\xAFve"));
  // agent-string-ops-0005 (second run): fullwidth letters are not ASCII letters.
  EXPECT_FALSE(EqualsIgnoreCase("\xEF\xBC\xA1\xEF\xBD\x82\xEF\xBD\x83", "abc"));  // Ａｂｃ
  EXPECT_TRUE(
      EqualsIgnoreCase("\xEF\xBC\xA1\xEF\xBD\x82\xEF\xBD\x83", "\xEF\xBD\x81\xEF\xBC\xA2\xEF\xBC\xA3"));
  // Cyrillic and Greek (final sigma folds with sigma under upper-case mapping).
  EXPECT_TRUE(Has("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90 city",
                  "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"));
  EXPECT_TRUE(EqualsIgnoreCase("\xCE\xA3\xCE\xA3", "\xCF\x83\xCF\x82"));  // ΣΣ =~ σς
  // .NET never folds a non-ASCII character onto ASCII: ſ !~ s, ı !~ I, and the Kelvin sign stays itself.
  EXPECT_FALSE(EqualsIgnoreCase("\xC5\xBF", "s"));
  EXPECT_FALSE(EqualsIgnoreCase("\xC4\xB1", "I"));
  EXPECT_FALSE(EqualsIgnoreCase("\xE2\x84\xAA", "k"));
  EXPECT_FALSE(
      Has("\xC5\xBF"
          "ecret",
          "secret"));
  // Folding that changes the UTF-8 length (ȿ U+023F -> Ȿ U+2C7E) still compares equal.
  EXPECT_TRUE(EqualsIgnoreCase("\xC8\xBF", "\xE2\xB1\xBE"));
  EXPECT_TRUE(Has("x \xC8\xBF y", "\xE2\xB1\xBE"));
  EXPECT_EQ(FoldCase("a\xC8\xBF"), FoldCase("A\xE2\xB1\xBE"));
}

TEST(StringOpsTest, TermCharactersFollowDotNetIsLetterOrDigit) {
  EXPECT_TRUE(IsTermCodePoint(U'a'));
  EXPECT_TRUE(IsTermCodePoint(U'7'));
  EXPECT_FALSE(IsTermCodePoint(U'_'));
  EXPECT_TRUE(IsTermCodePoint(U'\u00E9'));       // é, Ll
  EXPECT_TRUE(IsTermCodePoint(U'\u6838'));       // 核, Lo
  EXPECT_TRUE(IsTermCodePoint(U'\u02B0'));       // ʰ, Lm
  EXPECT_TRUE(IsTermCodePoint(U'\u01C5'));       // ǅ, Lt
  EXPECT_TRUE(IsTermCodePoint(U'\uFF11'));       // fullwidth 1, Nd
  EXPECT_FALSE(IsTermCodePoint(U'\u00B2'));      // superscript two, No
  EXPECT_FALSE(IsTermCodePoint(U'\u2167'));      // roman numeral eight, Nl
  EXPECT_FALSE(IsTermCodePoint(U'\u0301'));      // combining acute, Mn
  EXPECT_FALSE(IsTermCodePoint(U'\u00A0'));      // no-break space
  EXPECT_FALSE(IsTermCodePoint(U'\U0001D4D7'));  // 𝓗: a letter, but a surrogate pair in UTF-16
  // The combining mark of a decomposed é ends the term "cafe".
  EXPECT_TRUE(Has("cafe\xCC\x81", "cafe"));
  // Characters above U+FFFF separate terms.
  EXPECT_TRUE(
      Has("a\xF0\x9F\x98\x80"
          "b",
          "a"));
  EXPECT_TRUE(
      Has("a\xF0\x9F\x98\x80"
          "b",
          "B"));
  EXPECT_TRUE(Has("x\xF0\x9F\x98\x80y", "\xF0\x9F\x98\x80"));
  EXPECT_TRUE(
      Has("\xF0\x9D\x93\x97"
          "ello",
          "ello"));
  // CJK ideographs are letters: one run, one term.
  EXPECT_FALSE(Has("\xD0\x90\xE6\xA0\xB8", "\xE6\xA0\xB8"));
  EXPECT_TRUE(HasSuffix("\xD0\x90\xE6\xA0\xB8", "\xE6\xA0\xB8"));
  // Invalid UTF-8 reads as U+FFFD, a separator.
  EXPECT_TRUE(
      Has("abc\xFF"
          "def",
          "def"));
  EXPECT_TRUE(Has("abc\xC3", "abc"));
  EXPECT_TRUE(
      Has("\x80"
          "abc",
          "ABC"));
}

TEST(StringOpsTest, MatcherReusesPreparedNeedle) {
  Matcher has(Op::kHas, "Project1.In.Net", false);
  EXPECT_TRUE(has.Matches("a.sub.project1.in.net"));
  EXPECT_FALSE(has.Matches("project1.in.network"));
  Matcher unicode(Op::kContains, "\xC3\xA9t\xC3\xA9", false);  // été
  EXPECT_TRUE(unicode.Matches("L'\xC3\x89T\xC3\x89 dernier"));
  EXPECT_FALSE(unicode.Matches("ete"));
  Matcher eq(Op::kEquals, "\xC3\xA9t\xC3\xA9", false);
  EXPECT_TRUE(eq.Matches("\xC3\x89T\xC3\x89"));
  EXPECT_FALSE(eq.Matches("\xC3\x89T\xC3\x89 "));
  Matcher cs(Op::kHasSuffix, "Net", true);
  EXPECT_TRUE(cs.Matches("dotNet rocks"));
  EXPECT_FALSE(cs.Matches("dotnet rocks"));
}

TEST(StringOpsTest, FoldCaseIsTheEqualsIgnoreCaseKey) {
  EXPECT_EQ(FoldCase("Hello"), FoldCase("hELLO"));
  EXPECT_EQ(FoldCase("M\xC3\xBCller"), FoldCase("M\xC3\x9CLLER"));
  EXPECT_NE(FoldCase("strasse"), FoldCase("stra\xC3\x9F"
                                          "e"));
  EXPECT_NE(FoldCase("\xC5\xBF"), FoldCase("s"));
}

TEST(TermSetTest, HasAnyAndHasAll) {
  // t1-string-ops-0076 / 0077
  std::vector<std::string> needles{"alpha", "beta"};
  TermSet any(needles);
  Rows matched;
  for (std::string_view t : {"alpha", "Beta", "caf\xC3\xA9", "", "O'Brien"}) {
    if (any.MatchesAny(t)) matched.emplace_back(t);
  }
  EXPECT_EQ(matched, (Rows{"alpha", "Beta"}));
  EXPECT_TRUE(any.MatchesAny("x BETA y"));
  EXPECT_FALSE(any.MatchesAny("alphabet"));
  EXPECT_FALSE(any.MatchesAll("alpha"));
  EXPECT_TRUE(any.MatchesAll("beta_alpha"));
  std::vector<std::string> x{"x"};
  EXPECT_TRUE(TermSet(x).MatchesAll("x"));
  EXPECT_FALSE(TermSet(x).MatchesAll("kw"));
}

TEST(TermSetTest, MixesTermsPhrasesUnicodeAndEmpty) {
  std::vector<std::string> needles{"evil.com", "MIMIKATZ", "na\xC3\xAFve", "mimikatz", "42"};
  TermSet set(needles);
  EXPECT_TRUE(set.MatchesAny("download from www.EVIL.com now"));
  EXPECT_FALSE(set.MatchesAny("download from notevil.community"));
  EXPECT_TRUE(set.MatchesAny("run mimikatz.exe"));
  EXPECT_TRUE(set.MatchesAny("NA\xC3\x8FVE"));
  EXPECT_FALSE(set.MatchesAny("4242 naive"));
  EXPECT_TRUE(set.MatchesAll("evil.com: Mimikatz, na\xC3\xAFve 42"));
  EXPECT_FALSE(set.MatchesAll("evil.com: Mimikatz, na\xC3\xAFve 421"));
  std::vector<std::string> with_empty{"", "zzz"};
  EXPECT_TRUE(TermSet(with_empty).MatchesAny("anything"));
  EXPECT_FALSE(TermSet(with_empty).MatchesAll("anything"));
  EXPECT_TRUE(TermSet(with_empty).MatchesAll("a zzz"));
  std::vector<std::string> none;
  EXPECT_FALSE(TermSet(none).MatchesAny("a"));
  EXPECT_TRUE(TermSet(none).MatchesAll("a"));
}

TEST(TermSetTest, ManyNeedlesAgreeWithHas) {
  std::vector<std::string> needles;
  for (int i = 0; i < 200; ++i) needles.push_back("term" + std::to_string(i));
  needles.push_back("a.b");
  TermSet set(needles);
  for (std::string_view text : {"x term17 y", "term200", "TERM199", "xa.b", "a.b", "term1term2", ""}) {
    bool expected = false;
    for (const auto& n : needles) expected = expected || Has(text, n);
    EXPECT_EQ(set.MatchesAny(text), expected) << text;
  }
  std::string all;
  for (const auto& n : needles) all += n + " ";
  EXPECT_TRUE(set.MatchesAll(all));
  EXPECT_FALSE(set.MatchesAll(all.substr(7)));
}

TEST(TermSetTest, PhrasesFoundByTheirFirstTermAgreeWithHas) {
  std::vector<std::string> needles = {"evil.com",  "Sub.Evil.Com",     "evil.org/x",   "a-b",
                                      ".evil.net", "na\xC3\xAFve.com", "\xCE\x99x.com" /* Ιx.com */};
  for (int i = 0; i < 100; ++i) needles.push_back("h" + std::to_string(i) + ".duckdns.org");
  TermSet set(needles);
  for (std::string_view text : {"www.EVIL.com",
                                "evil.co evil.com",
                                "xevil.com",
                                "evil.comx",
                                "evil.commerce evil",
                                "SUB.evil.COM.",
                                "sub.evil.co",
                                "evil.org/x",
                                "evil.org/",
                                "A-B",
                                "ab",
                                "x.evil.net",
                                "xevil.net",
                                "NA\xC3\x8FVE.COM",
                                "\xCD\x85x.com" /* U+0345 folds to U+0399 */,
                                "\xCE\xB9x.com",
                                "h7.duckdns.org",
                                "h7.duckdns.or",
                                "xh7.duckdns.org",
                                "h100.duckdns.org",
                                "evil\xC3\xA9.com",
                                "\xC3\xA9"
                                "evil.com",
                                ""}) {
    bool expected = false;
    for (const auto& n : needles) expected = expected || Has(text, n);
    EXPECT_EQ(set.MatchesAny(text), expected) << text;
  }
}

}  // namespace
}  // namespace iochound::string_ops
