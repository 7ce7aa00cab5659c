#include <cmath>

#include "function_test_util.h"

namespace iochound::testing {
namespace {

TEST(Conversion, ToStringRendering) {
  // type-casts-coercion-0021 (both files), 0040, null-and-edge-0032.
  EXPECT_EQ(Call("tostring", {Value::Real(1.0)}).string_value(), "1.0");
  EXPECT_EQ(Call("tostring", {Value::Real(1.5)}).string_value(), "1.5");
  EXPECT_EQ(Call("tostring", {Value::Real(1500)}).string_value(), "1500.0");
  EXPECT_EQ(Call("tostring", {Value::Real(100000000000.0)}).string_value(), "100000000000.0");
  EXPECT_EQ(Call("tostring", {Value::Long(123)}).string_value(), "123");
  EXPECT_EQ(Call("tostring", {Value::Bool(true)}).string_value(), "True");
  EXPECT_EQ(Call("tostring", {Dt("2020-01-01")}).string_value(), "2020-01-01T00:00:00.0000000Z");
  EXPECT_EQ(Call("tostring", {Span("1d")}).string_value(), "1.00:00:00");
  EXPECT_EQ(Call("tostring", {Value::Null(Type::Int)}).string_value(), "");
  EXPECT_EQ(Call("tostring", {Json("true")}).string_value(), "true");
  EXPECT_EQ(Call("tostring", {Json("\"3\"")}).string_value(), "3");
  EXPECT_EQ(Call("tostring", {Json("{\"a\":1}")}).string_value(), "{\"a\":1}");
  EXPECT_EQ(Call("tostring", {Value::Null(Type::Dynamic)}).string_value(), "");
}

TEST(Conversion, ToIntFromText) {
  // type-casts-coercion-0004/0005/0040/0048.
  EXPECT_EQ(Call("toint", {Str(" 5 ")}).int_value(), 5);
  EXPECT_EQ(Call("toint", {Str("0x1F")}).int_value(), 31);
  EXPECT_EQ(Call("toint", {Str("+5")}).int_value(), 5);
  EXPECT_EQ(Call("toint", {Str("00789")}).int_value(), 789);
  EXPECT_TRUE(Call("toint", {Str("5.7")}).is_null());
  EXPECT_TRUE(Call("toint", {Str("1e3")}).is_null());
  EXPECT_TRUE(Call("toint", {Str("0b101")}).is_null());
  EXPECT_TRUE(Call("toint", {Str("1,000")}).is_null());
  EXPECT_TRUE(Call("toint", {Str("2147483648")}).is_null());
  EXPECT_EQ(Call("tolong", {Str("2147483648")}).int_value(), 2147483648);
  EXPECT_EQ(Call("tolong", {Str("-9223372036854775808")}).int_value(), INT64_MIN);
  EXPECT_TRUE(Call("tolong", {Str("9223372036854775808")}).is_null());
}

TEST(Conversion, ToIntFromNumbers) {
  // type-casts-coercion-0026/0027, null-and-edge-0044, type-casts-coercion-0043, null-and-edge-0031.
  EXPECT_EQ(Call("toint", {Value::Real(-2.9)}).int_value(), -2);
  EXPECT_EQ(Call("toint", {Value::Real(2.5)}).int_value(), 2);
  EXPECT_EQ(Call("toint", {Value::Long(2147483648)}).int_value(), -2147483648);
  EXPECT_EQ(Call("toint", {Value::Long(-2147483649)}).int_value(), 2147483647);
  EXPECT_EQ(Call("toint", {Json("9223372036854775807")}).int_value(), -1);
  EXPECT_EQ(Call("toint", {Json("1.7976931348623157e308")}).int_value(), 2147483647);
  EXPECT_EQ(Call("tolong", {Json("1.7976931348623157e308")}).int_value(), INT64_MAX);
  EXPECT_TRUE(Call("tolong", {Value::Real(INFINITY)}).is_null());
  EXPECT_EQ(Call("toint", {Value::Bool(true)}).int_value(), 1);
}

TEST(Conversion, FromDynamic) {
  // type-casts-coercion-0014/0043/0045.
  EXPECT_EQ(Call("toint", {Json("1.9")}).int_value(), 1);
  EXPECT_EQ(Call("toint", {Json("\"42\"")}).int_value(), 42);
  EXPECT_EQ(Call("toint", {Json("\"0x10\"")}).int_value(), 16);
  EXPECT_TRUE(Call("toint", {Json("\"3.14\"")}).is_null());
  EXPECT_EQ(Call("todouble", {Json("\"3.14\"")}).real_value(), 3.14);
  EXPECT_TRUE(Call("toint", {Json("[1]")}).is_null());
  EXPECT_TRUE(Call("tobool", {Json("\"1.5\"")}).is_null());
  EXPECT_TRUE(Call("tobool", {Json("\"42\"")}).bool_value());
  EXPECT_TRUE(Call("tobool", {Json("\"true\"")}).bool_value());
  EXPECT_TRUE(Call("tobool", {Json("\"[1,2]\"")}).is_null());
}

TEST(Conversion, ToDouble) {
  // type-casts-coercion-0028/0041, type-casts-coercion-0016.
  EXPECT_EQ(Call("todouble", {Str("1.5e10")}).real_value(), 1.5e10);
  EXPECT_TRUE(std::isinf(Call("todouble", {Str("Inf")}).real_value()));
  EXPECT_TRUE(std::isnan(Call("todouble", {Str("NaN")}).real_value()));
  EXPECT_TRUE(std::isinf(Call("todouble", {Str("1e400")}).real_value()));
  EXPECT_TRUE(Call("todouble", {Str("1_000")}).is_null());
  EXPECT_TRUE(Call("todouble", {Str("0x1F")}).is_null());
  EXPECT_TRUE(Call("toreal", {Str("1f")}).is_null());
  EXPECT_EQ(Call("todouble", {Dt("1970-01-01")}).real_value(), 6.21355968e17);
}

TEST(Conversion, DateTimeTicks) {
  // type-casts-coercion-0016 (second file), 0047.
  EXPECT_EQ(Call("tolong", {Dt("1970-01-01")}).int_value(), 621355968000000000);
  EXPECT_EQ(DtText(Call("todatetime", {Value::Long(0)})), "0001-01-01T00:00:00Z");
  EXPECT_EQ(DtText(Call("todatetime", {Value::Real(1.5)})), "0001-01-01T00:00:00.0000001Z");
  EXPECT_TRUE(Call("todatetime", {Str("2020-02-30")}).is_null());
  EXPECT_EQ(Call("totimespan", {Str("90s")}).int_value(), 90 * kTicksPerSecond);
}

TEST(Conversion, BoolAndGuid) {
  // type-casts-coercion-0018/0026.
  EXPECT_TRUE(Call("tobool", {Value::Real(0.5)}).bool_value());
  EXPECT_FALSE(Call("tobool", {Value::Long(0)}).bool_value());
  EXPECT_TRUE(Call("tobool", {Value::Long(-5)}).bool_value());
  EXPECT_EQ(Call("toguid", {Str("{74BE27DE-1E4E-49D9-B579-FE0B331D3642}")}).string_value(),
            "74be27de-1e4e-49d9-b579-fe0b331d3642");
  EXPECT_TRUE(Call("toguid", {Str("nope")}).is_null());
}

TEST(Conversion, ParseJson) {
  // dynamic-json-0021/0022/0024, dynamic-json-0014 (invalid JSON stays a string).
  EXPECT_TRUE(Call("parse_json", {Str("null")}).is_null());
  EXPECT_EQ(Call("gettype", {Call("parse_json", {Str("\"hello\"")})}).string_value(), "string");
  EXPECT_EQ(Call("gettype", {Call("todynamic", {Str("true")})}).string_value(), "bool");
  Value invalid = Call("parse_json", {Str("{\"k\":\"a\tb\"")});
  EXPECT_EQ(invalid.dynamic_value().kind(), Dynamic::Kind::String);
}

TEST(Conversion, GetType) {
  // type-casts-coercion-0014, 0043, null-and-edge-0024/0044.
  EXPECT_EQ(Call("gettype", {Value::Long(1)}).string_value(), "long");
  EXPECT_EQ(Call("gettype", {Value::Real(1)}).string_value(), "real");
  EXPECT_EQ(Call("gettype", {Json("1.5")}).string_value(), "double");
  EXPECT_EQ(Call("gettype", {Json("{}")}).string_value(), "dictionary");
  EXPECT_EQ(Call("gettype", {Json("[]")}).string_value(), "array");
  EXPECT_EQ(Call("gettype", {Value::Null(Type::Dynamic)}).string_value(), "null");
  EXPECT_EQ(Call("gettype", {Value::Decimal(1)}).string_value(), "decimal");
}

TEST(Conversion, DynamicToJsonSortsKeys) {
  // dynamic-json-0018.
  EXPECT_EQ(Call("dynamic_to_json", {Json("{\"b\":2,\"a\":1}")}).string_value(), "{\"a\":1,\"b\":2}");
}

}  // namespace
}  // namespace iochound::testing
