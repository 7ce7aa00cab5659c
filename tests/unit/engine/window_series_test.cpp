// Window functions, make-series, top-nested and mv-apply end to end, with the outputs Kusto gives for
// the same queries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/diagnostics.h"
#include "query_test_util.h"

namespace iochound {
namespace {

using testing::ColumnValues;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunQuery;

std::vector<std::string> Names(const testing::QueryOutput& out) {
  std::vector<std::string> names;
  for (const auto& field : out.schema) names.push_back(field.name);
  return names;
}

std::string ErrorOf(const std::string& query) {
  try {
    RunQuery(query);
  } catch (const QueryError& error) {
    return error.what();
  }
  return "";
}

TEST(WindowTest, RowNumberStartsAndRestarts) {
  auto out = RunQuery(
      "datatable(k:long, v:long)[1,10, 1,20, 2,30, 2,40] | sort by k asc, v asc"
      " | serialize a = row_number(), b = row_number(100), c = row_number(1, k != prev(k))");
  EXPECT_THAT(Names(out), ElementsAre("k", "v", "a", "b", "c"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("1", "2", "3", "4"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("100", "101", "102", "103"));
  EXPECT_THAT(ColumnValues(out, 4), ElementsAre("1", "2", "1", "2"));
}

TEST(WindowTest, PrevAndNextWithOffsetsAndDefaults) {
  auto out = RunQuery(
      "datatable(v:long)[1, 2, 3, 4] | sort by v asc"
      " | extend p = prev(v), p2 = prev(v, 2, -1), n = next(v), n3 = next(v, 3, 0)");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("null", "1", "2", "3"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("-1", "-1", "1", "2"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("2", "3", "4", "null"));
  EXPECT_THAT(ColumnValues(out, 4), ElementsAre("4", "0", "0", "0"));
}

TEST(WindowTest, CumulativeSumRestartsAndSkipsNulls) {
  auto out = RunQuery(
      "datatable(g:string, x:long)['a',5, 'a',long(null), 'a',3, 'b',8, 'b',1] | serialize"
      " | extend cs = row_cumsum(x), cg = row_cumsum(x, g != prev(g))");
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("5", "5", "8", "16", "17"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("5", "5", "8", "8", "9"));
}

TEST(WindowTest, DenseAndMinimalRanks) {
  auto out = RunQuery(
      "datatable(s:long)[10, 10, 20, 20, 20, 5] | sort by s desc"
      " | serialize rd = row_rank_dense(s), rm = row_rank_min(s)");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("1", "1", "1", "2", "2", "3"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("1", "1", "1", "4", "4", "6"));
}

TEST(WindowTest, OrderIsKeptAcrossBatches) {
  // range yields several batches; the numbering and the sum continue from one to the next.
  auto out = RunQuery("range x from 1 to 10000 step 1 | extend rn = row_number(), p = prev(x) | where x > 9998");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("9999", "10000"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("9998", "9999"));
}

TEST(WindowTest, NeedsSerializedRows) {
  EXPECT_THAT(ErrorOf("datatable(s:string)['a', 'b'] | extend idx = row_number()"),
              HasSubstr("must be serialized"));
  EXPECT_THAT(ErrorOf("datatable(k:long)[1, 2] | summarize by k | extend p = prev(k)"),
              HasSubstr("must be serialized"));
  EXPECT_THAT(ErrorOf("datatable(k:long)[1, 2] | sort by k | where row_number() > 1"), HasSubstr("row_number"));
  // `top`, `serialize` and the operators that keep order after them are fine.
  EXPECT_EQ(RunQuery("datatable(x:long)[3, 1, 2] | top 2 by x asc | extend r = row_number()").rows.size(), 2u);
  EXPECT_EQ(RunQuery("datatable(x:long)[3, 1] | serialize | where x > 0 | extend r = row_number()").rows.size(),
            2u);
}

TEST(WindowTest, DefaultOfPrevMustBeConstant) {
  EXPECT_THAT(ErrorOf("datatable(t:long)[1, 2] | sort by t asc | serialize gap = t - prev(t, 1, t)"),
              HasSubstr("constant"));
}

TEST(MakeSeriesTest, BinsWithDefaultsAndAxis) {
  auto out = RunQuery(
      "datatable(t:long, v:long)[0,1, 2,3, 2,4, 4,5, 9,100] | make-series s = sum(v) default = -1, c = count()"
      " on t from 0 to 8 step 2");
  EXPECT_THAT(Names(out), ElementsAre("s", "c", "t"));
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0][0], "[1,7,5,-1]");
  EXPECT_EQ(out.rows[0][1], "[1,2,1,0]");
  EXPECT_EQ(out.rows[0][2], "[0,2,4,6]");
}

TEST(MakeSeriesTest, GroupsAndDatetimeAxisWithoutBounds) {
  auto out = RunQuery(
      "datatable(t:datetime, v:long, g:string)[datetime(2021-01-01),10,'a', datetime(2021-01-03),30,'a',"
      " datetime(2021-01-02),5,'b'] | make-series avg(v) on t step 1d by g | order by g asc");
  EXPECT_THAT(Names(out), ElementsAre("g", "avg_v", "t"));
  ASSERT_EQ(out.rows.size(), 2u);
  EXPECT_EQ(out.rows[0][1], "[10.0,0.0,30.0]");
  EXPECT_EQ(out.rows[1][1], "[0.0,5.0,0.0]");
  EXPECT_THAT(out.rows[0][2], HasSubstr("2021-01-03"));
}

TEST(MakeSeriesTest, EmptyRangeHasNoRows) {
  auto out = RunQuery(
      "datatable(t:long, v:long)[1, 5] | make-series s = sum(v) on t from 1 to 1 step 1");
  EXPECT_TRUE(out.rows.empty());
}

TEST(SeriesFunctionsTest, FillStatsAndFilters) {
  auto out = RunQuery(
      "print s = dynamic([1, null, 3, null]) | extend ff = series_fill_forward(s), fb = series_fill_backward(s),"
      " lin = series_fill_linear(s), st = series_stats_dynamic(dynamic([10, 20])),"
      " iir = series_iir(dynamic([1, 2, 3]), dynamic([1]), dynamic([1, -1])),"
      " g = array_iff(series_greater(dynamic([1, 5, 10]), 4), dynamic([1, 5, 10]), -1)");
  EXPECT_EQ(out.rows[0][1], "[1,1,3,3]");
  EXPECT_EQ(out.rows[0][2], "[1,3,3,null]");
  EXPECT_EQ(out.rows[0][3], "[1,2,3,4]");
  EXPECT_THAT(out.rows[0][4], HasSubstr("\"avg\":15.0"));
  EXPECT_EQ(out.rows[0][5], "[1.0,3.0,6.0]");
  EXPECT_EQ(out.rows[0][6], "[-1,5,10]");
}

TEST(TopNestedTest, TopValuesPerLevel) {
  auto out = RunQuery(
      "datatable(cat:string, sub:string, v:long)['a','x',10, 'a','x',20, 'a','y',5, 'b','x',30, 'c','z',1]"
      " | top-nested 2 of cat by sum(v), top-nested 1 of sub by Sub = sum(v) | order by cat asc");
  EXPECT_THAT(Names(out), ElementsAre("cat", "aggregated_cat", "sub", "Sub"));
  ASSERT_EQ(out.rows.size(), 2u);
  EXPECT_THAT(out.rows[0], ElementsAre("a", "35", "x", "30"));
  EXPECT_THAT(out.rows[1], ElementsAre("b", "30", "x", "30"));
}

TEST(MvApplyTest, SubqueryRunsPerRow) {
  auto out = RunQuery(
      "datatable(g:string, l:dynamic)['a', dynamic([1, 2]), 'b', dynamic([3, 4, 5])]"
      " | mv-apply x = l to typeof(long) on (summarize sm = sum(x), mx = max(x)) | order by g asc");
  // The expanded column `l` is not added back: the subquery's summarize dropped it.
  EXPECT_THAT(Names(out), ElementsAre("g", "sm", "mx"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("3", "12"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("2", "5"));
}

TEST(MvApplyTest, KeepsRowColumnsAndDropsRowsWithNoResult) {
  auto out = RunQuery(
      "datatable(id:long, l:dynamic)[1, dynamic([1, 8, 3]), 2, dynamic([2])]"
      " | mv-apply l to typeof(long) on (top 1 by l desc | where l > 2)");
  EXPECT_THAT(Names(out), ElementsAre("id", "l"));
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_THAT(out.rows[0], ElementsAre("1", "8"));
}

}  // namespace
}  // namespace iochound
