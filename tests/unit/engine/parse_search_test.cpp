// parse, parse-where, parse-kv, search and union end to end, with the outputs Kusto gives for the same
// queries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/diagnostics.h"
#include "query_test_util.h"

namespace iochound {
namespace {

using testing::ColumnValues;
using ::testing::ElementsAre;
using testing::RunQuery;

std::vector<std::string> Names(const testing::QueryOutput& out) {
  std::vector<std::string> names;
  for (const auto& field : out.schema) names.push_back(field.name);
  return names;
}

TEST(ParseTest, SimpleModeSplitsAtTheFirstDelimiterAndTheLastColumnTakesTheRest) {
  auto out = RunQuery(
      "datatable(s:string)['a###b###c', 'id=7 x'] | parse s with l:string '###' r:string | project l, r");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("a", ""));  // the second row does not match
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("b###c", ""));
}

TEST(ParseTest, TypedColumnsConvertAndAnUnconvertibleValueFailsTheRow) {
  auto out = RunQuery(
      "datatable(s:string)['n=42 d=2020-01-02 r=1.5', 'n=x d=2020-01-02 r=1'] "
      "| parse s with 'n=' n:long ' d=' d:datetime ' r=' r:real");
  EXPECT_THAT(Names(out), ElementsAre("s", "n", "d", "r"));
  EXPECT_EQ(out.schema[1].type, Type::Long);
  EXPECT_EQ(out.schema[2].type, Type::DateTime);
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("42", "null"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("2020-01-02T00:00:00Z", "null"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("1.500000", "null"));
}

TEST(ParseTest, StarSkipsTextAndRelaxedNullsOnlyTheBadColumn) {
  auto simple =
      RunQuery("print s='x: total=27abc, n=3' | parse s with * 'total=' t:long * 'n=' n:long | project t, n");
  EXPECT_THAT(simple.rows[0], ElementsAre("27", "3"));
  auto relaxed =
      RunQuery("print s='a=x b=2' | parse kind=relaxed s with 'a=' a:long ' b=' b:long | project a, b");
  EXPECT_THAT(relaxed.rows[0], ElementsAre("null", "2"));
}

TEST(ParseTest, RegexModeIsGreedyUnlessFlaggedUngreedy) {
  auto greedy = RunQuery(
      "print s='abc123def' | parse kind=regex s with letters:string @'\\d+' rest:string | project letters, "
      "rest");
  EXPECT_THAT(greedy.rows[0], ElementsAre("abc12", "def"));
  auto lazy = RunQuery(
      "print s='abc123def' | parse kind=regex flags=U s with letters:string @'\\d+' rest:string "
      "| project letters");
  EXPECT_THAT(lazy.rows[0], ElementsAre("abc"));
  auto ci = RunQuery("print s='ID=5' | parse kind=regex flags=i s with 'id=' n:int | project n");
  EXPECT_THAT(ci.rows[0], ElementsAre("5"));
}

TEST(ParseTest, ParseWhereDropsUnmatchedRows) {
  auto out =
      RunQuery("datatable(s:string)['k=1', 'nothing', 'k=2'] | parse-where s with 'k=' k:int | project k");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("1", "2"));
}

TEST(ParseTest, RejectsAdjacentColumnsAndBareKeywordNames) {
  EXPECT_THROW(RunQuery("print s='a1' | parse kind=regex s with a:string n:long"), QueryError);
  EXPECT_THROW(RunQuery("print s='from=a' | parse s with 'from=' from:string"), QueryError);
  EXPECT_THROW(RunQuery("print s='a' | parse kind=fancy s with a:string"), QueryError);
}

TEST(ParseKvTest, DelimitedPairsTrimmedFirstOccurrenceWins) {
  auto out = RunQuery(
      "print s=' a = 1 ; b=x=y ; a=2 ; junk' "
      "| parse-kv s as (a:int, b:string, c:string) with (pair_delimiter=';', kv_delimiter='=')");
  EXPECT_THAT(Names(out), ElementsAre("s", "a", "b", "c"));
  EXPECT_THAT(out.rows[0], ElementsAre(" a = 1 ; b=x=y ; a=2 ; junk", "1", "x=y", ""));
}

TEST(ParseKvTest, QuotesProtectDelimitersAndGreedyValuesRunToTheNextKey) {
  auto quoted = RunQuery(
      "print s=\"k='a;b';m='c\\\\'d'\" "
      "| parse-kv s as (k:string, m:string) with (pair_delimiter=';', kv_delimiter='=', quote=\"'\", "
      "escape='\\\\') | project k, m");
  EXPECT_THAT(quoted.rows[0], ElementsAre("a;b", "c'd"));
  auto greedy = RunQuery(
      "print s='name=John Doe phone=555 5555 city=New York' "
      "| parse-kv s as (name:string, phone:string, city:string) "
      "with (pair_delimiter=' ', kv_delimiter='=', greedy=true) | project-away s");
  EXPECT_THAT(greedy.rows[0], ElementsAre("John Doe", "555 5555", "New York"));
}

TEST(ParseKvTest, RegexAndAutomaticDelimiters) {
  auto regex = RunQuery(
      "print s='x:1, y:2' | parse-kv s as (y:long, x:long) with (regex=@'(\\w+):(\\d+)') | project x, y");
  EXPECT_THAT(regex.rows[0], ElementsAre("1", "2"));
  auto automatic = RunQuery(
      "print s=\"name: 'John Doe', phone:555 5555\" "
      "| parse-kv s as (name:string, phone:string) with (quote=\"'\") | project name, phone");
  EXPECT_THAT(automatic.rows[0], ElementsAre("John Doe", "555"));
}

TEST(SearchTest, TermsMatchAnyColumnAsHasAndAddTableColumn) {
  const char* data = "datatable(s:string, n:long)['alpha apple',1, 'Beta banana',2, 'gamma',3]";
  auto out = RunQuery(std::string(data) + " | search 'beta' or '3'");
  EXPECT_THAT(Names(out), ElementsAre("$table", "s", "n"));
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("search_arg0", "search_arg0"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("Beta banana", "gamma"));
  EXPECT_TRUE(RunQuery(std::string(data) + " | search 'ban'").rows.empty());
  EXPECT_TRUE(RunQuery(std::string(data) + " | search kind=case_sensitive 'beta'").rows.empty());
}

TEST(SearchTest, WildcardsAndColumnPredicates) {
  const char* data = "datatable(s:string, n:long)['alpha apple',1, 'Beta banana',2, 'gamma',3]";
  auto prefix = RunQuery(std::string(data) + " | search 'a*' | project s");
  EXPECT_THAT(ColumnValues(prefix, 0), ElementsAre("alpha apple"));
  auto contains = RunQuery(std::string(data) + " | search '*amm*' | project s");
  EXPECT_THAT(ColumnValues(contains, 0), ElementsAre("gamma"));
  auto inner = RunQuery(std::string(data) + " | search 'b*na' | project s");
  EXPECT_THAT(ColumnValues(inner, 0), ElementsAre("Beta banana"));
  auto star = RunQuery(std::string(data) + " | search * has 'gamma' and n > 2 | project n");
  EXPECT_THAT(ColumnValues(star, 0), ElementsAre("3"));
}

TEST(UnionTest, WithSourceNamesOperandsAndInnerKeepsCommonColumns) {
  const char* data = "let A = datatable(x:long, y:long)[1,10]; let B = datatable(x:long)[2];\n";
  auto source = RunQuery(std::string(data) + "union withsource=t A, B | order by x asc");
  EXPECT_THAT(Names(source), ElementsAre("t", "x", "y"));
  EXPECT_THAT(ColumnValues(source, 0), ElementsAre("union_arg0", "union_arg1"));
  auto inner = RunQuery(std::string(data) + "A | union kind=inner B");
  EXPECT_THAT(Names(inner), ElementsAre("x"));
  EXPECT_EQ(inner.rows.size(), 2u);
}

TEST(RangeFunctionTest, BuildsInclusiveSeriesOfNumbersAndTimes) {
  auto out = RunQuery(
      "print a=range(1, 7, 3), b=range(3, 1, -1), c=range(1.0, 2, 0.5), "
      "d=range(datetime(2020-01-01), datetime(2020-01-01 02:00)), e=range(1, 5, 0)");
  EXPECT_EQ(out.rows[0][0], "[1,4,7]");
  EXPECT_EQ(out.rows[0][1], "[3,2,1]");
  EXPECT_EQ(out.rows[0][2], "[1.0,1.5,2.0]");
  EXPECT_EQ(out.rows[0][4], "null");
  auto times =
      RunQuery("print d=range(datetime(2020-01-01), datetime(2020-01-01 02:00)) | mv-expand d | count");
  EXPECT_THAT(times.rows[0], ElementsAre("3"));
}

TEST(CountDistinctTest, CountsDistinctNonNullValues) {
  auto out = RunQuery(
      "datatable(k:long, v:string, n:long)[1,'a',1, 1,'a',2, 1,'b',long(null), 2,'c',3] "
      "| summarize count_distinct(v), d=count_distinct(n), f=count_distinctif(v, n > 1) by k | order by k "
      "asc");
  EXPECT_EQ(out.schema[1].name, "count_distinct_v");
  EXPECT_THAT(out.rows[0], ElementsAre("1", "2", "2", "1"));
  EXPECT_THAT(out.rows[1], ElementsAre("2", "1", "1", "1"));
}

TEST(SearchTest, StarMatchesEveryRow) {
  auto out = RunQuery(R"(datatable(a:long, b:string)[1, "x", 2, ""] | search * | project a)");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("1", "2"));
}

}  // namespace
}  // namespace iochound
