// Comparisons of strings with numbers and bools with numbers, as published Sentinel queries write them
// (`ResultType == 0`, `EventID == "4624"`, `IsExploitAvailable == 1`), column_ifexists and typeof.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/diagnostics.h"
#include "query_test_util.h"

namespace iochound {
namespace {

using testing::ColumnValues;
using ::testing::ElementsAre;
using testing::RunQuery;

TEST(MixedTypeComparison, StringColumnAgainstNumberConvertsTheString) {
  auto out = RunQuery(R"(datatable(ResultType:string)["0", "50126", "abc", ""]
| extend eq = ResultType == 0, ne = ResultType != 0, gt = ResultType > 100)");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("true", "false", "false", "false"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("false", "true", "true", "true"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("false", "true", "null", "null"));
}

TEST(MixedTypeComparison, NumberColumnAgainstStringLiteralAndList) {
  auto out = RunQuery(R"(datatable(EventID:int)[4624, 4625, 4688]
| where EventID == "4624" or EventID in ("4688", "x"))");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("4624", "4688"));
}

TEST(MixedTypeComparison, BoolAgainstNumberAndString) {
  auto out = RunQuery(R"(datatable(b:bool)[true, false]
| extend one = b == 1, zero = b == 0, text = b == "true")");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("true", "false"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("false", "true"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("true", "false"));
}

TEST(MixedTypeComparison, IncomparableTypesStayAnError) {
  EXPECT_THROW(RunQuery("print datetime(2020-01-01) == 1"), QueryError);
}

TEST(ColumnIfExists, UsesTheColumnOrTheDefault) {
  auto out = RunQuery(R"(datatable(a:long)[1, 2]
| extend x = column_ifexists("a", 0), y = column_ifexists("missing", "none"))");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("1", "2"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("none", "none"));
}

TEST(TypeOf, GivesExtractJsonItsResultType) {
  auto out = RunQuery(R"(print n = extractjson("$.a", '{"a": 7}', typeof(long)))");
  ASSERT_EQ(out.schema[0].type, Type::Long);
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("7"));
  EXPECT_THROW(RunQuery("print typeof(nosuchtype)"), QueryError);
}

TEST(Between, ATimespanUpperBoundCountsFromTheDatetimeLowerBound) {
  // Kusto's example: StartTime between (datetime(2007-07-27) .. 3d) is the 27th to the 30th.
  auto out = RunQuery(
      R"(datatable(t:datetime)[datetime(2007-07-26T23:00), datetime(2007-07-27), datetime(2007-07-30),
  datetime(2007-07-30T00:00:01)] | extend inside = t between (datetime(2007-07-27) .. 3d), outside = t !between (datetime(2007-07-27) .. 3d))");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("false", "true", "true", "false"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("true", "false", "false", "true"));
}

TEST(MakeSet, TakesItsMaxSizeAsANamedArgument) {
  auto out = RunQuery(
      R"(datatable(x:long)[1, 2, 3] | summarize s = make_set(x, maxSize = 2), l = make_list_if(x, x > 1, maxSize = 1))");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("[1,2]"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("[2]"));
  EXPECT_THROW(RunQuery("datatable(x:long)[1] | summarize make_set(x, size = 2)"), QueryError);
}

TEST(PackAll, PacksEveryColumnOfTheRow) {
  auto out = RunQuery(R"(datatable(a:long, b:string)[1, "x"] | extend p = pack_all())");
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre(R"({"a":1,"b":"x"})"));
}

TEST(MvExpand, ExpandingAStringColumnThroughTodynamicMakesItDynamic) {
  auto out = RunQuery(R"(datatable(Entities:string)['[{"n":"a"},{"n":"b"}]']
| mv-expand todynamic(Entities) | extend name = tostring(Entities.n))");
  ASSERT_EQ(out.schema[0].type, Type::Dynamic);
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("a", "b"));
}

}  // namespace
}  // namespace iochound
