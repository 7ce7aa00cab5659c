// The expected texts are copied from sample rows of kusto-verdicts/verdicts.jsonl, so a renderer
// bug cannot hide behind a matching engine bug.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "suite_render.h"

namespace iochound::conformance {
namespace {

constexpr int64_t kSecond = 10'000'000;
constexpr int64_t kDay = 86'400 * kSecond;

TEST(SuiteRenderTest, RealsUseDotNetRoundTripFormat) {
  EXPECT_EQ(SuiteRenderer::Real(9), "9");
  EXPECT_EQ(SuiteRenderer::Real(2.5), "2.5");
  EXPECT_EQ(SuiteRenderer::Real(-0.0), "-0");
  EXPECT_EQ(SuiteRenderer::Real(0.0), "0");
  EXPECT_EQ(SuiteRenderer::Real(-2.1500000000000004), "-2.1500000000000004");
  EXPECT_EQ(SuiteRenderer::Real(3.3333333333333335), "3.3333333333333335");
  EXPECT_EQ(SuiteRenderer::Real(15000000000), "15000000000");
  EXPECT_EQ(SuiteRenderer::Real(54000000000), "54000000000");
  EXPECT_EQ(SuiteRenderer::Real(1e14), "100000000000000");
  EXPECT_EQ(SuiteRenderer::Real(1e15), "1E+15");
  EXPECT_EQ(SuiteRenderer::Real(1e19), "1E+19");
  EXPECT_EQ(SuiteRenderer::Real(1e300), "1E+300");
  EXPECT_EQ(SuiteRenderer::Real(6.21355968e17), "6.21355968E+17");
  EXPECT_EQ(SuiteRenderer::Real(-3.0744573456182584e18), "-3.0744573456182584E+18");
  EXPECT_EQ(SuiteRenderer::Real(9.223372036854776e18), "9.223372036854776E+18");
  EXPECT_EQ(SuiteRenderer::Real(1.7976931348623157e308), "1.7976931348623157E+308");
  EXPECT_EQ(SuiteRenderer::Real(5e-324), "5E-324");
  EXPECT_EQ(SuiteRenderer::Real(0.0001), "0.0001");
  EXPECT_EQ(SuiteRenderer::Real(1e-5), "1E-05");
  EXPECT_EQ(SuiteRenderer::Real(1e-7), "1E-07");
  EXPECT_EQ(SuiteRenderer::Real(0.3333333333333333), "0.3333333333333333");
  EXPECT_EQ(SuiteRenderer::Real(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(SuiteRenderer::Real(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(SuiteRenderer::Real(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(SuiteRenderTest, DateTimesHaveSevenFractionDigits) {
  EXPECT_EQ(SuiteRenderer::DateTime(0), "1970-01-01T00:00:00.0000000Z");
  // 2007-01-01 is 13514 days after the epoch.
  EXPECT_EQ(SuiteRenderer::DateTime(13514 * kDay), "2007-01-01T00:00:00.0000000Z");
  // Year 1, the first tick, and the last tick of year 9999.
  const int64_t year1 = -719162 * kDay;
  EXPECT_EQ(SuiteRenderer::DateTime(year1 + 1), "0001-01-01T00:00:00.0000001Z");
  EXPECT_EQ(SuiteRenderer::DateTime(2932897 * kDay - 1), "9999-12-31T23:59:59.9999999Z");
  EXPECT_EQ(SuiteRenderer::DateTime(-1), "1969-12-31T23:59:59.9999999Z");
  // 2020-06-15T13:45:09.1234567Z
  EXPECT_EQ(SuiteRenderer::DateTime(18428 * kDay + (13 * 3600 + 45 * 60 + 9) * kSecond + 1234567),
            "2020-06-15T13:45:09.1234567Z");
}

TEST(SuiteRenderTest, TimeSpansUseDotNetConstantFormat) {
  EXPECT_EQ(SuiteRenderer::TimeSpan(1), "00:00:00.0000001");
  EXPECT_EQ(SuiteRenderer::TimeSpan(90 * 60 * kSecond), "01:30:00");
  EXPECT_EQ(SuiteRenderer::TimeSpan(kDay + 1), "1.00:00:00.0000001");
  EXPECT_EQ(SuiteRenderer::TimeSpan(-kDay), "-1.00:00:00");
  EXPECT_EQ(SuiteRenderer::TimeSpan(-30 * 60 * kSecond), "-00:30:00");
  EXPECT_EQ(SuiteRenderer::TimeSpan(kDay + (2 * 3600 + 3 * 60 + 4) * kSecond + kSecond / 2),
            "1.02:03:04.5000000");
  EXPECT_EQ(SuiteRenderer::TimeSpan(3652058 * kDay), "3652058.00:00:00");
  EXPECT_EQ(SuiteRenderer::TimeSpan(0), "00:00:00");
}

TEST(SuiteRenderTest, ScalarsAndTuples) {
  std::vector<Value> row = {Value::Long(1),    Value::String("a_x"), Value::Real(1.5),
                            Value::Bool(true), Value::String("p"),   Value::Null(Type::Long)};
  EXPECT_EQ(SuiteRenderer::Row(row), "(1, 'a_x', 1.5, True, 'p', null)");
  std::vector<Value> single = {Value::Real(2)};
  EXPECT_EQ(SuiteRenderer::Row(single), "(2)");
  // Strings are not escaped: quotes, tabs and non-ASCII text appear as they are.
  EXPECT_EQ(SuiteRenderer::Scalar(Value::String("O'Brien's")), "'O'Brien's'");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::String("tab\tsep")), "'tab\tsep'");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::String("")), "''");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::Bool(false)), "False");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::Int(-99)), "-99");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::Guid("11111111-1111-1111-1111-111111111111")),
            "'11111111-1111-1111-1111-111111111111'");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::Null(Type::Guid)), "null");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::Null(Type::DateTime)), "null");
  EXPECT_EQ(SuiteRenderer::Scalar(Value::Dyn(Dynamic())), "null");
}

TEST(SuiteRenderTest, TypeNames) {
  EXPECT_EQ(SuiteRenderer::TypeName(Type::Int), "Int");
  EXPECT_EQ(SuiteRenderer::TypeName(Type::Long), "Int");
  EXPECT_EQ(SuiteRenderer::TypeName(Type::Real), "Real");
  EXPECT_EQ(SuiteRenderer::TypeName(Type::Decimal), "Real");
  EXPECT_EQ(SuiteRenderer::TypeName(Type::DateTime), "DateTime");
  EXPECT_EQ(SuiteRenderer::TypeName(Type::TimeSpan), "TimeSpan");
  EXPECT_EQ(SuiteRenderer::TypeName(Type::Guid), "Guid");
}

TEST(SuiteRenderTest, DynamicScalarsAreJson) {
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeReal(3.14)), "3.14");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeReal(5e-324)), "5E-324");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeReal(10)), "10.0");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeLong(7)), "7");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeString("O'Brien")), "\"O'Brien\"");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeString("café")), "\"café\"");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeString("line1\r")), "\"line1\\r\"");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeString("tab\tsep")), "\"tab\\tsep\"");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeString("q\"\\\x01")), "\"q\\\"\\\\\\u0001\"");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeBool(true)), "true");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeDateTime(18262 * kDay)), "\"2020-01-01T00:00:00.0000000Z\"");
}

TEST(SuiteRenderTest, DynamicContainersAreIndentedJson) {
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeArray()), "[]");
  EXPECT_EQ(SuiteRenderer::Json(Dynamic::MakeObject()), "{}");
  Dynamic list = Dynamic::MakeArray({Dynamic::MakeReal(1.5), Dynamic::MakeReal(5), Dynamic::MakeReal(10.5)});
  EXPECT_EQ(SuiteRenderer::Json(list), "[\n  1.5,\n  5.0,\n  10.5\n]");
  // {"a":1,"b":[1,{"c":2}]} as agent-dynamic-json-0034 prints it.
  Dynamic nested = Dynamic::MakeObject(
      {{"a", Dynamic::MakeLong(1)},
       {"b",
        Dynamic::MakeArray({Dynamic::MakeLong(1), Dynamic::MakeObject({{"c", Dynamic::MakeLong(2)}})})}});
  EXPECT_EQ(SuiteRenderer::Json(nested),
            "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    {\n      \"c\": 2\n    }\n  ]\n}");
  Dynamic with_empty = Dynamic::MakeArray(
      {Dynamic::MakeArray(), Dynamic(), Dynamic::MakeObject({{"k", Dynamic::MakeArray()}})});
  EXPECT_EQ(SuiteRenderer::Json(with_empty), "[\n  [],\n  null,\n  {\n    \"k\": []\n  }\n]");
  std::vector<Value> row = {Value::Dyn(Dynamic::MakeArray()), Value::Dyn(Dynamic::MakeArray())};
  EXPECT_EQ(SuiteRenderer::Row(row), "([], [])");
}

}  // namespace
}  // namespace iochound::conformance
