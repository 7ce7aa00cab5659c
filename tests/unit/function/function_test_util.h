// Calls registered functions the way the binder and executor do: bind() with the argument types
// (literal values as constants), then eval() on the row values.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

#include "common/diagnostics.h"
#include "engine/function/function_registry.h"
#include "types/datetime.h"

namespace iochound::testing {

inline std::vector<BoundArg> Bound(const std::vector<Value>& args) {
  std::vector<BoundArg> bound;
  for (const Value& v : args) bound.push_back(BoundArg{v.type(), true, v});
  return bound;
}

inline Type BindType(std::string_view name, const std::vector<Value>& args) {
  const ScalarFunction* f = FindScalarFunction(name);
  EXPECT_NE(f, nullptr) << name;
  return f->bind(Bound(args));
}

inline Value Call(std::string_view name, const std::vector<Value>& args, int64_t now_ticks = 0) {
  const ScalarFunction* f = FindScalarFunction(name);
  EXPECT_NE(f, nullptr) << name;
  std::vector<BoundArg> bound = Bound(args);
  Type type = f->bind(bound);
  EvalContext context;
  context.now_ticks = now_ticks;
  Value result = f->eval(args, context);
  EXPECT_TRUE(result.type() == type || result.type() == Type::Null)
      << name << " declared " << TypeName(type) << " returned " << TypeName(result.type());
  return result;
}

// Feeds rows (one argument vector each) to an aggregate: the first half to one state, the rest to a
// second state merged into the first, as parallel aggregation does.
inline Value Aggregate(std::string_view name, const std::vector<std::vector<Value>>& rows,
                       const std::vector<BoundArg>& bound) {
  const AggregateFunction* f = FindAggregateFunction(name);
  EXPECT_NE(f, nullptr) << name;
  f->bind(bound);
  auto a = f->create(bound);
  auto b = f->create(bound);
  for (size_t i = 0; i < rows.size(); ++i) (i < rows.size() / 2 ? a : b)->Add(rows[i]);
  a->Merge(*b);
  return a->Finish();
}

inline Value Str(std::string s) {
  return Value::String(std::move(s));
}
inline Value Dt(std::string_view text) {
  return Value::DateTime(*ParseDateTime(text));
}
inline Value Span(std::string_view text) {
  return Value::TimeSpan(*ParseTimeSpan(text));
}
inline Value Json(std::string_view text) {
  return Value::Dyn(*Dynamic::ParseJson(text));
}
inline std::string DtText(const Value& v) {
  return FormatDateTime(v.int_value(), FractionDigits::kMinimal);
}
inline std::string JsonText(const Value& v) {
  return v.dynamic_value().ToJson();
}

}  // namespace iochound::testing
