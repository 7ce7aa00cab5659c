// The engine end to end in memory: parse, bind, plan and execute over datatables.
#include "engine/engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/diagnostics.h"
#include "query_test_util.h"

namespace iochound {
namespace {

using testing::ColumnValues;
using ::testing::ElementsAre;
using testing::RunQuery;

const char* const kDns =
    R"(let DnsEvents = datatable(TimeGenerated:datetime, Computer:string, Name:string, QueryType:string)[
  datetime(2026-04-18 10:00:00), "ws1", "project1.in.net", "A",
  datetime(2026-04-18 10:05:00), "ws2", "c2.PROJECT1.IN.NET", "A",
  datetime(2026-04-18 09:00:00), "ws3", "xproject1.in.net", "A",
  datetime(2026-04-18 11:00:00), "ws4", "project1.in.network", "AAAA",
  datetime(2026-04-18 08:00:00), "ws5", "defence.in.net.", "A",
  datetime(2026-04-18 12:00:00), "ws6", "project1.in.net.evil.com", "TXT",
  datetime(2026-04-18 07:00:00), "ws7", "example.com", "A"];
)";

TEST(EngineTest, SeedHuntFindsTermAlignedMatchesNewestFirst) {
  auto out = RunQuery(std::string(kDns) + R"(
let malicious_domains = dynamic(["project1.in.net", "defence.in.net"]);
DnsEvents
| where Name has_any (malicious_domains)
| project TimeGenerated, Computer, Name, QueryType
| order by TimeGenerated desc)");
  ASSERT_EQ(out.schema.size(), 4u);
  EXPECT_EQ(out.schema[0].type, Type::DateTime);
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("ws6", "ws2", "ws1", "ws5"));
}

// Sigma rules chain thousands of terms: each `or` keeps a display text cut short, not the whole
// chain below it, whose memory would grow with the square of its length.
TEST(EngineTest, ALongChainOfTermsKeepsShortDisplayTexts) {
  std::string query = "datatable(x:long, s:string)[1, \"a\", 2, \"b\"] | where x == 0";
  for (int term = 1; term <= 3000; ++term) query += " or s has \"term" + std::to_string(term) + "\"";
  query += " or x == 2";
  EXPECT_THAT(ColumnValues(RunQuery(query), 0), ElementsAre("2"));
  const std::string plan = Prepare(query, Catalog())->Explain();
  // The filter's line holds 120 characters of its text and " ...".
  EXPECT_LT(plan.size(), 300u) << plan;
  EXPECT_THAT(plan, ::testing::HasSubstr("x == 0 or s has \"term1\" or s has \"term2\""));
}

TEST(EngineTest, ProjectKeepsOnlyNamedColumnsInOrder) {
  auto out = RunQuery(std::string(kDns) + "DnsEvents | project Name, Computer | take 1");
  ASSERT_EQ(out.schema.size(), 2u);
  EXPECT_EQ(out.schema[0].name, "Name");
  EXPECT_EQ(out.schema[1].name, "Computer");
  EXPECT_EQ(out.rows.size(), 1u);
}

TEST(EngineTest, OrderByPutsNullsFirstAscendingAndLastDescending) {
  const char* data = "datatable(x:long)[3, long(null), 1, 2]";
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + " | order by x asc"), 0),
              ElementsAre("null", "1", "2", "3"));
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + " | order by x desc"), 0),
              ElementsAre("3", "2", "1", "null"));
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + " | order by x asc nulls last"), 0),
              ElementsAre("1", "2", "3", "null"));
}

TEST(EngineTest, SummarizeCountsByKeyAndNamesColumnsAsKusto) {
  auto out =
      RunQuery(std::string(kDns) +
               "DnsEvents | summarize count(), dcount(Computer) by QueryType | order by QueryType asc");
  ASSERT_EQ(out.schema.size(), 3u);
  EXPECT_EQ(out.schema[0].name, "QueryType");
  EXPECT_EQ(out.schema[1].name, "count_");
  EXPECT_EQ(out.schema[2].name, "dcount_Computer");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("A", "AAAA", "TXT"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("5", "1", "1"));
}

TEST(EngineTest, SummarizeWithoutRowsStillYieldsOneRow) {
  auto out = RunQuery("datatable(x:long)[1] | where x > 5 | summarize count()");
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0][0], "0");
}

TEST(EngineTest, SummarizeByBinGroupsTimes) {
  auto out = RunQuery(
      std::string(kDns) +
      "DnsEvents | summarize n = count() by bin(TimeGenerated, 1h) | order by TimeGenerated asc | take 2");
  EXPECT_EQ(out.schema[0].name, "TimeGenerated");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("2026-04-18T07:00:00Z", "2026-04-18T08:00:00Z"));
}

TEST(EngineTest, ArgMaxReturnsTheWholeRowOfTheLatestEvent) {
  auto out =
      RunQuery(std::string(kDns) +
               "DnsEvents | summarize arg_max(TimeGenerated, *) by QueryType | order by QueryType asc");
  ASSERT_GE(out.schema.size(), 3u);
  EXPECT_EQ(out.schema[1].name, "TimeGenerated");
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("ws2", "ws4", "ws6"));
}

TEST(EngineTest, ArgMaxAmongOtherAggregatesReturnsItsColumnsNamedUniquely) {
  auto out = RunQuery(
      "datatable(k:long, v:long, w:long)[1,10,100, 1,10,50, 1,20,200, 2,30,300, 2,30,150]"
      " | summarize n = count(), arg_max(v, w), arg_min(v, w), arg_max(w, v) by k | order by k asc");
  std::vector<std::string> names;
  for (const auto& field : out.schema) names.push_back(field.name);
  EXPECT_THAT(names, ElementsAre("k", "n", "v", "w", "v1", "w1", "w2", "v2"));
  // Ties keep the first row: (10, 100) is the minimum of k=1, (30, 300) both extremes of k=2.
  EXPECT_THAT(out.rows[0], ElementsAre("1", "3", "20", "200", "10", "100", "200", "20"));
  EXPECT_THAT(out.rows[1], ElementsAre("2", "2", "30", "300", "30", "300", "300", "30"));
}

TEST(EngineTest, ArgMaxStarAmongOtherAggregatesSkipsKeysAndTheMaximizedColumn) {
  auto out = RunQuery(std::string(kDns) +
                      "DnsEvents | summarize count(), latest = arg_max(TimeGenerated, *), dcount(Computer)"
                      " by QueryType | order by QueryType asc");
  std::vector<std::string> names;
  for (const auto& field : out.schema) names.push_back(field.name);
  EXPECT_THAT(names, ElementsAre("QueryType", "count_", "latest", "Computer", "Name", "dcount_Computer"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("ws2", "ws4", "ws6"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("5", "1", "1"));
}

TEST(EngineTest, ArgMinAmongOtherAggregatesKeepsTheFirstRowWhenEveryKeyIsNull) {
  auto out = RunQuery(
      "datatable(g:string, x:long)['a', long(null), 'a', long(null)]"
      " | summarize mx = max(x), argn = arg_min(x, g) by g");
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_THAT(out.rows[0], ElementsAre("a", "null", "null", "a"));
  EXPECT_EQ(out.schema[3].name, "g1");
}

TEST(EngineTest, TopDistinctCountAndExtend) {
  EXPECT_THAT(
      ColumnValues(RunQuery(std::string(kDns) + "DnsEvents | top 2 by TimeGenerated | project Computer"), 0),
      ElementsAre("ws6", "ws4"));
  EXPECT_EQ(RunQuery(std::string(kDns) + "DnsEvents | distinct QueryType").rows.size(), 3u);
  EXPECT_EQ(RunQuery(std::string(kDns) + "DnsEvents | count").rows[0][0], "7");
  auto extended = RunQuery(std::string(kDns) +
                           "DnsEvents | extend n = strlen(Name) | project-away TimeGenerated | take 1");
  EXPECT_EQ(extended.schema.back().name, "n");
  EXPECT_EQ(extended.schema.front().name, "Computer");
  EXPECT_EQ(extended.rows[0].back(), "15");
}

TEST(EngineTest, InAndCaseInsensitiveInAndBetween) {
  const char* data = "datatable(s:string, n:long)['Alpha', 1, 'beta', 5, 'GAMMA', 10]";
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + " | where s in ('alpha', 'beta') | project s"), 0),
              ElementsAre("beta"));
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + " | where s in~ ('alpha', 'gamma') | project s"), 0),
              ElementsAre("Alpha", "GAMMA"));
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + " | where n between (2 .. 10) | project s"), 0),
              ElementsAre("beta", "GAMMA"));
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + " | where s !in ('beta') | project s"), 0),
              ElementsAre("Alpha", "GAMMA"));
}

TEST(EngineTest, DynamicMemberAndIndexAccess) {
  auto out = RunQuery(
      R"(print d = dynamic({"a": {"b": [10, 20, 30]}}) | project x = d.a.b[1], y = d["a"].b[-1], z = d.missing)");
  EXPECT_EQ(out.rows[0][0], "20");
  EXPECT_EQ(out.rows[0][1], "30");
  EXPECT_EQ(out.rows[0][2], "null");
}

TEST(EngineTest, UnknownColumnNamesTheClosestOne) {
  try {
    RunQuery(std::string(kDns) + "DnsEvents | where Nmae has 'x'");
    FAIL() << "expected a QueryError";
  } catch (const QueryError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("unknown column or scalar 'Nmae'"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("did you mean 'Name'"));
    std::string text = std::string(kDns) + "DnsEvents | where Nmae has 'x'";
    EXPECT_EQ(text.substr(error.offset(), error.length()), "Nmae");
  }
}

TEST(EngineTest, UnknownTableSaysHowToBindIt) {
  try {
    RunQuery("DnsEvents | take 1");
    FAIL() << "expected a QueryError";
  } catch (const QueryError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("--table DnsEvents=PATH"));
  }
}

TEST(EngineTest, WhereNeedsABoolean) {
  EXPECT_THROW(RunQuery("datatable(x:long)[1] | where x"), QueryError);
}

TEST(EngineTest, StringOperatorsNegatedAndCaseSensitive) {
  const char* data = "datatable(s:string)['Hello World', 'hello_world', 'HELLOWORLD']";
  EXPECT_EQ(RunQuery(std::string(data) + " | where s has 'hello'").rows.size(), 2u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s !has 'hello'").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s has_cs 'Hello'").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s contains 'loworld'").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s startswith 'HELLO'").rows.size(), 3u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s startswith_cs 'HELLO'").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s =~ 'helloworld'").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s == 'helloworld'").rows.size(), 0u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s matches regex '^[A-Z]+$'").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(data) + " | where s has_all ('hello', 'world')").rows.size(), 2u);
}

TEST(EngineTest, InFlattensDynamicArraysFromASubquery) {
  const char* lists = "let l = datatable(x:dynamic)[dynamic(['net', 'Org']), dynamic(['com'])];";
  EXPECT_EQ(RunQuery(std::string(lists) + "print a = 'NET' | where a in~ (l)").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(lists) + "print a = 'org' | where a in~ (l)").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(lists) + "print a = 'NET' | where a in (l)").rows.size(), 0u);
  EXPECT_EQ(RunQuery(std::string(lists) + "print a = 'net' | where a in (l)").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(lists) + "print a = 'com' | where a !in (l)").rows.size(), 0u);
  EXPECT_EQ(RunQuery(std::string(lists) + "print a = 'xyz' | where a !in (l)").rows.size(), 1u);
  EXPECT_EQ(RunQuery(std::string(lists) + "print a = 'xyz' | where a in~ (l)").rows.size(), 0u);
}

}  // namespace
}  // namespace iochound
