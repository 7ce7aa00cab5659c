#include <cmath>

#include "function_test_util.h"

namespace iochound::testing {
namespace {

std::vector<BoundArg> Arg(Type t) {
  return {BoundArg{t, false, Value()}};
}
std::vector<BoundArg> Args2(Type a, Type b) {
  return {BoundArg{a, false, Value()}, BoundArg{b, false, Value()}};
}

std::vector<std::vector<Value>> Longs(std::initializer_list<std::optional<int64_t>> xs) {
  std::vector<std::vector<Value>> rows;
  for (auto x : xs) rows.push_back({x ? Value::Long(*x) : Value::Null(Type::Long)});
  return rows;
}

TEST(Aggregates, EmptyInput) {
  // aggregation-0006: (0, 0, NaN, null, null); aggregation-0007 / 0017 (second file).
  EXPECT_EQ(Aggregate("sum", {}, Arg(Type::Long)).int_value(), 0);
  EXPECT_EQ(Aggregate("count", {}, {}).int_value(), 0);
  EXPECT_TRUE(std::isnan(Aggregate("avg", {}, Arg(Type::Long)).real_value()));
  EXPECT_TRUE(Aggregate("min", {}, Arg(Type::Long)).is_null());
  EXPECT_TRUE(Aggregate("max", {}, Arg(Type::Long)).is_null());
  EXPECT_EQ(JsonText(Aggregate("make_list", {}, Arg(Type::Long))), "[]");
  EXPECT_EQ(JsonText(Aggregate("make_bag", {}, Arg(Type::Dynamic))), "{}");
  EXPECT_EQ(Aggregate("stdev", {}, Arg(Type::Long)).real_value(), 0);
}

TEST(Aggregates, NullsIgnored) {
  // aggregation-0043, null-and-edge-0001 (second file): count(x) counts null rows too.
  auto rows = Longs({std::nullopt, 1, 2, std::nullopt, 3});
  EXPECT_EQ(Aggregate("sum", rows, Arg(Type::Long)).int_value(), 6);
  EXPECT_EQ(Aggregate("avg", rows, Arg(Type::Long)).real_value(), 2);
  EXPECT_EQ(Aggregate("count", rows, Arg(Type::Long)).int_value(), 5);
  EXPECT_EQ(Aggregate("dcount", rows, Arg(Type::Long)).int_value(), 3);
  EXPECT_EQ(JsonText(Aggregate("make_list", Longs({1, std::nullopt, 2}), Arg(Type::Long))), "[1,2]");
  EXPECT_EQ(JsonText(Aggregate("make_list_with_nulls", Longs({std::nullopt, 2}), Arg(Type::Long))),
            "[null,2]");
}

TEST(Aggregates, ResultTypes) {
  // type-casts-coercion-0054: sum(int) is long, avg real.
  const AggregateFunction* sum = FindAggregateFunction("sum");
  EXPECT_EQ(sum->bind(Arg(Type::Int)), Type::Long);
  EXPECT_EQ(sum->bind(Arg(Type::Real)), Type::Real);
  EXPECT_EQ(FindAggregateFunction("avg")->bind(Arg(Type::Int)), Type::Real);
  EXPECT_EQ(FindAggregateFunction("min")->bind(Arg(Type::DateTime)), Type::DateTime);
  EXPECT_EQ(FindAggregateFunction("make_list")->column_prefix, "list_");
  EXPECT_EQ(FindAggregateFunction("make_set")->column_prefix, "set_");
  EXPECT_EQ(FindAggregateFunction("countif")->column_prefix, "countif_");
  EXPECT_EQ(FindAggregateFunction("sumif")->column_prefix, "sumif_");
  EXPECT_EQ(FindAggregateFunction("count")->column_prefix, "count_");
  EXPECT_EQ(FindAggregateFunction("make_bag")->column_prefix, "bag_");
}

TEST(Aggregates, LongOverflowWraps) {
  // aggregation-0025/0033 (second file).
  auto rows = Longs({INT64_MAX, 1, 2});
  EXPECT_EQ(Aggregate("sum", rows, Arg(Type::Long)).int_value(), -9223372036854775806);
  EXPECT_DOUBLE_EQ(Aggregate("avg", Longs({INT64_MAX - 1, 1, INT64_MAX}), Arg(Type::Long)).real_value(),
                   -0.6666666666666666);
}

TEST(Aggregates, Conditional) {
  // aggregation-0000/0041, aggregation-0027/0030 (second file).
  std::vector<std::vector<Value>> rows;
  for (int64_t v : {10, 20, 30, 30}) rows.push_back({Value::Long(v), Value::Bool(v > 15)});
  auto bound = Args2(Type::Long, Type::Bool);
  EXPECT_EQ(Aggregate("sumif", rows, bound).int_value(), 80);
  EXPECT_EQ(Aggregate("avgif", rows, bound).real_value(), 80.0 / 3);
  EXPECT_EQ(Aggregate("minif", rows, bound).int_value(), 20);
  std::vector<std::vector<Value>> preds = {
      {Value::Null(Type::Bool)}, {Value::Bool(true)}, {Value::Bool(false)}};
  EXPECT_EQ(Aggregate("countif", preds, Arg(Type::Bool)).int_value(), 1);
  std::vector<std::vector<Value>> none = {{Value::Long(1), Value::Bool(false)}};
  EXPECT_TRUE(std::isnan(Aggregate("avgif", none, bound).real_value()));
  EXPECT_TRUE(Aggregate("maxif", none, bound).is_null());
}

TEST(Aggregates, Lists) {
  // aggregation-0024/0034/0039 (second file), aggregation-0037 (limits).
  std::vector<std::vector<Value>> strs = {{Str("z")}, {Str("y")}, {Str("z")}};
  EXPECT_EQ(JsonText(Aggregate("make_set", strs, Arg(Type::String))), "[\"z\",\"y\"]");
  std::vector<std::vector<Value>> dyn = {
      {Json("{\"a\":1}")}, {Json("[1,2,3]")}, {Value::Null(Type::Dynamic)}};
  EXPECT_EQ(JsonText(Aggregate("make_list", dyn, Arg(Type::Dynamic))), "[{\"a\":1},1,2,3,null]");
  std::vector<BoundArg> limited = {BoundArg{Type::Long, false, Value()},
                                   BoundArg{Type::Long, true, Value::Long(3)}};
  EXPECT_EQ(JsonText(Aggregate("make_list", Longs({1, 2, 3, 4, 5}), limited)), "[1,2,3]");
}

TEST(Aggregates, MakeBagFirstKeyWins) {
  // aggregation-0006 (second file).
  std::vector<std::vector<Value>> bags = {
      {Json("{\"a\":1,\"b\":2}")}, {Json("{\"a\":10,\"c\":3}")}, {Json("{\"b\":99}")}};
  EXPECT_EQ(JsonText(Aggregate("make_bag", bags, Arg(Type::Dynamic))), "{\"a\":1,\"b\":2,\"c\":3}");
}

TEST(Aggregates, Variance) {
  // aggregation-0009, aggregation-0013.
  auto rows = Longs({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  EXPECT_DOUBLE_EQ(Aggregate("stdev", rows, Arg(Type::Long)).real_value(), 3.027650354102996);
  EXPECT_DOUBLE_EQ(Aggregate("variancep", rows, Arg(Type::Long)).real_value(), 8.25);
  EXPECT_DOUBLE_EQ(Aggregate("stdevp", rows, Arg(Type::Long)).real_value(), 2.8722813232690143);
  EXPECT_EQ(Aggregate("stdev", Longs({5}), Arg(Type::Long)).real_value(), 0);
}

TEST(Aggregates, AnyPrefersNonNull) {
  EXPECT_EQ(Aggregate("take_any", Longs({std::nullopt, 7}), Arg(Type::Long)).int_value(), 7);
}

}  // namespace
}  // namespace iochound::testing
