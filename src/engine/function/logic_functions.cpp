// Null tests and conditionals: isnull isnotnull isempty isnotempty not iff/iif case coalesce.
#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

bool IsEmpty(const Value& v) {
  if (IsNullish(v)) return true;
  if (v.type() == Type::String) return v.string_value().empty();
  if (v.type() == Type::Dynamic && v.dynamic_value().kind() == Dynamic::Kind::String) {
    return v.dynamic_value().string_value().empty();
  }
  return false;
}

Value AsResult(Type result, const Value& v) {
  return v.type() == result ? v : ConvertTo(result, v);
}

Type BranchType(std::string_view name, Type a, Type b) {
  std::optional<Type> t = CommonType(a, b);
  if (!t)
    Fail(name, std::string("branches have different types: ") + std::string(TypeName(a)) + " and " +
                   std::string(TypeName(b)));
  return *t;
}

Type BindIff(std::string_view name, Args args) {
  CheckArity(name, args, 3, 3);
  ExpectArg(name, args, 0, {Type::Bool});
  return BranchType(name, args[1].type, args[2].type);
}

// A null condition selects the else branch, like false.
bool Truthy(const Value& v) {
  std::optional<bool> b = ToBool(v);
  return b && *b;
}

Type BindCase(Args args) {
  if (args.size() < 3 || args.size() % 2 == 0)
    Fail("case", "expects predicate/value pairs and a final else value");
  Type t = args.back().type;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    ExpectArg("case", args, i, {Type::Bool});
    t = BranchType("case", t, args[i + 1].type);
  }
  return t;
}

Type BindCoalesce(Args args) {
  CheckArity("coalesce", args, 1, 64);
  Type t = args[0].type;
  for (const BoundArg& a : args.subspan(1)) t = BranchType("coalesce", t, a.type);
  return t;
}

}  // namespace

void RegisterLogicFunctions(Registry& r) {
  r.Add(Simple("isnull", 1, 1, Type::Bool,
               [](Vals v, const EvalContext&) { return Value::Bool(IsNullish(v[0])); }));
  r.Add(Simple("isnotnull", 1, 1, Type::Bool,
               [](Vals v, const EvalContext&) { return Value::Bool(!IsNullish(v[0])); }));
  r.Add(Simple("isempty", 1, 1, Type::Bool,
               [](Vals v, const EvalContext&) { return Value::Bool(IsEmpty(v[0])); }));
  r.Add(Simple("isnotempty", 1, 1, Type::Bool,
               [](Vals v, const EvalContext&) { return Value::Bool(!IsEmpty(v[0])); }));
  r.Alias("notempty", "isnotempty");
  r.Add(Simple("not", 1, 1, Type::Bool, [](Vals v, const EvalContext&) {
    std::optional<bool> b = ToBool(v[0]);
    return b ? Value::Bool(!*b) : Value::Null(Type::Bool);
  }));
  r.Add(ScalarFunction{"iff", [](Args args) { return BindIff("iff", args); },
                       [](Vals v, const EvalContext&) {
                         Type result = CommonType(v[1].type(), v[2].type()).value_or(v[1].type());
                         return AsResult(result, Truthy(v[0]) ? v[1] : v[2]);
                       }});
  r.Alias("iif", "iff");
  r.Add(ScalarFunction{"case", BindCase, [](Vals v, const EvalContext&) {
                         Type result = v.back().type();
                         for (size_t i = 0; i + 1 < v.size(); i += 2) {
                           result = CommonType(result, v[i + 1].type()).value_or(result);
                         }
                         for (size_t i = 0; i + 1 < v.size(); i += 2) {
                           if (Truthy(v[i])) return AsResult(result, v[i + 1]);
                         }
                         return AsResult(result, v.back());
                       }});
  r.Add(ScalarFunction{"coalesce", BindCoalesce, [](Vals v, const EvalContext&) {
                         Type result = v[0].type();
                         for (const Value& x : v.subspan(1))
                           result = CommonType(result, x.type()).value_or(result);
                         // Empty strings count as missing, as Kusto strings have no null.
                         for (const Value& x : v) {
                           if (!IsEmpty(x) || (x.type() != Type::String && !IsNullish(x)))
                             return AsResult(result, x);
                         }
                         return Value::Null(result);
                       }});
}

}  // namespace iochound::fn
