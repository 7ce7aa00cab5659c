#include "function_test_util.h"

namespace iochound::testing {
namespace {

std::string J(std::string_view name, const std::vector<Value>& args) {
  return JsonText(Call(name, args));
}

TEST(DynamicFunctions, ArrayLength) {
  // dynamic-json-0000/0010/0011/0012, null-and-edge-0044.
  EXPECT_EQ(Call("array_length", {Json("[10,20,30]")}).int_value(), 3);
  EXPECT_EQ(Call("array_length", {Json("[]")}).int_value(), 0);
  EXPECT_TRUE(Call("array_length", {Json("{\"a\":1}")}).is_null());
  EXPECT_TRUE(Call("array_length", {Value::Null(Type::Dynamic)}).is_null());
}

TEST(DynamicFunctions, SliceConcatIndex) {
  // dynamic-json-0002/0014/0030/0031/0032/0042.
  EXPECT_EQ(J("array_slice", {Json("[1,2,3,4,5]"), Value::Long(1), Value::Long(3)}), "[2,3,4]");
  EXPECT_EQ(J("array_slice", {Json("[1,2,3,4,5,6]"), Value::Long(2), Value::Long(-2)}), "[3,4,5]");
  EXPECT_EQ(J("array_slice", {Json("[1,2,3,4,5,6]"), Value::Long(0), Value::Long(100)}), "[1,2,3,4,5,6]");
  EXPECT_EQ(J("array_concat", {Json("[1,2]"), Value::Null(Type::Dynamic)}), "[1,2]");
  EXPECT_EQ(Call("array_index_of", {Json("[1,2,3]"), Value::Long(2)}).int_value(), 1);
  EXPECT_EQ(Call("array_index_of", {Json("[1,2,3]"), Value::Long(99)}).int_value(), -1);
  EXPECT_EQ(J("array_reverse", {Json("[1,2,3]")}), "[3,2,1]");
  EXPECT_EQ(J("array_rotate_left", {Json("[10,20,30]"), Value::Long(1)}), "[20,30,10]");
  EXPECT_EQ(J("array_shift_right", {Json("[10,20,30]"), Value::Long(1)}), "[null,10,20]");
}

TEST(DynamicFunctions, SortAndSum) {
  // null-and-edge-0027 (second file): nulls sort last; array_sum is real.
  EXPECT_EQ(J("array_sort_asc", {Json("[1,null,3]")}), "[1,3,null]");
  EXPECT_EQ(J("array_sort_desc", {Json("[1,3,2]")}), "[3,2,1]");
  EXPECT_EQ(Call("array_sum", {Json("[1,null,3]")}).real_value(), 4);
  EXPECT_TRUE(Call("array_sum", {Value::Null(Type::Dynamic)}).is_null());
}

TEST(DynamicFunctions, Bags) {
  // dynamic-json-0006/0010/0035, null-and-edge-0043.
  EXPECT_EQ(J("pack", {Str("name"), Str("alice"), Str("age"), Value::Long(30)}),
            "{\"name\":\"alice\",\"age\":30}");
  EXPECT_EQ(J("bag_merge", {Json("{\"a\":1,\"b\":2}"), Json("{\"b\":3,\"c\":4}")}),
            "{\"a\":1,\"b\":2,\"c\":4}");
  EXPECT_EQ(J("bag_keys", {Json("{}")}), "[]");
  EXPECT_EQ(J("bag_keys", {Json("{\"a\":1,\"b\":2}")}), "[\"a\",\"b\"]");
  EXPECT_EQ(J("pack_array", {Value::Long(50)}), "[50]");
}

TEST(DynamicFunctions, Sets) {
  // dynamic-json-0006/0020/0021 (second file).
  EXPECT_EQ(J("set_union", {Json("[1,2,3]"), Json("[3,4,5]"), Json("[5,6,7]")}), "[1,2,3,4,5,6,7]");
  EXPECT_EQ(J("set_intersect", {Json("[1,2,3]"), Json("[3,4,5]")}), "[3]");
  EXPECT_EQ(Call("array_length", {Call("set_difference", {Json("[null,1,null,2,null]"), Json("[null]")})})
                .int_value(),
            2);
  EXPECT_TRUE(Call("set_has_element", {Json("[1,2,3]"), Value::Long(2)}).bool_value());
  EXPECT_FALSE(Call("set_has_element", {Json("[1,2,3]"), Str("2")}).bool_value());
  EXPECT_EQ(J("zip", {Json("[1,2,3]"), Json("[4,5,6]")}), "[[1,4],[2,5],[3,6]]");
}

}  // namespace
}  // namespace iochound::testing
