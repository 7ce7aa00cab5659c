// Kusto's arithmetic, comparison and boolean operators as reserved-name functions the binder maps syntax
// to: __add __sub __mul __div __mod __neg, __eq __ne __lt __le __gt __ge, __and __or.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

enum class Op { kAdd, kSub, kMul, kDiv, kMod };

std::string_view Symbol(Op op) {
  static constexpr std::string_view kSymbols[] = {"+", "-", "*", "/", "%"};
  return kSymbols[static_cast<int>(op)];
}

[[noreturn]] void OperandError(std::string_view symbol, Type a, Type b) {
  throw QueryError(
      fmt::format("operator '{}' cannot be applied to {} and {}", symbol, TypeName(a), TypeName(b)));
}

// Result type of `a op b`, per Kusto's operator tables; throws for unsupported pairs (dynamic operands
// included: Kusto rejects arithmetic on dynamic).
Type ArithmeticType(Op op, Type a, Type b) {
  bool na = IsNumeric(a) || a == Type::Null;
  bool nb = IsNumeric(b) || b == Type::Null;
  if (na && nb) return PromoteNumeric(a, b);
  auto is = [](Type t, Type want) { return t == want || t == Type::Null; };
  switch (op) {
    case Op::kAdd:
      if ((a == Type::DateTime && is(b, Type::TimeSpan)) || (is(a, Type::TimeSpan) && b == Type::DateTime)) {
        return Type::DateTime;
      }
      if (is(a, Type::TimeSpan) && is(b, Type::TimeSpan)) return Type::TimeSpan;
      break;
    case Op::kSub:
      if (a == Type::DateTime && b == Type::DateTime) return Type::TimeSpan;
      if (a == Type::DateTime && is(b, Type::TimeSpan)) return Type::DateTime;
      if (is(a, Type::TimeSpan) && is(b, Type::TimeSpan)) return Type::TimeSpan;
      break;
    case Op::kMul:
      if ((is(a, Type::TimeSpan) && nb) || (na && is(b, Type::TimeSpan))) return Type::TimeSpan;
      break;
    case Op::kDiv:
      if (is(a, Type::TimeSpan) && b == Type::TimeSpan) return Type::Real;
      if (is(a, Type::TimeSpan) && nb) return Type::TimeSpan;
      break;
    case Op::kMod:
      if (is(a, Type::TimeSpan) && is(b, Type::TimeSpan)) return Type::TimeSpan;
      break;
  }
  OperandError(Symbol(op), a, b);
}

// Two's-complement wrapping, as Kusto's unchecked long arithmetic.
int64_t Wrap(uint64_t v) {
  return static_cast<int64_t>(v);
}

Value LongOp(Op op, int64_t a, int64_t b) {
  uint64_t ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  switch (op) {
    case Op::kAdd:
      return Value::Long(Wrap(ua + ub));
    case Op::kSub:
      return Value::Long(Wrap(ua - ub));
    case Op::kMul:
      return Value::Long(Wrap(ua * ub));
    case Op::kDiv:
      // Division by zero is null in Kusto (print 1 / 0); so is the one overflowing quotient.
      if (b == 0 || (a == std::numeric_limits<int64_t>::min() && b == -1)) return Value::Null(Type::Long);
      return Value::Long(a / b);
    case Op::kMod: {
      if (b == 0) return Value::Null(Type::Long);
      if (b == -1) return Value::Long(0);
      // Kusto's modulo is never negative: -7 % 3 == 2, 7 % -3 == 1.
      int64_t r = a % b;
      if (r < 0) r += b < 0 ? -b : b;
      return Value::Long(r);
    }
  }
  return Value::Null(Type::Long);
}

double RealOp(Op op, double a, double b) {
  switch (op) {
    case Op::kAdd:
      return a + b;
    case Op::kSub:
      return a - b;
    case Op::kMul:
      return a * b;
    case Op::kDiv:
      return a / b;
    case Op::kMod: {
      double r = std::fmod(a, b);
      if (r < 0) r += std::fabs(b);
      return r;
    }
  }
  return 0;
}

// Scales a timespan by a number, rounding to the nearest tick.
Value ScaleSpan(int64_t ticks, double factor, bool divide) {
  if (divide && factor == 0) return Value::Null(Type::TimeSpan);
  double scaled =
      std::nearbyint(divide ? static_cast<double>(ticks) / factor : static_cast<double>(ticks) * factor);
  if (!std::isfinite(scaled) || std::fabs(scaled) >= 9.2e18) return Value::Null(Type::TimeSpan);
  return Value::TimeSpan(static_cast<int64_t>(scaled));
}

Value Arithmetic(Op op, Type result, const Value& a, const Value& b) {
  if (IsNullish(a) || IsNullish(b)) return Value::Null(result);
  Type ta = a.type(), tb = b.type();
  switch (result) {
    case Type::Long:
      return LongOp(op, a.int_value(), b.int_value());
    case Type::Real: {
      if (ta == Type::TimeSpan)
        return Value::Real(static_cast<double>(a.int_value()) / static_cast<double>(b.int_value()));
      return Value::Real(RealOp(op, *ToReal(a), *ToReal(b)));
    }
    case Type::Decimal: {
      double y = *ToReal(b);
      if ((op == Op::kDiv || op == Op::kMod) && y == 0) return Value::Null(Type::Decimal);
      return Value::Decimal(RealOp(op, *ToReal(a), y));
    }
    case Type::DateTime: {
      int64_t dt = ta == Type::DateTime ? a.int_value() : b.int_value();
      int64_t span = ta == Type::DateTime ? b.int_value() : a.int_value();
      int64_t out;
      bool overflow =
          op == Op::kAdd ? __builtin_add_overflow(dt, span, &out) : __builtin_sub_overflow(dt, span, &out);
      return overflow ? Value::Null(Type::DateTime) : CheckedDateTime(out);
    }
    case Type::TimeSpan: {
      if (ta == Type::DateTime) return Value::TimeSpan(a.int_value() - b.int_value());
      if (ta == Type::TimeSpan && tb == Type::TimeSpan) {
        if (op == Op::kMod)
          return b.int_value() == 0 ? Value::Null(result) : Value::TimeSpan(a.int_value() % b.int_value());
        Value l = LongOp(op, a.int_value(), b.int_value());
        return Value::TimeSpan(l.int_value());
      }
      if (ta == Type::TimeSpan) {
        if (IsInteger(tb)) {
          if (op == Op::kMul) return Value::TimeSpan(LongOp(op, a.int_value(), b.int_value()).int_value());
          Value q = LongOp(Op::kDiv, a.int_value(), b.int_value());
          return q.is_null() ? Value::Null(Type::TimeSpan) : Value::TimeSpan(q.int_value());
        }
        return ScaleSpan(a.int_value(), *ToReal(b), op == Op::kDiv);
      }
      if (IsInteger(ta)) return Value::TimeSpan(LongOp(Op::kMul, a.int_value(), b.int_value()).int_value());
      return ScaleSpan(b.int_value(), *ToReal(a), false);
    }
    default:
      return Value::Null(result);
  }
}

ScalarFunction Binary(std::string name, Op op) {
  return ScalarFunction{name,
                        [name, op](Args args) {
                          CheckArity(name, args, 2, 2);
                          return ArithmeticType(op, args[0].type, args[1].type);
                        },
                        [op](Vals v, const EvalContext&) {
                          Type result = ArithmeticType(op, v[0].type(), v[1].type());
                          return Arithmetic(op, result, v[0], v[1]);
                        }};
}

Value Negate(const Value& v) {
  if (IsNullish(v)) return Value::Null(v.type());
  switch (v.type()) {
    case Type::Int:
    case Type::Long:
    case Type::TimeSpan:
      return Value::FromInt(v.type(), Wrap(0 - static_cast<uint64_t>(v.int_value())));
    default:
      return Value::FromReal(v.type(), -v.real_value());
  }
}

// ---- Comparisons ----

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

bool Comparable(Cmp cmp, Type a, Type b) {
  if (a == Type::Null || b == Type::Null || a == Type::Dynamic || b == Type::Dynamic) return true;
  if (IsNumeric(a) && IsNumeric(b)) return true;
  if ((a == Type::String && b == Type::Guid) || (a == Type::Guid && b == Type::String)) return true;
  if (a != b) return false;
  return cmp == Cmp::kEq || cmp == Cmp::kNe || a != Type::Guid;
}

Value Compare(Cmp cmp, const Value& a, const Value& b) {
  bool na = IsNullish(a), nb = IsNullish(b);
  if (na || nb) {
    // == and != are two-valued against a single null (null == 1 is false, null != 1 true), null when both
    // sides are null; ordering comparisons with null are null.
    if (na && nb) return Value::Null(Type::Bool);
    if (cmp == Cmp::kEq) return Value::Bool(false);
    if (cmp == Cmp::kNe) return Value::Bool(true);
    return Value::Null(Type::Bool);
  }
  if (cmp == Cmp::kEq) return Value::Bool(ValuesEqual(a, b));
  if (cmp == Cmp::kNe) return Value::Bool(!ValuesEqual(a, b));
  // Reals compare as IEEE: NaN is unordered, so every ordering test is false.
  std::optional<double> ra = a.type() == Type::Real ? std::optional<double>(a.real_value()) : std::nullopt;
  std::optional<double> rb = b.type() == Type::Real ? std::optional<double>(b.real_value()) : std::nullopt;
  if ((ra && std::isnan(*ra)) || (rb && std::isnan(*rb))) return Value::Bool(false);
  int c = CompareValues(a, b);
  switch (cmp) {
    case Cmp::kLt:
      return Value::Bool(c < 0);
    case Cmp::kLe:
      return Value::Bool(c <= 0);
    case Cmp::kGt:
      return Value::Bool(c > 0);
    default:
      return Value::Bool(c >= 0);
  }
}

ScalarFunction Comparison(std::string name, std::string symbol, Cmp cmp) {
  return ScalarFunction{name,
                        [name, symbol, cmp](Args args) {
                          CheckArity(name, args, 2, 2);
                          if (!Comparable(cmp, args[0].type, args[1].type)) {
                            OperandError(symbol, args[0].type, args[1].type);
                          }
                          return Type::Bool;
                        },
                        [cmp](Vals v, const EvalContext&) { return Compare(cmp, v[0], v[1]); }};
}

// Three-valued logic: false wins for and, true wins for or, otherwise null propagates.
Value Logic(bool is_and, const Value& a, const Value& b) {
  std::optional<bool> x = ToBool(a), y = ToBool(b);
  if (is_and) {
    if ((x && !*x) || (y && !*y)) return Value::Bool(false);
  } else if ((x && *x) || (y && *y)) {
    return Value::Bool(true);
  }
  if (!x || !y) return Value::Null(Type::Bool);
  return Value::Bool(is_and ? (*x && *y) : (*x || *y));
}

ScalarFunction BoolOp(std::string name, bool is_and) {
  return ScalarFunction{name,
                        [name](Args args) {
                          CheckArity(name, args, 2, 2);
                          ExpectArg(name, args, 0, {Type::Bool});
                          ExpectArg(name, args, 1, {Type::Bool});
                          return Type::Bool;
                        },
                        [is_and](Vals v, const EvalContext&) { return Logic(is_and, v[0], v[1]); }};
}

}  // namespace

void RegisterOperators(Registry& r) {
  r.Add(Binary("__add", Op::kAdd));
  r.Add(Binary("__sub", Op::kSub));
  r.Add(Binary("__mul", Op::kMul));
  r.Add(Binary("__div", Op::kDiv));
  r.Add(Binary("__mod", Op::kMod));
  r.Add(ScalarFunction{"__neg",
                       [](Args args) {
                         CheckArity("__neg", args, 1, 1);
                         Type t = args[0].type;
                         if (!IsNumeric(t) && t != Type::TimeSpan && t != Type::Null) OperandError("-", t, t);
                         return t == Type::Null ? Type::Long : t;
                       },
                       [](Vals v, const EvalContext&) { return Negate(v[0]); }});
  r.Add(Comparison("__eq", "==", Cmp::kEq));
  r.Add(Comparison("__ne", "!=", Cmp::kNe));
  r.Add(Comparison("__lt", "<", Cmp::kLt));
  r.Add(Comparison("__le", "<=", Cmp::kLe));
  r.Add(Comparison("__gt", ">", Cmp::kGt));
  r.Add(Comparison("__ge", ">=", Cmp::kGe));
  r.Add(BoolOp("__and", true));
  r.Add(BoolOp("__or", false));
}

}  // namespace iochound::fn
