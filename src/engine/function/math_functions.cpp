// Math functions: abs round floor/bin bin_at ceiling exp* log* pow sqrt sign trig max_of min_of isnan
// isinf isfinite rand.
#include <cmath>
#include <numbers>
#include <random>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

ScalarFunction RealFunction(std::string name, double (*f)(double)) {
  return Simple(std::move(name), 1, 1, Type::Real, [f](Vals v, const EvalContext&) {
    std::optional<double> x = ToReal(v[0]);
    return x ? Value::Real(f(*x)) : Value::Null(Type::Real);
  });
}

ScalarFunction RealPredicate(std::string name, bool (*f)(double)) {
  return Simple(std::move(name), 1, 1, Type::Bool, [f](Vals v, const EvalContext&) {
    std::optional<double> x = ToReal(v[0]);
    return x ? Value::Bool(f(*x)) : Value::Null(Type::Bool);
  });
}

// Integer-valued math keeps an integer argument's type; anything else computes in real.
Type SameOrReal(Type t) {
  return IsInteger(t) || t == Type::TimeSpan || t == Type::Decimal ? t : Type::Real;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// bin(value, size) rounds down to a multiple of size, counted from `origin`; datetimes bin from
// 0001-01-01 (so 7d bins start on Mondays), as Kusto does.
Value BinAt(const Value& value, const Value& size, std::optional<Value> origin) {
  Type t = value.type();
  if (t == Type::DateTime || t == Type::TimeSpan) {
    std::optional<int64_t> s = ToTimeSpanTicks(size);
    if (IsNullish(value) || !s || *s <= 0) return Value::Null(t);
    int64_t base = t == Type::DateTime ? -kDotNetEpochOffset : 0;
    if (origin) {
      std::optional<int64_t> o = t == Type::DateTime ? ToDateTimeTicks(*origin) : ToTimeSpanTicks(*origin);
      if (!o) return Value::Null(t);
      base = *o;
    }
    int64_t binned = FloorDiv(value.int_value() - base, *s) * *s + base;
    return t == Type::DateTime ? CheckedDateTime(binned) : Value::TimeSpan(binned);
  }
  bool integral = IsInteger(t) && IsInteger(size.type()) && (!origin || IsInteger(origin->type()));
  if (integral) {
    if (IsNullish(value) || IsNullish(size) || size.int_value() <= 0) return Value::Null(t);
    int64_t base = origin ? origin->int_value() : 0;
    return Value::FromInt(t, FloorDiv(value.int_value() - base, size.int_value()) * size.int_value() + base);
  }
  std::optional<double> x = ToReal(value), s = ToReal(size);
  double base = origin ? ToReal(*origin).value_or(0) : 0;
  if (!x || !s || *s <= 0) return Value::Null(Type::Real);
  return Value::Real(std::floor((*x - base) / *s) * *s + base);
}

Type BinType(Args args) {
  Type t = args[0].type;
  if (t == Type::DateTime || t == Type::TimeSpan) return t;
  if (IsInteger(t) && IsInteger(args[1].type)) return t;
  return Type::Real;
}

ScalarFunction Bin(std::string name) {
  std::string fname = name;
  return ScalarFunction{std::move(name),
                        [fname](Args args) {
                          CheckArity(fname, args, 2, 2);
                          return BinType(args);
                        },
                        [](Vals v, const EvalContext&) { return BinAt(v[0], v[1], std::nullopt); }};
}

// Kusto rounds half away from zero: round(2.5) is 3, round(-2.5) is -3.
Value Round(Vals v) {
  std::optional<double> x = ToReal(v[0]);
  std::optional<int64_t> digits = v.size() > 1 ? ToLong(v[1]) : std::optional<int64_t>(0);
  if (!x || !digits) return Value::Null(Type::Real);
  double scale = std::pow(10.0, static_cast<double>(*digits));
  return Value::Real(std::round(*x * scale) / scale);
}

Value Abs(const Value& v) {
  if (IsNullish(v)) return Value::Null(SameOrReal(v.type()));
  switch (v.type()) {
    case Type::Int:
    case Type::Long:
    case Type::TimeSpan:
      return Value::FromInt(v.type(), v.int_value() < 0
                                          ? static_cast<int64_t>(0 - static_cast<uint64_t>(v.int_value()))
                                          : v.int_value());
    case Type::Decimal:
      return Value::Decimal(std::fabs(v.real_value()));
    default:
      return Value::Real(std::fabs(ToReal(v).value_or(0)));
  }
}

Type ExtremeType(std::string_view name, Args args) {
  CheckArity(name, args, 1, 64);
  Type t = args[0].type;
  for (const BoundArg& a : args.subspan(1)) {
    std::optional<Type> c = CommonType(t, a.type);
    if (!c) Fail(name, "arguments must have the same type");
    t = *c;
  }
  return t;
}

// max_of/min_of ignore nulls; null only when every argument is null.
Value Extreme(Vals v, bool max) {
  Type result = v[0].type();
  for (const Value& x : v.subspan(1)) result = CommonType(result, x.type()).value_or(result);
  std::optional<Value> best;
  for (const Value& x : v) {
    if (IsNullish(x)) continue;
    Value c = x.type() == result ? x : ConvertTo(result, x);
    if (result == Type::Real && std::isnan(c.real_value())) return c;
    if (!best || (max ? CompareValues(c, *best) > 0 : CompareValues(c, *best) < 0)) best = c;
  }
  return best ? *best : Value::Null(result);
}

// rand(): a real in [0, 1); rand(N): a long in [0, N - 1]. Each thread draws from its own generator.
Value Rand(Vals v) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  if (v.empty()) return Value::Real(std::uniform_real_distribution<double>(0.0, 1.0)(generator));
  std::optional<int64_t> n = ToLong(v[0]);
  if (!n || *n <= 0) return Value::Null(Type::Long);
  return Value::Long(std::uniform_int_distribution<int64_t>(0, *n - 1)(generator));
}

}  // namespace

void RegisterMathFunctions(Registry& r) {
  r.Add(ScalarFunction{"rand",
                       [](Args args) {
                         CheckArity("rand", args, 0, 1);
                         if (args.empty()) return Type::Real;
                         ExpectArg("rand", args, 0, {Type::Int, Type::Long});
                         return Type::Long;
                       },
                       [](Vals v, const EvalContext&) { return Rand(v); }});
  r.Add(ScalarFunction{"abs",
                       [](Args args) {
                         CheckArity("abs", args, 1, 1);
                         return SameOrReal(args[0].type);
                       },
                       [](Vals v, const EvalContext&) { return Abs(v[0]); }});
  r.Add(Simple("round", 1, 2, Type::Real, [](Vals v, const EvalContext&) { return Round(v); }));
  r.Add(Bin("bin"));
  r.Alias("floor", "bin");
  r.Add(ScalarFunction{"bin_at",
                       [](Args args) {
                         CheckArity("bin_at", args, 3, 3);
                         return BinType(args);
                       },
                       [](Vals v, const EvalContext&) { return BinAt(v[0], v[1], v[2]); }});
  r.Add(ScalarFunction{"ceiling",
                       [](Args args) {
                         CheckArity("ceiling", args, 1, 1);
                         return IsInteger(args[0].type) ? args[0].type : Type::Real;
                       },
                       [](Vals v, const EvalContext&) {
                         if (IsInteger(v[0].type())) return v[0];
                         std::optional<double> x = ToReal(v[0]);
                         return x ? Value::Real(std::ceil(*x)) : Value::Null(Type::Real);
                       }});
  r.Add(RealFunction("exp", [](double x) { return std::exp(x); }));
  r.Add(RealFunction("exp2", [](double x) { return std::exp2(x); }));
  r.Add(RealFunction("exp10", [](double x) { return std::pow(10.0, x); }));
  r.Add(RealFunction("log", [](double x) { return std::log(x); }));
  r.Add(RealFunction("log2", [](double x) { return std::log2(x); }));
  r.Add(RealFunction("log10", [](double x) { return std::log10(x); }));
  r.Add(RealFunction("sqrt", [](double x) { return std::sqrt(x); }));
  r.Add(RealFunction("sign", [](double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }));
  r.Add(RealFunction("cos", [](double x) { return std::cos(x); }));
  r.Add(RealFunction("sin", [](double x) { return std::sin(x); }));
  r.Add(RealFunction("tan", [](double x) { return std::tan(x); }));
  r.Add(RealFunction("acos", [](double x) { return std::acos(x); }));
  r.Add(RealFunction("asin", [](double x) { return std::asin(x); }));
  r.Add(RealFunction("atan", [](double x) { return std::atan(x); }));
  r.Add(RealFunction("degrees", [](double x) { return x * 180.0 / std::numbers::pi; }));
  r.Add(RealFunction("radians", [](double x) { return x * std::numbers::pi / 180.0; }));
  r.Add(
      Simple("pi", 0, 0, Type::Real, [](Vals, const EvalContext&) { return Value::Real(std::numbers::pi); }));
  r.Add(Simple("pow", 2, 2, Type::Real, [](Vals v, const EvalContext&) {
    std::optional<double> a = ToReal(v[0]), b = ToReal(v[1]);
    return a && b ? Value::Real(std::pow(*a, *b)) : Value::Null(Type::Real);
  }));
  r.Add(Simple("atan2", 2, 2, Type::Real, [](Vals v, const EvalContext&) {
    std::optional<double> a = ToReal(v[0]), b = ToReal(v[1]);
    return a && b ? Value::Real(std::atan2(*a, *b)) : Value::Null(Type::Real);
  }));
  r.Add(RealPredicate("isnan", [](double x) { return std::isnan(x); }));
  r.Add(RealPredicate("isinf", [](double x) { return std::isinf(x); }));
  r.Add(RealPredicate("isfinite", [](double x) { return std::isfinite(x); }));
  r.Add(ScalarFunction{"max_of", [](Args args) { return ExtremeType("max_of", args); },
                       [](Vals v, const EvalContext&) { return Extreme(v, true); }});
  r.Add(ScalarFunction{"min_of", [](Args args) { return ExtremeType("min_of", args); },
                       [](Vals v, const EvalContext&) { return Extreme(v, false); }});
}

}  // namespace iochound::fn
