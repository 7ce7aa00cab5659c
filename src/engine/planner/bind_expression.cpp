// Binding of scalar expressions: literals, names, member access, function and aggregate calls,
// operators (arithmetic, comparison, string predicates, in/has_any lists, between).
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "engine/planner/binder_internal.h"
#include "types/datetime.h"

namespace iochound::binding {

using ast::ExprKind;

namespace {

const std::map<std::string, std::string, std::less<>> kArithmetic = {
    {"+", "__add"}, {"-", "__sub"}, {"*", "__mul"}, {"/", "__div"}, {"%", "__mod"}, {"==", "__eq"},
    {"!=", "__ne"}, {"<", "__lt"},  {"<=", "__le"}, {">", "__gt"},  {">=", "__ge"}};
const std::set<std::string, std::less<>> kComparisons = {"==", "!=", "<", "<=", ">", ">="};

struct StringOperator {
  StringOp op;
  bool case_sensitive;
  bool negated;
};

std::optional<StringOperator> FindStringOperator(std::string_view op) {
  bool negated = !op.empty() && op[0] == '!';
  if (negated) op.remove_prefix(1);
  bool cs = op.size() > 3 && op.substr(op.size() - 3) == "_cs";
  if (cs) op.remove_suffix(3);
  static const std::map<std::string, StringOp, std::less<>> kOps = {{"has", StringOp::kHas},
                                                                    {"hasprefix", StringOp::kHasPrefix},
                                                                    {"hassuffix", StringOp::kHasSuffix},
                                                                    {"contains", StringOp::kContains},
                                                                    {"startswith", StringOp::kStartsWith},
                                                                    {"endswith", StringOp::kEndsWith}};
  auto it = kOps.find(op);
  if (it == kOps.end()) return std::nullopt;
  return StringOperator{it->second, cs, negated};
}

}  // namespace

// ---- scalar expressions ---------------------------------------------------------------------
BoundExprPtr Binder::CallFunction(std::string_view name, std::vector<BoundExprPtr> args, size_t offset,
                                  size_t length) {
  const ScalarFunction* function = FindScalarFunction(name);
  if (function == nullptr)
    Fail(offset, length, fmt::format("internal: function '{}' is not registered", name));
  std::vector<BoundArg> bound_args;
  for (const auto& arg : args) {
    BoundArg b{arg->type};
    if (arg->kind == BoundExpr::Kind::kConstant) {
      b.is_constant = true;
      b.constant = arg->value;
    }
    bound_args.push_back(std::move(b));
  }
  Type type;
  try {
    type = function->bind(bound_args);
  } catch (const QueryError& error) {
    Fail(offset, length, error.what());
  }
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = BoundExpr::Kind::kCall;
  expr->type = type;
  expr->function = function;
  std::string text = std::string(name) + "(";
  for (size_t i = 0; i < args.size(); ++i) text += (i ? ", " : "") + args[i]->text;
  expr->text = text + ")";
  expr->args = std::move(args);
  return FoldConstant(std::move(expr));
}

BoundExprPtr Binder::CallFunction(std::string_view name, BoundExprPtr arg, size_t offset, size_t length) {
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(arg));
  return CallFunction(name, std::move(args), offset, length);
}

// Calls with only constant arguments are evaluated once at bind time (`ago(1d)`, `strcat("a", "b")`),
// except for functions whose every call differs.
BoundExprPtr Binder::FoldConstant(BoundExprPtr expr) {
  if (expr->function->name == "rand" || expr->function->name == "new_guid") return expr;
  for (const auto& arg : expr->args) {
    if (arg->kind != BoundExpr::Kind::kConstant) return expr;
  }
  Value value = evaluator_.EvaluateScalar(*expr);
  auto folded = BoundExpr::Constant(std::move(value), expr->type);
  folded->text = expr->text;
  return folded;
}

// Casts an expression to `type` (datatable cells, parameter defaults).
BoundExprPtr Binder::Convert(BoundExprPtr expr, Type type, const ast::Expr& at) {
  if (expr->type == type || expr->type == Type::Null) {
    if (expr->type == Type::Null && expr->kind == BoundExpr::Kind::kConstant) {
      return BoundExpr::Constant(Value::Null(type), type);
    }
    return expr;
  }
  static const std::map<Type, const char*> kCasts = {
      {Type::Bool, "tobool"},         {Type::Int, "toint"},           {Type::Long, "tolong"},
      {Type::Real, "todouble"},       {Type::Decimal, "todecimal"},   {Type::String, "tostring"},
      {Type::DateTime, "todatetime"}, {Type::TimeSpan, "totimespan"}, {Type::Dynamic, "todynamic"},
      {Type::Guid, "toguid"}};
  BoundExprPtr converted = CallFunction(kCasts.at(type), std::move(expr), at.offset, at.length);
  if (converted->type != type) {
    Fail(at, fmt::format("a {} value cannot be used where {} is expected", TypeName(converted->type),
                         TypeName(type)));
  }
  return converted;
}

BoundExprPtr Binder::AsString(BoundExprPtr expr, const ast::Expr& at) {
  if (expr->type == Type::String) return expr;
  return CallFunction("tostring", std::move(expr), at.offset, at.length);
}

BoundExprPtr Binder::BindExpr(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
  BoundExprPtr bound = BindExprInner(e, schema, aggregates);
  if (bound->text.empty()) bound->text = std::string(e.name.empty() ? e.text : e.name);
  return bound;
}

BoundExprPtr Binder::BindExprInner(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return BindLiteral(e);
    case ExprKind::kName:
      return BindName(e, schema);
    case ExprKind::kMember:
    case ExprKind::kIndex:
      return BindAccess(e, schema, aggregates);
    case ExprKind::kCall:
      return BindCall(e, schema, aggregates);
    case ExprKind::kUnary: {
      BoundExprPtr operand = BindExpr(*e.args[0], schema, aggregates);
      if (e.op == "+") return operand;
      return CallFunction("__neg", std::move(operand), e.offset, e.length);
    }
    case ExprKind::kBinary:
      return BindBinary(e, schema, aggregates);
    case ExprKind::kInList:
      return BindInList(e, schema, aggregates);
    case ExprKind::kBetween: {
      BoundExprPtr value = BindExpr(*e.args[0], schema, aggregates);
      BoundExprPtr value_again = BindExpr(*e.args[0], schema, aggregates);
      BoundExprPtr lower = BindExpr(*e.args[1], schema, aggregates);
      BoundExprPtr upper = BindExpr(*e.args[2], schema, aggregates);
      // `t between (start .. 3d)`: a timespan upper bound counts from the datetime lower bound.
      if (value->type == Type::DateTime && lower->type == Type::DateTime && upper->type == Type::TimeSpan) {
        std::vector<BoundExprPtr> sum;
        sum.push_back(BindExpr(*e.args[1], schema, aggregates));
        sum.push_back(std::move(upper));
        upper = CallFunction("__add", std::move(sum), e.offset, e.length);
      }
      std::vector<BoundExprPtr> ge_args, le_args;
      ge_args.push_back(std::move(value));
      ge_args.push_back(std::move(lower));
      le_args.push_back(std::move(value_again));
      le_args.push_back(std::move(upper));
      auto both = std::make_unique<BoundExpr>();
      both->kind = BoundExpr::Kind::kAnd;
      both->type = Type::Bool;
      both->args.push_back(CallFunction("__ge", std::move(ge_args), e.offset, e.length));
      both->args.push_back(CallFunction("__le", std::move(le_args), e.offset, e.length));
      if (e.op == "between") return both;
      auto negated = std::make_unique<BoundExpr>();
      negated->kind = BoundExpr::Kind::kNot;
      negated->type = Type::Bool;
      negated->args.push_back(std::move(both));
      return negated;
    }
    case ExprKind::kTabular: {
      Fail(e, "a tabular expression cannot be used as a scalar here (use toscalar())");
    }
    case ExprKind::kDynamicArray:
    case ExprKind::kDynamicBag:
      return BoundExpr::Constant(Value::Dyn(LiteralToDynamic(e)), Type::Dynamic);
    case ExprKind::kStar:
      Fail(e, "'*' is not allowed here");
    case ExprKind::kNamedArg:
      Fail(e, fmt::format("named argument '{}' is not allowed here", e.name));
  }
  Fail(e, "unsupported expression");
}

Dynamic Binder::LiteralToDynamic(const ast::Expr& e) {
  switch (e.kind) {
    case ExprKind::kDynamicArray: {
      Dynamic::Array items;
      items.reserve(e.args.size());
      for (const auto& item : e.args) items.push_back(LiteralToDynamic(*item));
      return Dynamic::MakeArray(std::move(items));
    }
    case ExprKind::kDynamicBag: {
      Dynamic::Object members;
      for (size_t i = 0; i < e.args.size(); ++i)
        members.emplace_back(e.keys[i], LiteralToDynamic(*e.args[i]));
      return Dynamic::MakeObject(std::move(members));
    }
    case ExprKind::kLiteral: {
      if (e.type == Type::Dynamic) {
        if (e.json) return *e.json;
        return e.args.empty() ? Dynamic() : LiteralToDynamic(*e.args[0]);
      }
      // IOC lists are dynamic arrays of 100,000 strings: not a bound constant for each.
      if (e.type == Type::String && !e.is_null) return Dynamic::MakeString(e.text);
      return ToDynamic(BindLiteral(e)->value);
    }
    default:
      Fail(e, "only literals are allowed inside dynamic(...)");
  }
}

BoundExprPtr Binder::BindLiteral(const ast::Expr& e) {
  if (e.type == Type::Dynamic) {
    Dynamic d = LiteralToDynamic(e);
    if (d.is_null()) return BoundExpr::Constant(Value::Null(Type::Dynamic), Type::Dynamic);
    return BoundExpr::Constant(Value::Dyn(std::move(d)), Type::Dynamic);
  }
  if (e.is_null || e.type == Type::Null) return BoundExpr::Constant(Value::Null(e.type), e.type);
  switch (e.type) {
    case Type::Bool:
      return BoundExpr::Constant(Value::Bool(e.int_value != 0), Type::Bool);
    case Type::Int:
      return BoundExpr::Constant(Value::Int(e.int_value), Type::Int);
    case Type::Long:
      return BoundExpr::Constant(Value::Long(e.int_value), Type::Long);
    case Type::Real:
      return BoundExpr::Constant(Value::Real(e.real_value), Type::Real);
    case Type::Decimal:
      return BoundExpr::Constant(Value::Decimal(e.real_value), Type::Decimal);
    case Type::String: {
      auto c = BoundExpr::Constant(Value::String(e.text), Type::String);
      c->text = "\"" + e.text + "\"";
      return c;
    }
    case Type::DateTime: {
      auto ticks = ParseDateTime(e.text);
      if (!ticks) Fail(e, fmt::format("'{}' is not a valid datetime", e.text));
      return BoundExpr::Constant(Value::DateTime(*ticks), Type::DateTime);
    }
    case Type::TimeSpan: {
      auto ticks = ParseTimeSpan(e.text);
      if (!ticks) Fail(e, fmt::format("'{}' is not a valid timespan", e.text));
      return BoundExpr::Constant(Value::TimeSpan(*ticks), Type::TimeSpan);
    }
    case Type::Guid: {
      std::string text = e.text;
      std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
      if (!RE2::FullMatch(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
        Fail(e, fmt::format("'{}' is not a valid guid", e.text));
      }
      return BoundExpr::Constant(Value::Guid(text), Type::Guid);
    }
    default:
      Fail(e, "unsupported literal");
  }
}

BoundExprPtr Binder::BindName(const ast::Expr& e, const Schema& schema) {
  int index = FindField(schema, e.name);
  if (index >= 0) return ColumnRef(schema, static_cast<size_t>(index));
  auto let = lets_.find(e.name);
  if (let != lets_.end() && !let->second.is_tabular) return BindScalarLet(e, let->second);
  std::vector<std::string> candidates;
  for (const auto& f : schema) candidates.push_back(f.name);
  for (const auto& [n, b] : lets_) {
    if (!b.is_tabular) candidates.push_back(n);
  }
  if (let != lets_.end())
    Fail(e, fmt::format("'{}' is a tabular expression and cannot be used as a scalar", e.name));
  Fail(e, fmt::format("unknown column or scalar '{}'{}", e.name, DidYouMean(e.name, candidates)));
}

BoundExprPtr Binder::BindAccess(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
  BoundExprPtr base = BindExpr(*e.args[0], schema, aggregates);
  if (base->type != Type::Dynamic) {
    Fail(e, fmt::format("'{}' is {}, not dynamic: only dynamic values have members and indexes", base->text,
                        TypeName(base->type)));
  }
  auto access = std::make_unique<BoundExpr>();
  access->type = Type::Dynamic;
  access->text = e.kind == ExprKind::kMember ? base->text + "." + e.name : base->text + "[...]";
  if (e.kind == ExprKind::kMember) {
    access->kind = BoundExpr::Kind::kMemberAccess;
    access->member = e.name;
    access->args.push_back(std::move(base));
    return access;
  }
  BoundExprPtr index = BindExpr(*e.args[1], schema, aggregates);
  if (index->kind == BoundExpr::Kind::kConstant && index->type == Type::String) {
    access->kind = BoundExpr::Kind::kMemberAccess;
    access->member = index->value.string_value();
    access->args.push_back(std::move(base));
    return access;
  }
  if (index->type == Type::Int) index = CallFunction("tolong", std::move(index), e.offset, e.length);
  if (index->type != Type::Long && index->type != Type::String && index->type != Type::Dynamic) {
    Fail(*e.args[1], fmt::format("an index must be an integer or a string, not {}", TypeName(index->type)));
  }
  access->kind = BoundExpr::Kind::kIndexAccess;
  access->args.push_back(std::move(base));
  access->args.push_back(std::move(index));
  return access;
}

BoundExprPtr Binder::BindCall(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
  if (e.name == "toscalar") return BindToScalar(e);
  if (IsWindowFunction(e.name)) return BindWindowCall(e, schema);
  if (auto let = lets_.find(e.name); let != lets_.end() && let->second.function) {
    BoundValue value = CallUserFunction(e, let->second, nullptr, schema);
    if (!value.scalar)
      Fail(e, fmt::format("'{}' returns a table: use it as a table or in toscalar()", e.name));
    return std::move(value.scalar);
  }
  if (e.name == "column_ifexists") {
    // column_ifexists('Name', default): the column when the input has it, else the default.
    if (e.args.size() != 2) Fail(e, "column_ifexists() takes a column name and a default value");
    Schema none;
    BoundExprPtr name = BindExpr(*e.args[0], none);
    if (name->kind != BoundExpr::Kind::kConstant || name->type != Type::String)
      Fail(*e.args[0], "column_ifexists(): the column name must be a constant string");
    int index = FindField(schema, name->value.string_value());
    if (index >= 0) return ColumnRef(schema, static_cast<size_t>(index));
    return BindExpr(*e.args[1], schema, aggregates);
  }
  if (e.name == "pack_all") {
    // pack_all(): a bag of every column of the row, by name.
    if (!e.args.empty()) Fail(e, "pack_all(ignore_null_empty) is not supported yet: use pack_all()");
    std::vector<BoundExprPtr> pairs;
    for (size_t i = 0; i < schema.size(); ++i) {
      pairs.push_back(BoundExpr::Constant(Value::String(schema[i].name), Type::String));
      pairs.push_back(ColumnRef(schema, i));
    }
    return CallFunction("pack", std::move(pairs), e.offset, e.length);
  }
  if (e.name == "typeof") {
    // `typeof(long)`, the type argument of extractjson: the type's name as a constant string.
    std::optional<Type> type;
    if (e.args.size() == 1 && e.args[0]->kind == ExprKind::kName) type = ParseTypeName(e.args[0]->name);
    if (!type) Fail(e, "typeof() takes a type name: typeof(long)");
    auto name = BoundExpr::Constant(Value::String(std::string(TypeName(*type))), Type::String);
    name->text = "typeof(" + std::string(TypeName(*type)) + ")";
    return name;
  }
  if (e.name == "not") {
    if (e.args.size() != 1) Fail(e, "not() takes one argument");
    BoundExprPtr arg = BindExpr(*e.args[0], schema, aggregates);
    if (arg->type != Type::Bool) arg = CallFunction("tobool", std::move(arg), e.offset, e.length);
    auto negated = std::make_unique<BoundExpr>();
    negated->kind = BoundExpr::Kind::kNot;
    negated->type = Type::Bool;
    negated->text = "not(" + arg->text + ")";
    negated->args.push_back(std::move(arg));
    return negated;
  }
  // Aggregates named "__..." are the binder's own (arg_max's columns), not callable from queries.
  if (const AggregateFunction* aggregate = FindAggregateFunction(e.name);
      aggregate != nullptr && e.name.rfind("__", 0) != 0) {
    if (aggregates == nullptr) {
      Fail(e, fmt::format("'{}' is an aggregate function: use it in summarize", e.name));
    }
    return BindAggregateCall(e, *aggregate, *aggregates);
  }
  const ScalarFunction* function = FindScalarFunction(e.name);
  if (function == nullptr || e.name.rfind("__", 0) == 0) {
    std::vector<std::string> names = ScalarFunctionNames();
    for (const auto& n : AggregateFunctionNames()) names.push_back(n);
    std::erase_if(names, [](const std::string& n) { return n.rfind("__", 0) == 0; });
    Fail(e, fmt::format("unknown function '{}'{}", e.name, DidYouMean(e.name, names)));
  }
  std::vector<BoundExprPtr> args;
  for (const auto& arg : e.args) {
    if (arg->kind == ExprKind::kNamedArg) Fail(*arg, fmt::format("{}() takes no named arguments", e.name));
    args.push_back(BindExpr(*arg, schema, aggregates));
  }
  return CallFunction(e.name, std::move(args), e.offset, e.length);
}

BoundExprPtr Binder::BindAggregateCall(const ast::Expr& e, const AggregateFunction& function,
                                       AggregateContext& context) {
  AggregateCall call;
  call.function = &function;
  for (size_t i = 0; i < e.args.size(); ++i) {
    const ast::ExprPtr& arg = e.args[i];
    if (arg->kind == ExprKind::kStar && function.name == "count") continue;
    // Kusto's documented parameter name of the make_* limits, written `make_set(x, maxSize = 100)`: valid
    // in its own (last) place.
    const bool max_size = arg->kind == ExprKind::kNamedArg && arg->name == "maxSize" &&
                          i + 1 == e.args.size() && function.name.rfind("make", 0) == 0 &&
                          (i == 1 || (i == 2 && function.name.ends_with("_if")));
    if (arg->kind == ExprKind::kNamedArg && !max_size)
      Fail(*arg, fmt::format("named argument '{}' is not allowed here", arg->name));
    BoundExprPtr bound = BindExpr(max_size ? *arg->args[0] : *arg, *context.input);
    BoundArg b{bound->type};
    if (bound->kind == BoundExpr::Kind::kConstant) {
      b.is_constant = true;
      b.constant = bound->value;
    }
    call.bound_args.push_back(std::move(b));
    call.args.push_back(std::move(bound));
  }
  Type type;
  try {
    type = function.bind(call.bound_args);
  } catch (const QueryError& error) {
    Fail(e, error.what());
  }
  std::string name = function.column_prefix;
  if (!e.args.empty() && name.ends_with('_')) {
    if (auto derived = DeriveName(*e.args[0])) name += *derived;
  }
  size_t index = context.key_count + context.calls.size();
  context.calls.push_back(std::move(call));
  context.fields.push_back({name, type});
  auto column = BoundExpr::Column(static_cast<int>(index), type);
  column->text = name;
  return column;
}

// Published Sentinel and Defender queries compare string columns with numbers (`ResultType == 0` over
// SigninLogs, `EventID == "4624"`) and bool columns with 0/1 (`IsExploitAvailable == 1`), and Microsoft's
// engine runs them. The side of the other type is converted to the number's (or bool's) type with the
// to*() functions, so a string that is not a number compares as null (`==` false, `!=` true).
void Binder::AlignComparedTypes(BoundExprPtr& left, BoundExprPtr& right, const ast::Expr& e) {
  auto numeric_or_bool = [](Type t) { return IsNumeric(t) || t == Type::Bool; };
  for (int pass = 0; pass < 2; ++pass) {
    BoundExprPtr& a = pass == 0 ? left : right;
    BoundExprPtr& b = pass == 0 ? right : left;
    if (a->type == Type::String && numeric_or_bool(b->type)) {
      a = Convert(std::move(a), b->type == Type::Int ? Type::Long : b->type, e);
      return;
    }
    if (a->type == Type::Bool && IsNumeric(b->type)) {
      a = Convert(std::move(a), Type::Long, e);
      return;
    }
  }
}

std::string LogicalText(const BoundExpr& left, std::string_view op, const BoundExpr& right) {
  constexpr size_t kLongest = 120;
  // A left side already cut is the text.
  if (left.text.size() > kLongest) return left.text;
  std::string text = fmt::format("{} {} {}", left.text, op, right.text);
  if (text.size() > kLongest) text.replace(kLongest, std::string::npos, " ...");
  return text;
}

BoundExprPtr Binder::BindLogical(const ast::Expr& e, BoundExprPtr left, BoundExprPtr right) {
  const std::string& op = e.op;
  for (auto* side : {&left, &right}) {
    if ((*side)->type == Type::Dynamic) *side = CallFunction("tobool", std::move(*side), e.offset, e.length);
    if ((*side)->type != Type::Bool && (*side)->type != Type::Null) {
      Fail(e,
           fmt::format("'{}' needs bool operands, '{}' is {}", op, (*side)->text, TypeName((*side)->type)));
    }
  }
  auto logical = std::make_unique<BoundExpr>();
  logical->kind = op == "and" ? BoundExpr::Kind::kAnd : BoundExpr::Kind::kOr;
  logical->type = Type::Bool;
  logical->text = LogicalText(*left, op, *right);
  logical->args.push_back(std::move(left));
  logical->args.push_back(std::move(right));
  return logical;
}

BoundExprPtr Binder::BindBinary(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
  const std::string& op = e.op;
  // `* has "x"` (where and search alike): the operator over every column, any one matching.
  if (e.args[0]->kind == ExprKind::kStar) return SearchEveryColumn(e, schema);
  if (op == "and" || op == "or") {
    // `a or b or c ...` parses as ((a or b) or c) ...: its left spine is bound in a loop, bottom up,
    // in the order recursion would take, since Sigma rules chain thousands of terms and a frame per
    // term could overflow the stack.
    std::vector<const ast::Expr*> spine = {&e};
    while (true) {
      const ast::Expr& next = *spine.back()->args[0];
      if (next.kind != ExprKind::kBinary || next.op != op || next.args[0]->kind == ExprKind::kStar) break;
      spine.push_back(&next);
    }
    BoundExprPtr left = BindExpr(*spine.back()->args[0], schema, aggregates);
    for (auto level = spine.rbegin(); level != spine.rend(); ++level) {
      BoundExprPtr right = BindExpr(*(*level)->args[1], schema, aggregates);
      left = BindLogical(**level, std::move(left), std::move(right));
    }
    return left;
  }
  BoundExprPtr left = BindExpr(*e.args[0], schema, aggregates);
  BoundExprPtr right = BindExpr(*e.args[1], schema, aggregates);
  std::string text = fmt::format("{} {} {}", left->text, op, right->text);
  if (op == "=~" || op == "!~" ||
      ((op == "==" || op == "!=") && left->type == Type::String && right->type == Type::String)) {
    auto predicate = StringPredicate(StringOp::kEquals, op == "==" || op == "!=", op == "!~" || op == "!=",
                                     AsString(std::move(left), e), AsString(std::move(right), e));
    predicate->text = text;
    return predicate;
  }
  if (op == "matches regex") {
    if (right->kind != BoundExpr::Kind::kConstant || right->type != Type::String) {
      Fail(*e.args[1], "the pattern of 'matches regex' must be a constant string");
    }
    auto regex = std::make_shared<RE2>(right->value.string_value(), RE2::Quiet);
    if (!regex->ok()) Fail(*e.args[1], fmt::format("invalid regular expression: {}", regex->error()));
    auto match = std::make_unique<BoundExpr>();
    match->kind = BoundExpr::Kind::kRegexMatch;
    match->type = Type::Bool;
    match->regex = std::move(regex);
    match->text = text;
    match->args.push_back(AsString(std::move(left), e));
    return match;
  }
  if (auto string_op = FindStringOperator(op)) {
    auto predicate = StringPredicate(string_op->op, string_op->case_sensitive, string_op->negated,
                                     AsString(std::move(left), e), AsString(std::move(right), e));
    predicate->text = text;
    return predicate;
  }
  auto arithmetic = kArithmetic.find(op);
  if (arithmetic == kArithmetic.end()) Fail(e, fmt::format("the operator '{}' is not supported yet", op));
  if (kComparisons.count(op)) AlignComparedTypes(left, right, e);
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(left));
  args.push_back(std::move(right));
  BoundExprPtr call = CallFunction(arithmetic->second, std::move(args), e.offset, e.length);
  call->text = text;
  return call;
}

BoundExprPtr Binder::StringPredicate(StringOp op, bool case_sensitive, bool negated, BoundExprPtr left,
                                     BoundExprPtr right) {
  auto predicate = std::make_unique<BoundExpr>();
  predicate->kind = BoundExpr::Kind::kStringPredicate;
  predicate->type = Type::Bool;
  predicate->string_op = op;
  predicate->case_sensitive = case_sensitive;
  predicate->negated = negated;
  if (right->kind == BoundExpr::Kind::kConstant) {
    predicate->matcher =
        std::make_shared<string_ops::Matcher>(op, right->value.string_value(), case_sensitive);
  }
  predicate->args.push_back(std::move(left));
  predicate->args.push_back(std::move(right));
  return predicate;
}

// The values of an `in`/`has_any` list: constants, dynamic arrays (flattened) and subqueries
// (their first column).
std::vector<Value> Binder::ListValues(const ast::Expr& e, const Schema& schema) {
  std::vector<Value> values;
  // Kusto flattens dynamic arrays in the list, whether written in the query or read from a subquery.
  auto append = [&values](Value v) {
    if (!v.is_null() && v.type() == Type::Dynamic && v.dynamic_value().kind() == Dynamic::Kind::Array) {
      for (const auto& element : v.dynamic_value().array()) values.push_back(FromDynamic(element));
    } else {
      values.push_back(std::move(v));
    }
  };
  for (size_t i = 1; i < e.args.size(); ++i) {
    const ast::Expr& item = *e.args[i];
    if (item.kind == ExprKind::kTabular ||
        (item.kind == ExprKind::kName && lets_.count(item.name) && lets_.at(item.name).is_tabular)) {
      PlanNodePtr plan = item.kind == ExprKind::kTabular
                             ? BindTabular(*item.tabular, nullptr)
                             : BindTableRef({item.name, item.offset, item.length});
      for (auto& row : evaluator_.Run(*plan)) {
        if (!row.empty()) append(std::move(row[0]));
      }
      continue;
    }
    BoundExprPtr bound = BindExpr(item, schema);
    if (bound->kind != BoundExpr::Kind::kConstant) {
      Fail(item, fmt::format("the list of '{}' must hold constants (columns are not supported yet)", e.op));
    }
    append(bound->value);
  }
  return values;
}

BoundExprPtr Binder::BindInList(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
  BoundExprPtr left = BindExpr(*e.args[0], schema, aggregates);
  std::vector<Value> values = ListValues(e, schema);
  auto expr = std::make_unique<BoundExpr>();
  expr->type = Type::Bool;
  expr->text = left->text + " " + e.op + " (...)";
  if (e.op == "has_any" || e.op == "has_all") {
    expr->kind = BoundExpr::Kind::kHasAny;
    expr->match_all = e.op == "has_all";
    expr->needles.reserve(values.size());
    for (const auto& v : values) expr->needles.push_back(ToStringConstant(v, e));
    expr->term_set = std::make_shared<string_ops::TermSet>(expr->needles);
    expr->args.push_back(AsString(std::move(left), e));
    return expr;
  }
  expr->kind = BoundExpr::Kind::kInSet;
  expr->negated = e.op[0] == '!';
  expr->case_sensitive = e.op.back() != '~';
  if (left->type == Type::Dynamic || left->type == Type::Bool) left = AsString(std::move(left), e);
  Type type = left->type;
  for (const auto& v : values) {
    if (v.is_null()) continue;
    if (type == Type::String || type == Type::Guid) {
      expr->set.push_back(Value::FromString(type, ToStringConstant(v, e)));
    } else if (IsNumeric(type) && IsNumeric(v.type())) {
      bool real = type == Type::Real || type == Type::Decimal;
      bool v_real = v.type() == Type::Real || v.type() == Type::Decimal;
      if (real)
        expr->set.push_back(
            Value::FromReal(type, v_real ? v.real_value() : static_cast<double>(v.int_value())));
      else if (!v_real)
        expr->set.push_back(Value::FromInt(type, v.int_value()));
      else if (v.real_value() == static_cast<double>(static_cast<int64_t>(v.real_value()))) {
        expr->set.push_back(Value::FromInt(type, static_cast<int64_t>(v.real_value())));
      }
    } else if (v.type() == type) {
      expr->set.push_back(v);
    } else if (IsNumeric(type) && v.type() == Type::String) {
      // `EventID in ("4624", "4625")`: as with `==`, the string converts to the column's type.
      BoundExprPtr converted = Convert(BoundExpr::Constant(v, v.type()), type, e);
      if (!converted->value.is_null()) expr->set.push_back(converted->value);
    } else {
      Fail(e, fmt::format("'{}' compares {} with a {} list value", e.op, TypeName(type), TypeName(v.type())));
    }
  }
  expr->args.push_back(std::move(left));
  return expr;
}

std::string Binder::ToStringConstant(const Value& v, const ast::Expr& at) {
  if (v.is_null()) return "";
  if (v.type() == Type::String) return v.string_value();
  BoundExprPtr converted = CallFunction("tostring", BoundExpr::Constant(v, v.type()), at.offset, at.length);
  return converted->value.string_value();
}

}  // namespace iochound::binding
