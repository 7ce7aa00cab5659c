#include "function_test_util.h"

namespace iochound::testing {
namespace {

std::string D(std::string_view name, const std::vector<Value>& args) {
  return DtText(Call(name, args));
}

TEST(DateTimeFunctions, PeriodBounds) {
  // datetime-timespan-0006/0008/0011/0044, t1-datetime-timespan-0002..0006.
  EXPECT_EQ(D("startofweek", {Dt("2020-06-15 13:45:00")}), "2020-06-14T00:00:00Z");
  EXPECT_EQ(D("startofweek", {Dt("2020-06-15"), Value::Long(-2)}), "2020-05-31T00:00:00Z");
  EXPECT_EQ(D("startofday", {Dt("2020-06-15 13:45:00"), Value::Long(3)}), "2020-06-18T00:00:00Z");
  EXPECT_EQ(D("startofmonth", {Dt("2020-06-15 13:45:00")}), "2020-06-01T00:00:00Z");
  EXPECT_EQ(D("endofmonth", {Dt("2020-02-15")}), "2020-02-29T23:59:59.9999999Z");
  EXPECT_EQ(D("endofyear", {Dt("2020-06-15")}), "2020-12-31T23:59:59.9999999Z");
  EXPECT_EQ(D("endofweek", {Dt("2024-03-03")}), "2024-03-09T23:59:59.9999999Z");
  EXPECT_EQ(D("startofweek", {Dt("1950-06-15 13:45:00")}), "1950-06-11T00:00:00Z");
}

TEST(DateTimeFunctions, Parts) {
  // datetime-timespan-0015/0016/0034/0044, datetime-timespan-0029 (second file).
  EXPECT_EQ(Call("dayofyear", {Dt("2020-12-31")}).int_value(), 366);
  EXPECT_EQ(Call("dayofyear", {Dt("1900-03-01")}).int_value(), 60);
  EXPECT_EQ(Call("dayofmonth", {Dt("2020-06-15")}).int_value(), 15);
  EXPECT_EQ(Call("dayofweek", {Dt("2020-01-01")}).int_value(), 3 * kTicksPerDay);
  EXPECT_EQ(Call("hourofday", {Dt("2024-12-31 23:00:00")}).int_value(), 23);
  EXPECT_EQ(Call("monthofyear", {Dt("2024-12-31")}).int_value(), 12);
  EXPECT_EQ(Call("getyear", {Dt("1950-06-15")}).int_value(), 1950);
  EXPECT_EQ(Call("datetime_part", {Str("year"), Dt("2007-01-01")}).int_value(), 2007);
  EXPECT_EQ(BindType("dayofmonth", {Dt("2020-01-01")}), Type::Int);
}

TEST(DateTimeFunctions, IsoWeekOfYear) {
  // datetime-timespan-0033/0038/0044 (second file).
  EXPECT_EQ(Call("week_of_year", {Dt("2016-01-01")}).int_value(), 53);
  EXPECT_EQ(Call("week_of_year", {Dt("2017-01-01")}).int_value(), 52);
  EXPECT_EQ(Call("week_of_year", {Dt("2018-12-31")}).int_value(), 1);
  EXPECT_EQ(Call("week_of_year", {Dt("2021-01-03")}).int_value(), 53);
  EXPECT_EQ(Call("week_of_year", {Dt("9999-12-31")}).int_value(), 52);
}

TEST(DateTimeFunctions, DateTimeAdd) {
  // datetime-timespan-0021/0024, 0008/0033 (second file).
  EXPECT_EQ(D("datetime_add", {Str("month"), Value::Long(-1), Dt("2020-03-31")}), "2020-02-29T00:00:00Z");
  EXPECT_EQ(D("datetime_add", {Str("day"), Value::Long(400), Dt("2020-01-01")}), "2021-02-04T00:00:00Z");
  EXPECT_EQ(D("datetime_add", {Str("millisecond"), Value::Long(1500), Dt("2020-01-01")}),
            "2020-01-01T00:00:01.5Z");
  EXPECT_EQ(D("datetime_add", {Str("week"), Value::Long(-53), Dt("2021-03-15 12:00:00")}),
            "2020-03-09T12:00:00Z");
  EXPECT_TRUE(Call("datetime_add", {Str("day"), Value::Long(-1), Dt("0001-01-01 12:00:00")}).is_null());
}

TEST(DateTimeFunctions, DateTimeDiffCountsBoundaries) {
  // datetime-timespan-0025..0030, 0011/0012/0013/0028 (second file).
  auto diff = [](std::string part, std::string_view a, std::string_view b) {
    return Call("datetime_diff", {Str(part), Dt(a), Dt(b)});
  };
  EXPECT_EQ(diff("month", "2021-03-15", "2020-01-01").int_value(), 14);
  EXPECT_EQ(diff("year", "2020-12-31", "2021-01-01").int_value(), -1);
  EXPECT_EQ(diff("quarter", "2024-03-31", "2020-04-01").int_value(), 15);
  EXPECT_EQ(diff("day", "2020-01-01 23:00:00", "2020-01-01 01:00:00").int_value(), 0);
  EXPECT_EQ(diff("second", "2020-01-01 00:00:01.9999999", "2020-01-01 00:00:00.0000001").int_value(), 1);
  EXPECT_EQ(diff("millisecond", "2020-01-01 00:00:01.9999999", "2020-01-01 00:00:00.0000001").int_value(),
            1999);
  Value week = diff("week", "2024-02-29", "2020-02-29");
  EXPECT_EQ(week.type(), Type::Real);
  EXPECT_EQ(week.real_value(), 209);
  EXPECT_EQ(diff("nanosecond", "2020-01-01 00:00:00.0000002", "2020-01-01").int_value(), 200);
}

TEST(DateTimeFunctions, Formatting) {
  // datetime-timespan-0033/0034, 0006/0015/0016/0041/0042/0046 (second file), t1-datetime-timespan-0022.
  auto fmt = [](std::string_view t, std::string f) {
    return Call("format_datetime", {Dt(t), Str(f)}).string_value();
  };
  EXPECT_EQ(fmt("2020-06-15 13:45:09", "M/d/yyyy h:mm:ss tt"), "6/15/2020 1:45:09 PM");
  EXPECT_EQ(fmt("2007-01-02 03:04:05", "yy-MM-dd HH:mm"), "07-01-02 03:04");
  EXPECT_EQ(fmt("2020-06-15 09:05:03.007", "MM/dd/yyyy HH:mm:ss.fff"), "06/15/2020 09:05:03.007");
  EXPECT_EQ(fmt("2020-06-15 13:45:09", "y"), "20");
  EXPECT_EQ(fmt("2007-03-09 05:04:03", "dddd, MMMM d, yyyy"), "0909, 0303 9, 2007");
  EXPECT_EQ(Call("format_timespan", {Span("-1h"), Str("hh:mm:ss")}).string_value(), "-01:00:00");
  EXPECT_EQ(Call("format_timespan", {Call("__neg", {Span("1.02:00:00")}), Str("d.hh:mm")}).string_value(),
            "-1.02:00");
}

TEST(DateTimeFunctions, MakeAndUnix) {
  // datetime-timespan-0027, 0011/0012 (second file).
  EXPECT_EQ(D("make_datetime", {Value::Long(2020), Value::Long(6), Value::Long(15)}), "2020-06-15T00:00:00Z");
  EXPECT_EQ(D("make_datetime", {Value::Long(2020), Value::Long(2), Value::Long(29), Value::Long(23),
                                Value::Long(59), Value::Real(59.9999999)}),
            "2020-02-29T23:59:59.9999999Z");
  EXPECT_TRUE(Call("make_timespan", {Value::Long(25), Value::Long(70)}).is_null());
  EXPECT_EQ(Call("make_timespan", {Value::Long(2), Value::Long(30)}).int_value(), 150 * kTicksPerMinute);
  EXPECT_EQ(Call("make_timespan", {Value::Long(0), Value::Long(0), Value::Long(0), Value::Real(0.0000001)})
                .int_value(),
            1);
  EXPECT_EQ(D("unixtime_seconds_todatetime", {Value::Long(1)}), "1970-01-01T00:00:01Z");
}

TEST(DateTimeFunctions, AgoAndNow) {
  int64_t now = *ParseDateTime("2020-01-02");
  EXPECT_EQ(DtText(Call("ago", {Span("1d")}, now)), "2020-01-01T00:00:00Z");
  EXPECT_EQ(DtText(Call("now", {}, now)), "2020-01-02T00:00:00Z");
}

}  // namespace
}  // namespace iochound::testing
