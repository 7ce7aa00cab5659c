// getschema, and the errors for operators iochound does not support: each names the operator, its
// position and the nearest supported alternative.
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

TEST(GetSchema, OneRowPerColumnWithClrAndKustoTypeNames) {
  auto out = RunQuery("datatable(a:long, b:dynamic, c:string, d:datetime)[] | getschema");
  ASSERT_EQ(out.schema.size(), 4u);
  EXPECT_EQ(out.schema[1].type, Type::Int);
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("a", "b", "c", "d"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("0", "1", "2", "3"));
  EXPECT_THAT(ColumnValues(out, 2),
              ElementsAre("System.Int64", "System.Object", "System.String", "System.DateTime"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("long", "dynamic", "string", "datetime"));
}

TEST(UnsupportedOperator, NamesItsPositionAndAnAlternative) {
  const std::string query = "range x from 1 to 10 step 1 | sample 3";
  try {
    RunQuery(query);
    FAIL() << "sample is not supported, the query must fail";
  } catch (const QueryError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("'sample'"));
    EXPECT_THAT(std::string(e.what()), HasSubstr("top N by rand()"));
    EXPECT_EQ(e.offset(), query.find("sample"));
  }
  try {
    RunQuery("print x = 1 | partition by x (take 1)");
    FAIL() << "partition is not supported, the query must fail";
  } catch (const QueryError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("summarize"));
  }
}

}  // namespace
}  // namespace iochound
