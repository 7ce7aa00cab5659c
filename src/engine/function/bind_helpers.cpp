#include <fmt/format.h>

#include "engine/function/function_internal.h"

namespace iochound::fn {

void Fail(std::string_view function, std::string_view what) {
  throw QueryError(fmt::format("{}(): {}", function, what));
}

void CheckArity(std::string_view function, Args args, size_t min, size_t max) {
  if (args.size() >= min && args.size() <= max) return;
  if (min == max) Fail(function, fmt::format("expects {} argument(s), got {}", min, args.size()));
  if (max == SIZE_MAX)
    Fail(function, fmt::format("expects at least {} argument(s), got {}", min, args.size()));
  Fail(function, fmt::format("expects {} to {} arguments, got {}", min, max, args.size()));
}

void ExpectArg(std::string_view function, Args args, size_t index, std::initializer_list<Type> allowed) {
  Type t = args[index].type;
  if (t == Type::Dynamic || t == Type::Null) return;
  for (Type a : allowed) {
    if (a == t) return;
  }
  std::string names;
  for (Type a : allowed) names += fmt::format("{}{}", names.empty() ? "" : " or ", TypeName(a));
  Fail(function, fmt::format("argument {} must be {}, got {}", index + 1, names, TypeName(t)));
}

bool IsNumericLike(Type t) {
  return IsNumeric(t) || t == Type::Dynamic || t == Type::Null;
}

Type PromoteNumeric(Type a, Type b) {
  if (a == Type::Real || b == Type::Real) return Type::Real;
  if (a == Type::Decimal || b == Type::Decimal) return Type::Decimal;
  bool a_int = IsInteger(a) || a == Type::Null;
  bool b_int = IsInteger(b) || b == Type::Null;
  return a_int && b_int ? Type::Long : Type::Real;
}

std::optional<Type> CommonType(Type a, Type b) {
  if (a == b) return a;
  if (a == Type::Null) return b;
  if (b == Type::Null) return a;
  if (IsNumeric(a) && IsNumeric(b)) return PromoteNumeric(a, b);
  return std::nullopt;
}

ScalarFunction Simple(std::string name, size_t min_args, size_t max_args, Type result,
                      std::function<Value(Vals, const EvalContext&)> eval) {
  std::string fname = name;
  return ScalarFunction{std::move(name),
                        [fname, min_args, max_args, result](Args args) {
                          CheckArity(fname, args, min_args, max_args);
                          return result;
                        },
                        std::move(eval)};
}

}  // namespace iochound::fn
