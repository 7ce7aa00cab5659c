#include "function_test_util.h"

namespace iochound::testing {
namespace {

TEST(Logic, NullAndEmpty) {
  // null-and-edge-0007/0011/0042 (second file).
  EXPECT_FALSE(Call("isnull", {Str("")}).bool_value());
  EXPECT_TRUE(Call("isnull", {Value::Null(Type::Real)}).bool_value());
  EXPECT_TRUE(Call("isnull", {Json("null")}).bool_value());
  EXPECT_TRUE(Call("isempty", {Str("")}).bool_value());
  EXPECT_TRUE(Call("isempty", {Value::Null(Type::Int)}).bool_value());
  EXPECT_FALSE(Call("isnotempty", {Str("")}).bool_value());
  EXPECT_TRUE(Call("isnotnull", {Value::Long(5)}).bool_value());
}

TEST(Logic, IffTreatsNullConditionAsFalse) {
  // null-and-edge-0012 (second file).
  EXPECT_EQ(Call("iff", {Value::Null(Type::Bool), Str("t"), Str("f")}).string_value(), "f");
  EXPECT_EQ(Call("iif", {Value::Bool(true), Value::Long(1), Value::Long(2)}).int_value(), 1);
  EXPECT_EQ(BindType("iff", {Value::Bool(true), Value::Int(1), Value::Long(2)}), Type::Long);
  EXPECT_THROW(BindType("iff", {Value::Bool(true), Str("a"), Value::Long(2)}), QueryError);
}

TEST(Logic, Case) {
  // null-and-edge-0009/0012 (both files).
  EXPECT_EQ(Call("case", {Value::Null(Type::Bool), Str("c1"), Value::Bool(true), Str("c2"), Str("def")})
                .string_value(),
            "c2");
  EXPECT_EQ(Call("case", {Value::Bool(false), Str("c1"), Str("def")}).string_value(), "def");
}

TEST(Logic, CoalesceSkipsNullsAndEmptyStrings) {
  // null-and-edge-0009/0010 (second file), null-and-edge-0009 (first).
  EXPECT_EQ(Call("coalesce", {Value::Null(Type::Long), Value::Null(Type::Long), Value::Long(5)}).int_value(),
            5);
  EXPECT_TRUE(Call("coalesce", {Value::Null(Type::Real), Value::Null(Type::Real)}).is_null());
  EXPECT_EQ(Call("coalesce", {Str(""), Str(""), Str("fallback")}).string_value(), "fallback");
}

}  // namespace
}  // namespace iochound::testing
