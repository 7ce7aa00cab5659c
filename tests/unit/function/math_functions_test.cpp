#include <cmath>

#include "function_test_util.h"

namespace iochound::testing {
namespace {

TEST(MathFunctions, RoundingHalfAwayFromZero) {
  // type-casts-coercion-0041 (second file), t1-type-casts-coercion-0016.
  EXPECT_EQ(Call("round", {Value::Real(2.5)}).real_value(), 3);
  EXPECT_EQ(Call("round", {Value::Real(-2.5)}).real_value(), -3);
  EXPECT_EQ(Call("round", {Value::Real(3.25), Value::Long(1)}).real_value(), 3.3);
  EXPECT_EQ(Call("ceiling", {Value::Real(-1.5)}).real_value(), -1);
  EXPECT_EQ(Call("floor", {Value::Real(-1.5), Value::Real(1.0)}).real_value(), -2);
}

TEST(MathFunctions, Bin) {
  // aggregation-0017/0018 (second file), datetime-timespan-0000..0004, 0025/0027 (second file).
  EXPECT_EQ(Call("bin", {Value::Long(-7), Value::Long(4)}).int_value(), -8);
  EXPECT_EQ(BindType("bin", {Value::Long(1), Value::Long(2)}), Type::Long);
  EXPECT_EQ(Call("bin", {Value::Real(-2.5), Value::Real(1.5)}).real_value(), -3);
  EXPECT_EQ(Call("bin", {Value::Real(-0.5), Value::Long(1)}).real_value(), -1);
  EXPECT_EQ(DtText(Call("bin", {Dt("2007-01-02 13:45:30"), Span("1d")})), "2007-01-02T00:00:00Z");
  EXPECT_EQ(DtText(Call("bin", {Dt("1969-12-31 23:30:00"), Span("1h")})), "1969-12-31T23:00:00Z");
  EXPECT_EQ(DtText(Call("bin", {Dt("1955-11-05 06:15:00"), Span("7d")})), "1955-10-31T00:00:00Z");
  EXPECT_EQ(DtText(Call("bin_at", {Dt("2007-01-02 13:45:30"), Span("1d"), Dt("2007-01-01 06:00:00")})),
            "2007-01-02T06:00:00Z");
  EXPECT_EQ(DtText(Call("bin_at", {Dt("2023-03-12 07:30:00"), Span("90m"), Dt("2023-03-12 00:07:00")})),
            "2023-03-12T06:07:00Z");
}

TEST(MathFunctions, Logs) {
  // t1-type-casts-coercion-0019..0023.
  EXPECT_DOUBLE_EQ(Call("log", {Value::Real(6.5)}).real_value(), 1.8718021769015913);
  EXPECT_DOUBLE_EQ(Call("log10", {Value::Real(6.5)}).real_value(), 0.8129133566428556);
  EXPECT_DOUBLE_EQ(Call("log2", {Value::Real(6.5)}).real_value(), 2.700439718141092);
  EXPECT_EQ(Call("pow", {Value::Int(-5), Value::Long(2)}).real_value(), 25);
  EXPECT_EQ(Call("sign", {Value::Int(-5)}).real_value(), -1);
}

TEST(MathFunctions, MaxOfMinOf) {
  // null-and-edge-0015 (second file), type-casts-coercion-0033, t1-type-casts-coercion-0033/0034.
  EXPECT_EQ(Call("max_of", {Value::Long(1), Value::Null(Type::Long), Value::Long(3)}).int_value(), 3);
  EXPECT_EQ(Call("min_of", {Value::Null(Type::Int), Value::Long(5)}).int_value(), 5);
  EXPECT_TRUE(std::isnan(Call("max_of", {Value::Null(Type::Real), Value::Real(NAN)}).real_value()));
  EXPECT_EQ(BindType("max_of", {Value::Int(1), Value::Long(2), Value::Real(3)}), Type::Real);
}

TEST(MathFunctions, AbsAndNan) {
  // aggregation-0043 (second file), type-casts-coercion-0032/0050.
  EXPECT_EQ(Call("abs", {Value::Long(-10)}).int_value(), 10);
  EXPECT_EQ(BindType("abs", {Value::Long(-10)}), Type::Long);
  EXPECT_TRUE(Call("isnan", {Value::Null(Type::Real)}).is_null());
  EXPECT_TRUE(Call("isinf", {Value::Real(INFINITY)}).bool_value());
}

}  // namespace
}  // namespace iochound::testing
