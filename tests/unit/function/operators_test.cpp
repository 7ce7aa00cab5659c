#include <cmath>

#include "function_test_util.h"

namespace iochound::testing {
namespace {

TEST(Operators, IntegerArithmeticIsLongAndTruncates) {
  // type-casts-coercion-0001/0002: division truncates toward zero; modulo is never negative.
  EXPECT_EQ(BindType("__add", {Value::Int(1), Value::Int(2)}), Type::Long);
  EXPECT_EQ(Call("__div", {Value::Long(-7), Value::Long(2)}).int_value(), -3);
  EXPECT_EQ(Call("__div", {Value::Long(7), Value::Long(-2)}).int_value(), -3);
  EXPECT_EQ(Call("__mod", {Value::Long(-7), Value::Long(3)}).int_value(), 2);
  EXPECT_EQ(Call("__mod", {Value::Long(7), Value::Long(-3)}).int_value(), 1);
  EXPECT_EQ(Call("__mod", {Value::Long(-7), Value::Long(-3)}).int_value(), 2);
  EXPECT_EQ(Call("__mod", {Value::Long(-100), Value::Long(7)}).int_value(), 5);
  // type-casts-coercion-0002 (second file): long + long crosses the int range.
  EXPECT_EQ(Call("__add", {Value::Long(2147483647), Value::Long(1)}).int_value(), 2147483648);
}

TEST(Operators, IntegerDivisionByZeroIsNull) {
  // null-and-edge-0030 (print 1 / 0), t1-type-casts-coercion-0000.
  Value r = Call("__div", {Value::Long(1), Value::Long(0)});
  EXPECT_TRUE(r.is_null());
  EXPECT_EQ(r.type(), Type::Long);
}

TEST(Operators, RealArithmetic) {
  // null-and-edge-0031/0032, type-casts-coercion-0027/0028.
  EXPECT_TRUE(std::isinf(Call("__div", {Value::Real(1), Value::Real(0)}).real_value()));
  EXPECT_TRUE(std::isnan(Call("__div", {Value::Real(0), Value::Real(0)}).real_value()));
  EXPECT_EQ(Call("__div", {Value::Long(5), Value::Real(2)}).real_value(), 2.5);
  EXPECT_EQ(Call("__mod", {Value::Real(-5.5), Value::Real(2)}).real_value(), 0.5);
  EXPECT_EQ(Call("__mod", {Value::Real(5.5), Value::Real(-3)}).real_value(), 2.5);
  EXPECT_EQ(BindType("__mul", {Value::Int(1), Value::Real(2)}), Type::Real);
}

TEST(Operators, NullPropagates) {
  // null-and-edge-0000 (second file): i + int(null) is null.
  Value r = Call("__add", {Value::Int(3), Value::Null(Type::Int)});
  EXPECT_TRUE(r.is_null());
}

TEST(Operators, DateTimeAndTimeSpan) {
  // datetime-timespan-0038, 0023, 0036, 0046; null-and-edge-0016/0027.
  EXPECT_EQ(DtText(Call("__add", {Dt("2020-06-15 13:45:00"), Span("90m")})), "2020-06-15T15:15:00Z");
  EXPECT_EQ(Call("__sub", {Dt("1970-01-01"), Dt("1969-12-31 23:00:00")}).int_value(), kTicksPerHour);
  EXPECT_EQ(Call("__div", {Span("1d"), Span("1h")}).real_value(), 24);
  EXPECT_EQ(Call("__mul", {Span("1d"), Value::Real(2.5)}).int_value(), 60 * kTicksPerHour);
  EXPECT_EQ(Call("__div", {Span("1s"), Value::Long(1000)}).int_value(), kTicksPerMillisecond);
  EXPECT_EQ(Call("__mul", {Value::Long(-2), Span("1h")}).int_value(), -2 * kTicksPerHour);
  EXPECT_TRUE(Call("__add", {Dt("9999-12-31 23:59:59.9999999"), Value::TimeSpan(1)}).is_null());
  EXPECT_TRUE(Call("__sub", {Dt("0001-01-01"), Value::TimeSpan(1)}).is_null());
}

TEST(Operators, ArithmeticOnDynamicIsRejected) {
  // dynamic-json-0033: mv-expand'ed dynamic * dynamic is a query error.
  EXPECT_THROW(BindType("__mul", {Json("1"), Json("2")}), QueryError);
  EXPECT_THROW(BindType("__add", {Str("a"), Value::Long(1)}), QueryError);
}

TEST(Operators, ComparisonsWithNull) {
  // Kusto's null-values page; null-and-edge-0001/0003/0004/0007 (second file).
  Value n = Value::Null(Type::Long);
  EXPECT_FALSE(Call("__eq", {n, Value::Long(1)}).bool_value());
  EXPECT_FALSE(Call("__eq", {n, Value::Long(1)}).is_null());
  EXPECT_TRUE(Call("__ne", {n, Value::Long(1)}).bool_value());
  EXPECT_TRUE(Call("__eq", {n, n}).is_null());
  EXPECT_TRUE(Call("__gt", {n, Value::Long(0)}).is_null());
}

TEST(Operators, Comparisons) {
  EXPECT_TRUE(Call("__eq", {Value::Int(1), Value::Real(1.0)}).bool_value());
  EXPECT_TRUE(Call("__lt", {Value::Long(1), Value::Real(1.5)}).bool_value());
  EXPECT_TRUE(Call("__lt", {Str("B"), Str("a")}).bool_value());  // ordinal
  EXPECT_FALSE(Call("__eq", {Str("café"), Str("CAFÉ")}).bool_value());
  EXPECT_TRUE(Call("__gt", {Dt("2020-01-02"), Dt("2020-01-01")}).bool_value());
  // null-and-edge-0013: NaN == NaN is false; inf > 1e308 is true.
  Value nan = Value::Real(std::nan(""));
  EXPECT_FALSE(Call("__eq", {nan, nan}).bool_value());
  EXPECT_TRUE(Call("__gt", {Value::Real(INFINITY), Value::Real(1e308)}).bool_value());
  EXPECT_TRUE(Call("__eq", {Json("[1,2]"), Json("[1,2]")}).bool_value());
  EXPECT_THROW(BindType("__lt", {Str("a"), Value::Long(1)}), QueryError);
}

TEST(Operators, ThreeValuedLogic) {
  // null-and-edge-0032: bool(null) and true -> null, bool(null) or false -> null.
  Value n = Value::Null(Type::Bool);
  EXPECT_TRUE(Call("__and", {n, Value::Bool(true)}).is_null());
  EXPECT_FALSE(Call("__and", {n, Value::Bool(false)}).bool_value());
  EXPECT_TRUE(Call("__or", {n, Value::Bool(false)}).is_null());
  EXPECT_TRUE(Call("__or", {n, Value::Bool(true)}).bool_value());
  EXPECT_TRUE(Call("not", {n}).is_null());
}

TEST(Operators, NegateKeepsType) {
  EXPECT_EQ(Call("__neg", {Span("1d")}).int_value(), -kTicksPerDay);
  EXPECT_EQ(Call("__neg", {Value::Long(5)}).int_value(), -5);
}

}  // namespace
}  // namespace iochound::testing
