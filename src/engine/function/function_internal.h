// Shared by the function library's family files: the registration table, argument checking, and Kusto's
// coercion rules (numeric promotion, tostring() rendering, to*() conversions), kept in one place so every
// function agrees on them.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.h"
#include "engine/function/function_registry.h"
#include "types/datetime.h"
#include "types/dynamic.h"
#include "types/value.h"

namespace iochound::fn {

using Args = std::span<const BoundArg>;
using Vals = std::span<const Value>;

struct Registry {
  std::unordered_map<std::string, ScalarFunction> scalars;
  std::unordered_map<std::string, AggregateFunction> aggregates;

  void Add(ScalarFunction f) { scalars.emplace(f.name, std::move(f)); }
  void Add(AggregateFunction f) { aggregates.emplace(f.name, std::move(f)); }
  // A second name for an already registered function (toreal for todouble, iif for iff, ...).
  void Alias(const std::string& alias, const std::string& target);
};

// One per family file; registry.cpp calls them all once. Explicit calls rather than static registrars,
// because the linker drops unreferenced object files of a static library.
void RegisterOperators(Registry& r);
void RegisterConversionFunctions(Registry& r);
void RegisterStringFunctions(Registry& r);
void RegisterRegexFunctions(Registry& r);
void RegisterEncodingFunctions(Registry& r);
void RegisterDateTimeFunctions(Registry& r);
void RegisterDateTimeFormatFunctions(Registry& r);
void RegisterDynamicFunctions(Registry& r);
void RegisterMathFunctions(Registry& r);
void RegisterLogicFunctions(Registry& r);
void RegisterNetworkFunctions(Registry& r);
void RegisterAggregates(Registry& r);
void RegisterSeriesFunctions(Registry& r);
void RegisterBitwiseFunctions(Registry& r);
void RegisterJsonPathFunctions(Registry& r);
void RegisterTextParsingFunctions(Registry& r);

// ---- Binding helpers (throw QueryError naming the function) ----

[[noreturn]] void Fail(std::string_view function, std::string_view what);
void CheckArity(std::string_view function, Args args, size_t min, size_t max);
// Accepts `type` itself, Dynamic (converted at run time) and the untyped null literal.
void ExpectArg(std::string_view function, Args args, size_t index, std::initializer_list<Type> allowed);
inline bool IsInteger(Type t) {
  return t == Type::Int || t == Type::Long;
}
// Numeric, or dynamic / null whose value is converted at run time.
bool IsNumericLike(Type t);

// Kusto's arithmetic promotion: any real -> real, else any decimal -> decimal, else long (int op int is
// long too). Dynamic and null operands count as long-or-real at run time; bind treats them as real
// unless both sides are integers.
Type PromoteNumeric(Type a, Type b);
// Common type of iff/case/coalesce branches: equal types, or numeric promotion; null literals adopt the
// other side. nullopt when incompatible.
std::optional<Type> CommonType(Type a, Type b);

// A scalar with fixed result type and a per-row body, for the many simple functions.
ScalarFunction Simple(std::string name, size_t min_args, size_t max_args, Type result,
                      std::function<Value(Vals, const EvalContext&)> eval);

// ---- Value helpers ----

// Null Value, or a dynamic holding JSON null: Kusto's isnull() is true for both.
bool IsNullish(const Value& v);
// The Dynamic inside a dynamic Value, nullptr when null.
const Dynamic* DynOf(const Value& v);

// Kusto's real rendering (tostring, strcat, JSON): shortest round-trip digits, `1.0` for integral
// values, `1E+20` / `1E-07` style exponent outside [1e-5, 1e15).
std::string FormatReal(double d);
// tostring(): '' for null, True/False for bool, reals via FormatReal, datetimes with 7 fraction digits,
// dynamic strings unquoted and other dynamics as compact JSON.
std::string ToKustoString(const Value& v);

// The to*() conversions; nullopt means a null result.
std::optional<int64_t> ToLong(const Value& v);
std::optional<int64_t> ToInt(const Value& v);  // wraps to 32 bits, as Kusto's toint(long) does
std::optional<double> ToReal(const Value& v);
std::optional<bool> ToBool(const Value& v);
std::optional<int64_t> ToDateTimeTicks(const Value& v);
std::optional<int64_t> ToTimeSpanTicks(const Value& v);
std::optional<std::string> ToGuid(const Value& v);
// Converts to `target` (a to*() for that type); a null of `target` when impossible.
Value ConvertTo(Type target, const Value& v);

// Parses integers as Kusto's toint/tolong do: surrounding whitespace, sign, decimal or 0x hex.
std::optional<int64_t> ParseInteger(std::string_view text);
std::optional<double> ParseReal(std::string_view text);

// Datetime range (ticks from the Unix epoch): 0001-01-01 to 9999-12-31 23:59:59.9999999.
inline constexpr int64_t kMinDateTimeTicks = -621'355'968'000'000'000;
inline constexpr int64_t kMaxDateTimeTicks = 2'534'023'007'999'999'999;
// .NET ticks (from 0001-01-01), which tolong(datetime) and todatetime(long) use.
inline constexpr int64_t kDotNetEpochOffset = 621'355'968'000'000'000;
// A datetime Value, or null when outside Kusto's range (datetime(9999-12-31 23:59:59.9999999) + 1tick).
Value CheckedDateTime(int64_t ticks);

// Total order used by min/max/sort-like functions and comparisons of same-kind values: -1, 0, 1.
// Both sides must be non-null; numbers compare across int/long/real.
int CompareValues(const Value& a, const Value& b);
// Equality as Kusto's == for non-null values (numbers across types, strings ordinal, dynamic deep).
bool ValuesEqual(const Value& a, const Value& b);

}  // namespace iochound::fn
