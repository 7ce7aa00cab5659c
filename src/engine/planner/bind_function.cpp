// User-defined functions and views (`let f = (a:long, T:(*)) {...}`), their calls (`f(1)`, `T | invoke
// f()`), tabular let values, materialize() and toscalar().
//
// A call is expanded inline: the function's body is bound anew at each call, in the scope of the function's
// definition (Kusto's scoping is lexical), with each scalar parameter bound to the caller's argument
// expression. A scalar function used per row thus costs what its body written out in place would.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

namespace {

// Binds in another scope for the lifetime of the guard.
class ScopeSwap {
 public:
  ScopeSwap(LetScope& lets, LetScope scope) : lets_(lets), saved_(std::exchange(lets, std::move(scope))) {}
  ~ScopeSwap() { lets_ = std::move(saved_); }
  ScopeSwap(const ScopeSwap&) = delete;
  ScopeSwap& operator=(const ScopeSwap&) = delete;

 private:
  LetScope& lets_;
  LetScope saved_;
};

class Expanding {
 public:
  Expanding(std::vector<const ast::FunctionDef*>& stack, const ast::FunctionDef* function) : stack_(stack) {
    stack_.push_back(function);
  }
  ~Expanding() { stack_.pop_back(); }
  Expanding(const Expanding&) = delete;
  Expanding& operator=(const Expanding&) = delete;

 private:
  std::vector<const ast::FunctionDef*>& stack_;
};

// A parameter bound to a per-row argument appears wherever the body names it, each time as its own tree.
BoundExprPtr CloneExpr(const BoundExpr& e) {
  auto copy = std::make_unique<BoundExpr>();
  copy->kind = e.kind;
  copy->type = e.type;
  for (const auto& arg : e.args) copy->args.push_back(CloneExpr(*arg));
  copy->value = e.value;
  copy->column_index = e.column_index;
  copy->function = e.function;
  copy->string_op = e.string_op;
  copy->negated = e.negated;
  copy->case_sensitive = e.case_sensitive;
  copy->match_all = e.match_all;
  copy->set = e.set;
  copy->needles = e.needles;
  copy->term_set = e.term_set;
  copy->matcher = e.matcher;
  copy->regex = e.regex;
  copy->member = e.member;
  copy->text = e.text;
  return copy;
}

}  // namespace

bool ReadsColumns(const BoundExpr& e) {
  if (e.kind == BoundExpr::Kind::kColumn) return true;
  return std::any_of(e.args.begin(), e.args.end(), [](const auto& arg) { return ReadsColumns(*arg); });
}

Binder::BoundValue Binder::BindValue(const ast::Expr& e) {
  BoundValue result;
  Schema none;
  if (e.kind == ExprKind::kTabular) {
    result.plan = BindTabular(*e.tabular, nullptr);
    return result;
  }
  if (e.kind == ExprKind::kName || e.kind == ExprKind::kCall) {
    auto let = lets_.find(e.name);
    if (let != lets_.end() && let->second.function) return CallUserFunction(e, let->second, nullptr, none);
    bool table = e.kind == ExprKind::kName
                     ? (let != lets_.end() ? let->second.is_tabular : catalog_.Find(e.name) != nullptr)
                     : e.name == "materialize" || e.name == "table" || e.name == "_GetWatchlist";
    if (table) {
      result.plan =
          e.kind == ExprKind::kName ? BindTableRef({e.name, e.offset, e.length}) : BindTabularCall(e);
      return result;
    }
  }
  result.scalar = BindExpr(e, none);
  return result;
}

Binder::BoundValue Binder::BindBody(const std::vector<ast::Statement>& body) {
  const ast::QueryStatement* result = nullptr;
  for (const auto& statement : body) {
    if (const auto* let = std::get_if<ast::LetStatement>(&statement.node))
      BindLet(*let);
    else if (const auto* query = std::get_if<ast::QueryStatement>(&statement.node))
      result = query;
  }
  if (result == nullptr) Fail(0, 0, "the function body has no result expression");
  return BindValue(*result->expr);
}

PlanNodePtr Binder::BindTabularLet(const LetBinding& let, const ast::Identifier& name) {
  if (let.function) {
    ast::Expr call;
    call.kind = ExprKind::kName;
    call.name = name.name;
    call.offset = name.offset;
    call.length = name.length;
    Schema none;
    BoundValue value = CallUserFunction(call, let, nullptr, none);
    if (!value.plan) Fail(call, fmt::format("'{}' returns a scalar, not a table", name.name));
    return std::move(value.plan);
  }
  PlanNodePtr plan;
  if (let.once && *let.once) {
    plan = std::move(*let.once);
  } else if (let.materialized && let.materialized->done) {
    // Evaluated once, at the first use; later uses read the cached rows.
  } else {
    ScopeSwap swap(lets_, let.scope ? *let.scope : lets_);
    if (let.prefix_of != nullptr) {
      for (size_t i = 0; i < let.prefix_ops; ++i) {
        const ast::Operator& op = let.prefix_of->ops[i];
        if (const auto* invoke = std::get_if<ast::Invoke>(&op.node))
          plan = BindInvoke(*invoke, std::move(plan), let.prefix_of, i);
        else
          plan = BindOperator(op, std::move(plan));
      }
    } else if (let.tabular) {
      plan = BindTabular(*let.tabular, nullptr);
    } else if (let.tabular_expr != nullptr) {
      BoundValue value = BindValue(*let.tabular_expr);
      if (!value.plan) Fail(*let.tabular_expr, fmt::format("'{}' is not a tabular expression", name.name));
      plan = std::move(value.plan);
    } else {
      Fail(name.offset, name.length,
           fmt::format("'{}' is the input of a nested invoke and can be used only once", name.name));
    }
  }
  if (let.materialized) {
    MaterializedRows& cache = *let.materialized;
    if (!cache.done) {
      cache.rows = evaluator_.Run(*plan);
      cache.schema = plan->schema;
      cache.done = true;
    }
    plan = std::make_unique<PlanNode>();
    plan->kind = PlanNode::Kind::kValues;
    plan->schema = cache.schema;
    plan->rows = cache.rows;
  }
  if (let.declared != nullptr) {
    for (const auto& column : let.declared->columns) {
      int index = FindField(plan->schema, column.name.name);
      if (index < 0 || plan->schema[static_cast<size_t>(index)].type != column.type) {
        Fail(name.offset, name.length,
             fmt::format("the table passed as '{}' needs a column {}:{}", let.declared->name.name,
                         column.name.name, TypeName(column.type)));
      }
    }
  }
  return plan;
}

BoundExprPtr Binder::BindScalarLet(const ast::Expr& e, const LetBinding& let) {
  if (let.function) {
    Schema none;
    BoundValue value = CallUserFunction(e, let, nullptr, none);
    if (!value.scalar) Fail(e, fmt::format("'{}' returns a table and cannot be used as a scalar", e.name));
    return std::move(value.scalar);
  }
  if (let.expr) return CloneExpr(*let.expr);
  auto constant = BoundExpr::Constant(let.value, let.type);
  constant->text = e.name;
  return constant;
}

Binder::BoundValue Binder::CallUserFunction(const ast::Expr& call, const LetBinding& function,
                                            const LetBinding* input, const Schema& schema) {
  const ast::FunctionDef& def = *function.function;
  if (std::find(expanding_.begin(), expanding_.end(), &def) != expanding_.end()) {
    Fail(call, fmt::format("'{}' calls itself: Kusto functions cannot be recursive", call.name));
  }
  const std::vector<ast::Parameter>& params = def.params;
  // The argument of each parameter, positional first, then by name (`f(1, flag=true)`).
  std::vector<const ast::Expr*> args(params.size(), nullptr);
  size_t next = 0;
  if (input != nullptr) {
    if (params.empty() || !params[0].is_tabular) {
      Fail(call, fmt::format("invoke: the first parameter of '{}' must be a table", call.name));
    }
    next = 1;
  }
  for (const auto& arg : call.args) {
    size_t index = next;
    const ast::Expr* value = arg.get();
    if (arg->kind == ExprKind::kNamedArg) {
      auto named =
          std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.name.name == arg->name; });
      if (named == params.end()) Fail(*arg, fmt::format("'{}' has no parameter '{}'", call.name, arg->name));
      index = static_cast<size_t>(named - params.begin());
      value = arg->args[0].get();
    } else {
      ++next;
    }
    if (index >= params.size()) {
      Fail(*arg,
           fmt::format("'{}' takes {} argument{}", call.name, params.size(), params.size() == 1 ? "" : "s"));
    }
    if (args[index] != nullptr) Fail(*arg, fmt::format("'{}' is given twice", params[index].name.name));
    args[index] = value;
  }
  LetScope scope = function.scope ? *function.scope : lets_;
  // A call of the function from its own body finds it, and is refused above.
  scope[call.name] = function;
  auto caller = std::make_shared<const LetScope>(lets_);
  Schema none;
  for (size_t i = 0; i < params.size(); ++i) {
    const ast::Parameter& param = params[i];
    LetBinding binding;
    if (param.is_tabular) {
      if (i == 0 && input != nullptr) {
        binding = *input;
      } else if (args[i] != nullptr) {
        binding.is_tabular = true;
        binding.tabular_expr = args[i];
        binding.scope = caller;
      } else {
        Fail(call, fmt::format("'{}': no table is given for the parameter '{}'", call.name, param.name.name));
      }
      if (!param.columns.empty()) binding.declared = &param;
    } else {
      const ast::Expr* arg = args[i] != nullptr ? args[i] : param.default_value.get();
      if (arg == nullptr) {
        Fail(call, fmt::format("'{}': no value is given for the parameter '{}'", call.name, param.name.name));
      }
      BoundExprPtr bound = BindExpr(*arg, args[i] != nullptr ? schema : none);
      bool convertible = bound->type == param.type || bound->type == Type::Null ||
                         param.type == Type::Dynamic || (IsNumeric(bound->type) && IsNumeric(param.type));
      if (!convertible) {
        Fail(*arg, fmt::format("'{}': the parameter '{}' is {}, the argument is {}", call.name,
                               param.name.name, TypeName(param.type), TypeName(bound->type)));
      }
      bound = Convert(std::move(bound), param.type, *arg);
      binding.type = param.type;
      if (bound->kind == BoundExpr::Kind::kConstant)
        binding.value = bound->value;
      else
        binding.expr = std::move(bound);
    }
    scope[param.name.name] = std::move(binding);
  }
  ScopeSwap swap(lets_, std::move(scope));
  Expanding expanding(expanding_, &def);
  return BindBody(def.body);
}

PlanNodePtr Binder::BindInvoke(const ast::Invoke& invoke, PlanNodePtr input,
                               const ast::TabularExpr* prefix_of, size_t prefix_ops) {
  const ast::Expr& call = *invoke.call;
  if (!input) Fail(call, "invoke needs an input table: T | invoke f()");
  auto let = lets_.find(call.name);
  if ((let == lets_.end() || !let->second.function) && call.name == "FileProfile")
    return BindFileProfile(call, std::move(input));
  if (let == lets_.end() || !let->second.function) {
    Fail(call, fmt::format("invoke: '{}' is not a function defined with let", call.name));
  }
  LetBinding binding;
  binding.is_tabular = true;
  binding.once = std::make_shared<PlanNodePtr>(std::move(input));
  binding.prefix_of = prefix_of;
  binding.prefix_ops = prefix_ops;
  binding.scope = std::make_shared<const LetScope>(lets_);
  Schema none;
  BoundValue value = CallUserFunction(call, let->second, &binding, none);
  if (!value.plan) Fail(call, fmt::format("invoke: '{}' returns a scalar, not a table", call.name));
  return std::move(value.plan);
}

// toscalar(T | ...): the first column of the first row, null without rows. Kusto also takes a scalar
// (`toscalar(a + b)`), which is itself.
BoundExprPtr Binder::BindToScalar(const ast::Expr& e) {
  if (e.args.size() != 1) Fail(e, "toscalar() takes one argument");
  BoundValue value = BindValue(*e.args[0]);
  if (value.scalar) return std::move(value.scalar);
  if (value.plan->schema.empty()) Fail(e, "toscalar(): the expression has no columns");
  Type type = value.plan->schema[0].type;
  auto rows = evaluator_.Run(*value.plan);
  auto constant = BoundExpr::Constant(rows.empty() ? Value::Null(type) : rows[0][0], type);
  constant->text = "toscalar(...)";
  return constant;
}

}  // namespace iochound::binding
