// Sigma conditions: and/or/not, parentheses, precedence (or < and < not < x of < parentheses, per
// the specification), `1 of` / `all of` patterns and `them`, condition lists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigma_test_util.h"

namespace iochound {
namespace {

using sigma_testing::Event;
using sigma_testing::FailureReason;
using sigma_testing::Matches;
using sigma_testing::Rule;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Events 0..7 have fields A, B, C set to "1" in every combination (bit 0 A, bit 1 B, bit 2 C).
std::vector<Event> AllCombinations() {
  std::vector<Event> events;
  for (int bits = 0; bits < 8; ++bits) {
    std::string json = "{";
    for (int i = 0; i < 3; ++i) {
      json += (i ? ", " : "") + std::string("\"") + char('A' + i) + "\": \"" + ((bits >> i) & 1 ? "1" : "0") +
              "\"";
    }
    events.push_back({json + "}"});
  }
  return events;
}

const char* const kSelections =
    "    sel_a:\n        A: '1'\n    sel_b:\n        B: '1'\n    filter_c:\n        C: '1'\n";

std::vector<int> RunCondition(const std::string& condition) {
  return Matches(Rule(std::string(kSelections) + "    condition: " + condition + "\n"), AllCombinations());
}

TEST(SigmaConditionsTest, AndOrNot) {
  EXPECT_THAT(RunCondition("sel_a and sel_b"), ElementsAre(3, 7));
  EXPECT_THAT(RunCondition("sel_a or sel_b"), ElementsAre(1, 2, 3, 5, 6, 7));
  EXPECT_THAT(RunCondition("sel_a and not filter_c"), ElementsAre(1, 3));
  EXPECT_THAT(RunCondition("not sel_a"), ElementsAre(0, 2, 4, 6));
}

TEST(SigmaConditionsTest, AndBindsTighterThanOrAndNotTighterThanAnd) {
  // a or (b and (not c))
  EXPECT_THAT(RunCondition("sel_a or sel_b and not filter_c"), ElementsAre(1, 2, 3, 5, 7));
  // (not a) and b
  EXPECT_THAT(RunCondition("not sel_a and sel_b"), ElementsAre(2, 6));
  EXPECT_THAT(RunCondition("(sel_a or sel_b) and not filter_c"), ElementsAre(1, 2, 3));
  EXPECT_THAT(RunCondition("not (sel_a or sel_b)"), ElementsAre(0, 4));
}

TEST(SigmaConditionsTest, OneOfAndAllOfPatterns) {
  EXPECT_THAT(RunCondition("1 of sel_*"), ElementsAre(1, 2, 3, 5, 6, 7));
  EXPECT_THAT(RunCondition("all of sel_*"), ElementsAre(3, 7));
  EXPECT_THAT(RunCondition("1 of sel_* and not 1 of filter_*"), ElementsAre(1, 2, 3));
  EXPECT_THAT(RunCondition("all of sel_* and not 1 of filter*"), ElementsAre(3));
  EXPECT_THAT(RunCondition("any of *_c"), ElementsAre(4, 5, 6, 7));
}

TEST(SigmaConditionsTest, ThemIsEveryIdentifierNotStartingWithUnderscore) {
  EXPECT_THAT(RunCondition("all of them"), ElementsAre(7));
  EXPECT_THAT(RunCondition("1 of them"), ElementsAre(1, 2, 3, 4, 5, 6, 7));
  auto rows =
      Matches(Rule("    sel:\n        A: '1'\n    _helper:\n        B: '1'\n    condition: all of them\n"),
              AllCombinations());
  EXPECT_THAT(rows, ElementsAre(1, 3, 5, 7));
}

TEST(SigmaConditionsTest, ConditionListIsOr) {
  auto rows = Matches(
      Rule(std::string(kSelections) + "    condition:\n        - sel_a and sel_b\n        - filter_c\n"),
      AllCombinations());
  EXPECT_THAT(rows, ElementsAre(3, 4, 5, 6, 7));
}

TEST(SigmaConditionsTest, ListOfMapsIsOrAndMapIsAnd) {
  auto rows =
      Matches(Rule("    sel:\n        - A: '1'\n          B: '1'\n        - C: '1'\n    condition: sel\n"),
              AllCombinations());
  EXPECT_THAT(rows, ElementsAre(3, 4, 5, 6, 7));
}

TEST(SigmaConditionsTest, BadConditionsAreReported) {
  EXPECT_THAT(FailureReason(Rule(std::string(kSelections) + "    condition: sel_a and sel_x\n")),
              HasSubstr("'sel_x'"));
  EXPECT_THAT(FailureReason(Rule(std::string(kSelections) + "    condition: 1 of nothing_*\n")),
              HasSubstr("no search identifier matches 'nothing_*'"));
  EXPECT_THAT(FailureReason(Rule(std::string(kSelections) + "    condition: (sel_a or sel_b\n")),
              HasSubstr("')'"));
  EXPECT_THAT(FailureReason(Rule(std::string(kSelections) + "    condition: sel_a | count() > 5\n")),
              HasSubstr("aggregation"));
  EXPECT_THAT(FailureReason(Rule(std::string(kSelections))), HasSubstr("no condition"));
}

}  // namespace
}  // namespace iochound
