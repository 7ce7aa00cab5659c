// Binding of the operators that look across rows: window functions (row_number, prev, next,
// row_cumsum, row_rank_dense, row_rank_min) in extend/project/serialize, make-series, top-nested and
// mv-apply.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/diagnostics.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

namespace {

const std::set<std::string, std::less<>> kWindowFunctions = {"row_number", "prev",           "next",
                                                             "row_cumsum", "row_rank_dense", "row_rank_min"};

// The window function calls in `e`, innermost first, so that a call's arguments can read the columns
// of the calls nested in them. Subqueries are bound on their own and are not searched.
void CollectWindowCalls(const ast::Expr& e, std::vector<const ast::Expr*>& calls) {
  if (e.kind == ExprKind::kTabular) return;
  for (const auto& arg : e.args) CollectWindowCalls(*arg, calls);
  if (e.kind == ExprKind::kCall && kWindowFunctions.count(e.name)) calls.push_back(&e);
}

bool IsNumericOrTimeSpan(Type type) {
  return IsNumeric(type) || type == Type::TimeSpan;
}

}  // namespace

bool Binder::IsWindowFunction(std::string_view name) {
  return kWindowFunctions.count(name) > 0;
}

bool Binder::IsSerialized(const PlanNode& node) {
  switch (node.kind) {
    case PlanNode::Kind::kRange:
    case PlanNode::Kind::kSort:
    case PlanNode::Kind::kTop:
    case PlanNode::Kind::kWindow:
      return true;
    // Tables and the operators Kusto documents as producing unserialized rows: summarize, distinct,
    // count, join, union, mv-expand, make-series, top-nested, evaluate, ...
    case PlanNode::Kind::kScan:
    case PlanNode::Kind::kValues:
    case PlanNode::Kind::kAggregate:
    case PlanNode::Kind::kArgExtreme:
    case PlanNode::Kind::kUnion:
    case PlanNode::Kind::kJoin:
    case PlanNode::Kind::kMvExpand:
    case PlanNode::Kind::kMakeSeries:
    case PlanNode::Kind::kTopNested:
    case PlanNode::Kind::kImplicitInput:
      return false;
    default:
      // Every other operator keeps its input's order (where, extend, project, take, parse, mv-apply).
      return !node.children.empty() && IsSerialized(*node.children[0]);
  }
}

PlanNodePtr Binder::BindWindowProject(const std::vector<ast::NamedExpr>& columns, PlanNodePtr input,
                                      bool extend, bool serialize, const ast::Operator& op) {
  if (!input) Fail(op.offset, op.length, "this operator needs an input: `T | ...`");
  std::vector<const ast::Expr*> calls;
  for (const auto& column : columns) CollectWindowCalls(*column.expr, calls);
  if (calls.empty() && !serialize) return BindProject(columns, std::move(input), extend);
  if (!serialize && !IsSerialized(*input)) {
    Fail(*calls[0], fmt::format("function '{}' cannot be invoked here: the row set must be serialized "
                                "(sort, top, range or `serialize` it first)",
                                calls[0]->name));
  }
  // serialize without window functions still gets a kWindow node: it marks the rows as serialized.
  auto window = std::make_unique<PlanNode>();
  window->kind = PlanNode::Kind::kWindow;
  window->schema = input->schema;
  size_t input_width = input->schema.size();
  window->children.push_back(std::move(input));
  auto saved = std::move(window_columns_);
  window_columns_.clear();
  for (const ast::Expr* call : calls) AddWindowCall(*call, *window);
  if (columns.empty()) {
    window_columns_ = std::move(saved);
    return window;
  }
  PlanNodePtr project = BindProject(columns, std::move(window), extend || serialize);
  window_columns_ = std::move(saved);
  if (extend || serialize) {
    // The window columns are internal: extend copied them from its input, drop them again.
    auto first = static_cast<std::ptrdiff_t>(input_width);
    auto last = first + static_cast<std::ptrdiff_t>(calls.size());
    project->exprs.erase(project->exprs.begin() + first, project->exprs.begin() + last);
    project->schema.erase(project->schema.begin() + first, project->schema.begin() + last);
  }
  return project;
}

void Binder::AddWindowCall(const ast::Expr& e, PlanNode& window) {
  const std::string& name = e.name;
  for (const auto& arg : e.args) {
    if (arg->kind == ExprKind::kNamedArg) Fail(*arg, fmt::format("{}() takes no named arguments", name));
  }
  auto arity = [&](size_t min, size_t max) {
    if (e.args.size() < min || e.args.size() > max) {
      Fail(e, min == max ? fmt::format("{}() takes {} arguments", name, min)
                         : fmt::format("{}() takes {} to {} arguments", name, min, max));
    }
  };
  auto restart = [&](size_t index) -> BoundExprPtr {
    if (e.args.size() <= index) return nullptr;
    BoundExprPtr bound = BindExpr(*e.args[index], window.schema);
    if (bound->type == Type::Dynamic) bound = CallFunction("tobool", std::move(bound), e.offset, e.length);
    if (bound->type != Type::Bool && bound->type != Type::Null)
      Fail(*e.args[index], fmt::format("the restart argument of {}() must be bool", name));
    return bound;
  };
  WindowCall call;
  if (name == "row_number") {
    arity(0, 2);
    call.function = WindowCall::Function::kRowNumber;
    call.offset = e.args.empty() ? 1 : ConstantCount(*e.args[0], "row_number");
    call.restart = restart(1);
  } else if (name == "prev" || name == "next") {
    arity(1, 3);
    call.function = name == "prev" ? WindowCall::Function::kPrev : WindowCall::Function::kNext;
    call.value = BindExpr(*e.args[0], window.schema);
    call.type = call.value->type;
    if (e.args.size() > 1) {
      call.offset = ConstantCount(*e.args[1], name);
      if (call.offset < 0) Fail(*e.args[1], fmt::format("the offset of {}() must not be negative", name));
    }
    call.default_value = Value::Null(call.type);
    if (e.args.size() > 2) {
      BoundExprPtr fallback = Convert(BindExpr(*e.args[2], window.schema), call.type, *e.args[2]);
      // Kusto rejects a default that depends on the row, such as prev(x, 1, x).
      if (fallback->kind != BoundExpr::Kind::kConstant)
        Fail(*e.args[2], fmt::format("the default value of {}() must be a constant", name));
      call.default_value = fallback->value;
    }
  } else if (name == "row_cumsum") {
    arity(1, 2);
    call.function = WindowCall::Function::kRowCumsum;
    call.value = BindExpr(*e.args[0], window.schema);
    if (!IsNumericOrTimeSpan(call.value->type))
      Fail(*e.args[0], fmt::format("row_cumsum() sums numbers, '{}' is {}", call.value->text,
                                   TypeName(call.value->type)));
    call.type = call.value->type == Type::Int ? Type::Long : call.value->type;
    call.restart = restart(1);
  } else {
    arity(1, 2);
    call.function =
        name == "row_rank_dense" ? WindowCall::Function::kRowRankDense : WindowCall::Function::kRowRankMin;
    call.value = BindExpr(*e.args[0], window.schema);
    call.restart = restart(1);
  }
  window_columns_[&e] = static_cast<int>(window.schema.size());
  window.schema.push_back({fmt::format("__window_{}", window.window_calls.size()), call.type});
  window.window_calls.push_back(std::move(call));
}

BoundExprPtr Binder::BindWindowCall(const ast::Expr& e, const Schema& schema) {
  auto it = window_columns_.find(&e);
  if (it == window_columns_.end() || it->second >= static_cast<int>(schema.size())) {
    Fail(e, fmt::format("function '{}' can only be used in extend, project or serialize over serialized rows",
                        e.name));
  }
  return ColumnRef(schema, static_cast<size_t>(it->second));
}

// ---- make-series ----------------------------------------------------------------------------
PlanNodePtr Binder::BindMakeSeries(const ast::MakeSeries& series, PlanNodePtr input,
                                   const ast::Operator& op) {
  if (!input) Fail(op.offset, op.length, "make-series needs an input: `T | make-series ...`");
  for (const auto& option : series.options) {
    if (option.name.rfind("hint.", 0) != 0)
      Fail(option.offset, option.length,
           fmt::format("make-series option '{}' is not supported yet", option.name));
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kMakeSeries;
  BindGroupKeys(series.by, input->schema, *node);
  AggregateContext context;
  context.input = &input->schema;
  context.key_count = node->schema.size();
  for (const auto& aggregate : series.aggregates) {
    const ast::Expr& e = *aggregate.aggregate.expr;
    size_t before = context.calls.size();
    Schema post = node->schema;
    post.insert(post.end(), context.fields.begin(), context.fields.end());
    BoundExprPtr expr = BindExpr(e, post, &context);
    bool direct = expr->kind == BoundExpr::Kind::kColumn && context.calls.size() == before + 1 &&
                  expr->column_index == static_cast<int>(context.key_count + before);
    if (!direct) Fail(e, "make-series needs an aggregate function call here (sum(), count(), avg(), ...)");
    if (!aggregate.aggregate.names.empty()) context.fields[before].name = aggregate.aggregate.names[0].name;
    Type type = context.fields[before].type;
    // Bins without rows get the default; Kusto's default is 0, also when the default given is null.
    Value fallback = IsNumeric(type) ? Value::Long(0) : Value::Null(type);
    if (aggregate.default_value) {
      Schema none;
      BoundExprPtr bound = BindExpr(*aggregate.default_value, none);
      if (bound->kind != BoundExpr::Kind::kConstant)
        Fail(*aggregate.default_value, "the default of make-series must be a constant");
      if (!bound->value.is_null()) fallback = bound->value;
    }
    if (!fallback.is_null() && fallback.type() != type) {
      auto converted = Convert(BoundExpr::Constant(fallback, fallback.type()), type, e);
      fallback = converted->value;
    }
    node->series_defaults.push_back(std::move(fallback));
  }
  BoundExprPtr axis = BindExpr(*series.on, input->schema);
  Type axis_type = axis->type == Type::Int ? Type::Long : axis->type;
  if (axis_type != Type::Long && axis_type != Type::Real && axis_type != Type::DateTime &&
      axis_type != Type::TimeSpan) {
    Fail(*series.on, fmt::format("the axis of make-series must be a number, datetime or timespan, not {}",
                                 TypeName(axis->type)));
  }
  if (axis->type != axis_type) axis = Convert(std::move(axis), axis_type, *series.on);
  if (!series.step) Fail(op.offset, op.length, "make-series needs `step`");
  Type step_type = axis_type == Type::DateTime ? Type::TimeSpan : axis_type;
  auto constant = [&](const ast::ExprPtr& e, Type type, std::string_view what) {
    if (!e) return Value::Null(type);
    Schema none;
    BoundExprPtr bound = Convert(BindExpr(*e, none), type, *e);
    if (bound->kind != BoundExpr::Kind::kConstant)
      Fail(*e, fmt::format("the {} of make-series must be a constant", what));
    return bound->value;
  };
  node->series_from = constant(series.from, axis_type, "start");
  node->series_to = constant(series.to, axis_type, "end");
  node->series_step = constant(series.step, step_type, "step");
  const Value& step = node->series_step;
  if (step.is_null() || (step.type() == Type::Real ? step.real_value() <= 0 : step.int_value() <= 0))
    Fail(*series.step, "the step of make-series must be positive");
  std::string axis_name = DeriveName(*series.on).value_or("Column1");
  node->exprs.push_back(std::move(axis));
  for (auto& call : context.calls) node->aggregates.push_back(std::move(call));
  for (const auto& field : context.fields) node->schema.push_back({field.name, Type::Dynamic});
  node->schema.push_back({axis_name, Type::Dynamic});
  for (size_t i = context.key_count; i < node->schema.size(); ++i) {
    if (FindFieldBefore(node->schema, node->schema[i].name, i))
      Fail(op.offset, op.length, fmt::format("column '{}' is produced twice", node->schema[i].name));
  }
  node->children.push_back(std::move(input));
  return node;
}

// ---- top-nested -----------------------------------------------------------------------------
PlanNodePtr Binder::BindTopNested(const ast::TopNested& nested, PlanNodePtr input, const ast::Operator& op) {
  if (!input) Fail(op.offset, op.length, "top-nested needs an input: `T | top-nested ...`");
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kTopNested;
  int generated = 1;
  for (const auto& clause : nested.clauses) {
    if (clause.with_others) {
      Fail(*clause.with_others, "top-nested `with others` is not supported yet");
    }
    node->nested_limits.push_back(clause.count ? ConstantCount(*clause.count, "top-nested") : -1);
    node->nested_descending.push_back(clause.descending);
    const ast::Expr& of = *clause.of.expr;
    BoundExprPtr value = BindExpr(of, input->schema);
    std::string of_name = !clause.of.names.empty()
                              ? clause.of.names[0].name
                              : DeriveName(of).value_or(fmt::format("Column{}", generated++));
    AggregateContext context;
    context.input = &input->schema;
    const ast::Expr& by = *clause.by.expr;
    Schema none;
    BoundExprPtr aggregate = BindExpr(by, none, &context);
    if (aggregate->kind != BoundExpr::Kind::kColumn || context.calls.size() != 1)
      Fail(by, "top-nested needs an aggregate function call after `by` (sum(), count(), max(), ...)");
    std::string aggregate_name = !clause.by.names.empty() ? clause.by.names[0].name : "aggregated_" + of_name;
    for (const auto& name : {of_name, aggregate_name}) {
      if (FindField(node->schema, name) >= 0)
        Fail(op.offset, op.length, fmt::format("column '{}' is produced twice", name));
    }
    node->schema.push_back({of_name, value->type});
    node->schema.push_back({aggregate_name, context.fields[0].type});
    node->exprs.push_back(std::move(value));
    node->aggregates.push_back(std::move(context.calls[0]));
  }
  node->children.push_back(std::move(input));
  return node;
}

// ---- mv-apply -------------------------------------------------------------------------------
PlanNodePtr Binder::BindMvApply(const ast::MvApply& apply, PlanNodePtr input, const ast::Operator& op) {
  if (!input) Fail(op.offset, op.length, "mv-apply needs an input: `T | mv-apply ...`");
  // The subquery runs over one input row at a time, expanded as mv-expand would.
  auto row = std::make_unique<PlanNode>();
  row->kind = PlanNode::Kind::kImplicitInput;
  row->schema = input->schema;
  PlanNodePtr plan = BindMvExpand(apply.options, apply.items, apply.limit.get(), std::move(row), op);
  const auto& ops = apply.subquery->ops;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (i == 0 && std::holds_alternative<ast::ImplicitInput>(ops[0].node)) continue;
    plan = BindOperator(ops[i], std::move(plan));
  }
  // Kusto adds the input columns that were not expanded and that the subquery did not return.
  std::set<std::string, std::less<>> expanded;
  for (const auto& item : apply.items) {
    if (item.column.expr->kind == ExprKind::kName) expanded.insert(item.column.expr->name);
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kMvApply;
  for (size_t i = 0; i < input->schema.size(); ++i) {
    const Field& field = input->schema[i];
    if (expanded.count(field.name) || FindField(plan->schema, field.name) >= 0) continue;
    node->apply_added_columns.push_back(static_cast<int>(i));
    node->schema.push_back(field);
  }
  node->schema.insert(node->schema.end(), plan->schema.begin(), plan->schema.end());
  node->children.push_back(std::move(input));
  node->children.push_back(std::move(plan));
  return node;
}

}  // namespace iochound::binding
