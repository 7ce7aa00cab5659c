// The term-hash prefilter: which term of a literal it looks for, and which lines it finds.
#include "decoders/term_prefilter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decoders/record_prefilter.h"
#include "ingest_test_util.h"

namespace iochound {
namespace {

using Terms = std::vector<std::string>;

TEST(WholeTermsTest, TermsAtAnEdgeAreWholeOnlyWhereTheQueryBoundsIt) {
  // has / == (both edges), hasprefix / startswith (start), hassuffix / endswith (end), contains.
  EXPECT_EQ(WholeTerms("Evil-Site.COM", true, true, 3), (Terms{"evil", "site", "com"}));
  EXPECT_EQ(WholeTerms("Evil-Site.COM", true, false, 3), (Terms{"evil", "site"}));
  EXPECT_EQ(WholeTerms("Evil-Site.COM", false, true, 3), (Terms{"site", "com"}));
  EXPECT_EQ(WholeTerms("Evil-Site.COM", false, false, 3), (Terms{"site"}));
  EXPECT_EQ(WholeTerms("abc", false, false, 3), Terms{});
  EXPECT_EQ(WholeTerms("abc", true, true, 3), Terms{"abc"});
}

TEST(WholeTermsTest, EveryOtherByteSeparates) {
  // `_` and non-ASCII letters end a run of ASCII letters and digits, as they do in the raw bytes.
  EXPECT_EQ(WholeTerms("my_host naïve2024 x\ny", false, false, 3), (Terms{"host", "ve2024"}));
  EXPECT_EQ(WholeTerms("ab.cd", true, true, 3), Terms{});
  EXPECT_EQ(WholeTerms("abc.defgh", true, true, 4), Terms{"defgh"});
}

TEST(ChooseTermsTest, PrefersTheTermFewestLiteralsShareThenTheLongest) {
  std::vector<Terms> whole_terms = {{"k3x9", "duckdns", "org"},
                                    {"q0w2e4r6", "duckdns", "org"},
                                    {"zz11", "hopto", "org"},
                                    {"hopto", "hopto"},
                                    {}};
  EXPECT_EQ(ChooseTerms(whole_terms), (Terms{"k3x9", "q0w2e4r6", "zz11", "hopto", ""}));
}

std::vector<uint64_t> FindLines(const TermPrefilter& terms, std::string_view window) {
  std::vector<uint64_t> lines;
  terms.FindLines(window, 1000, lines);
  for (uint64_t& line : lines) line -= 1000;
  return lines;
}

TEST(TermPrefilterTest, FindsLinesHoldingATermAsAWholeRunAnyCase) {
  const Terms terms = {"evil", "k3x9abcdefgh", "averyveryverylongterm"};
  TermPrefilter prefilter(terms, false);
  std::string window =
      "evilx,xevil,evil7\n"       // the term only inside longer runs
      "a,EvIl,b\n"                // any case
      "\"K3X9ABCDEFGH\"\n"        // quoted, longer than 8 bytes
      "averyveryverylongtermx\n"  // a longer run
      "x\xC3\xA9"
      "evil\xC3\xA9!\n"         // non-ASCII bytes separate
      "averyveryverylongterm";  // at the window's end, without '\n'
  std::vector<uint64_t> expected = {window.find("a,EvIl"), window.find("\"K3X9"), window.find("x\xC3"),
                                    window.rfind('\n') + 1};
  EXPECT_EQ(FindLines(prefilter, window), expected);
}

TEST(TermPrefilterTest, RunsAcrossBlocksAndAtTheEndAreLookedUp) {
  TermPrefilter prefilter(Terms{"needle"}, false);
  for (size_t pad = 50; pad < 140; ++pad) {
    std::string window = std::string(pad, '-') + "needle";
    EXPECT_EQ(FindLines(prefilter, window), std::vector<uint64_t>{0}) << pad;
    EXPECT_EQ(FindLines(prefilter, std::string(pad, '-') + "needles\n"), std::vector<uint64_t>{}) << pad;
    EXPECT_EQ(FindLines(prefilter, std::string(pad, 'x') + "-needle-\n-"), std::vector<uint64_t>{0}) << pad;
  }
}

// Terms of different lengths: runs shorter than the shortest and longer than the longest are ruled
// out by mask, and no run of a term's length may be lost with them, wherever it lies in a block.
TEST(TermPrefilterTest, EveryRunOfATermsLengthIsLookedUpAtAnyOffset) {
  const Terms terms = {"abcdefghij", "k1m2n3o4p5q6r"};  // 10 and 13 bytes
  TermPrefilter prefilter(terms, false);
  const std::string runs[] = {"abcdefghi", "abcdefghijk", "k1m2n3o4p5q6", "k1m2n3o4p5q6rs", "zabcdefghij"};
  for (size_t pad = 0; pad < 140; ++pad) {
    for (const std::string& before : {std::string(pad, '-'), std::string(pad, 'x') + "."}) {
      for (const std::string& term : terms) {
        EXPECT_EQ(FindLines(prefilter, before + term + "\n"), std::vector<uint64_t>{0}) << pad << term;
        EXPECT_EQ(FindLines(prefilter, before + term), std::vector<uint64_t>{0}) << pad << term;
        std::string after_long_runs = before + runs[3] + "," + runs[1] + ":" + term + ";" + runs[4];
        EXPECT_EQ(FindLines(prefilter, after_long_runs), std::vector<uint64_t>{0}) << pad << term;
      }
      for (const std::string& run : runs) {
        EXPECT_EQ(FindLines(prefilter, before + run + "\n"), std::vector<uint64_t>{}) << pad << run;
      }
    }
  }
}

TEST(TermPrefilterTest, JsonEscapesMakeCandidates) {
  TermPrefilter json(Terms{"evil"}, true);
  TermPrefilter csv(Terms{"evil"}, false);
  std::string window =
      "{\"a\":\"x\\nevil\"}\n"    // `\n` glues an n to the term
      "{\"a\":\"\\u0065vil\"}\n"  // `\u` can spell anything
      "{\"a\":\"x\\\\qevil\"}\n"  // no escape letter before the term
      "{\"a\":\"\\tEVIL\\/\"}\n";
  std::vector<uint64_t> expected = {0, window.find("{\"a\":\"\\u"), window.find("{\"a\":\"\\t")};
  EXPECT_EQ(FindLines(json, window), expected);
  EXPECT_EQ(FindLines(csv, window), std::vector<uint64_t>{});
}

TEST(TermPrefilterTest, LongListsAreHashedAndTheRestSearchedWithHyperscan) {
  std::vector<RecordPrefilter::Literal> literals;
  for (int i = 0; i < 6000; ++i)
    literals.push_back({"h" + std::to_string(1000 + i) + "x.duckdns.org", false, true, true});
  literals.push_back({"ab.cd", false, true, true});        // no term of 4 bytes
  literals.push_back({"xevil.com", false, false, false});  // contains: no whole term
  EXPECT_EQ(RecordPrefilter::Strategy(literals), "term hash for 6000, Hyperscan for 2");
  auto prefilter = RecordPrefilter::Make(literals, InputFormat::kJsonLines);
  ASSERT_NE(prefilter, nullptr);
  ASSERT_EQ(prefilter->pieces().size(), 2u);
  EXPECT_EQ(prefilter->pieces()[0].text, "ab.cd");
  std::string window =
      "{\"a\":\"duckdns.org\"}\n{\"a\":\"H1017X.duckdns.org\"}\n{\"a\":\"zab.cdz\"}\n{\"a\":\"\\u0041\"}\n"
      "{\"a\":\"h1017xx\"}\n";
  std::vector<uint64_t> expected = {window.find("{\"a\":\"H1017X"), window.find("{\"a\":\"zab"),
                                    window.find("{\"a\":\"\\u")};
  EXPECT_EQ(ingest_testing::CandidateLineStarts(*prefilter, window), expected);
  EXPECT_EQ(RecordPrefilter::Strategy(std::span(literals).first(10)), "Hyperscan");
}

}  // namespace
}  // namespace iochound
