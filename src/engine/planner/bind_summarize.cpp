// Binding of summarize (aggregates, expressions over them, arg_max/arg_min), count and distinct.
#include <fmt/format.h>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

PlanNodePtr Binder::BindCount(PlanNodePtr input) {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kAggregate;
  AggregateCall call;
  call.function = RequireAggregate("count", 0, 0);
  node->schema.push_back({"Count", call.function->bind(call.bound_args)});
  node->aggregates.push_back(std::move(call));
  node->children.push_back(std::move(input));
  return node;
}

PlanNodePtr Binder::BindDistinct(const ast::Distinct& distinct, PlanNodePtr input) {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kAggregate;
  if (distinct.star || distinct.columns.empty()) {
    for (size_t i = 0; i < input->schema.size(); ++i)
      AddOutput(*node, input->schema[i].name, ColumnRef(input->schema, i));
  } else {
    int generated = 1;
    for (const auto& column : distinct.columns) {
      BoundExprPtr expr = BindExpr(*column.expr, input->schema);
      std::string name = !column.names.empty()
                             ? column.names[0].name
                             : DeriveName(*column.expr).value_or(fmt::format("Column{}", generated++));
      AddOutput(*node, std::move(name), std::move(expr));
    }
  }
  node->children.push_back(std::move(input));
  return node;
}

const AggregateFunction* Binder::RequireAggregate(std::string_view name, size_t offset, size_t length) {
  const AggregateFunction* function = FindAggregateFunction(name);
  if (function == nullptr) Fail(offset, length, fmt::format("unknown aggregate function '{}'", name));
  return function;
}

PlanNodePtr Binder::BindSummarize(const ast::Summarize& summarize, PlanNodePtr input,
                                  const ast::Operator& op) {
  if (summarize.aggregates.size() == 1 && summarize.aggregates[0].expr->kind == ExprKind::kCall) {
    const std::string& name = summarize.aggregates[0].expr->name;
    if (name == "arg_max" || name == "arg_min") return BindArgExtreme(summarize, std::move(input));
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kAggregate;
  BindGroupKeys(summarize.by, input->schema, *node);
  AggregateContext context;
  context.input = &input->schema;
  context.key_count = node->schema.size();
  // Output expressions over (keys, aggregates); a plain aggregate call maps straight to its column.
  std::vector<std::pair<std::string, BoundExprPtr>> outputs;
  // Per output, the aggregate column it is (its name is made unique below), else -1.
  std::vector<int> direct_fields;
  bool needs_projection = false;
  for (const auto& aggregate : summarize.aggregates) {
    const ast::Expr& e = *aggregate.expr;
    if (e.kind == ExprKind::kCall && (e.name == "arg_max" || e.name == "arg_min")) {
      size_t before = context.fields.size();
      AddArgExtremeCalls(aggregate, node->schema, context);
      for (size_t f = before; f < context.fields.size(); ++f) {
        size_t index = context.key_count + f;
        outputs.emplace_back(context.fields[f].name,
                             BoundExpr::Column(static_cast<int>(index), context.fields[f].type));
        direct_fields.push_back(static_cast<int>(index));
      }
      continue;
    }
    Schema post = node->schema;
    post.insert(post.end(), context.fields.begin(), context.fields.end());
    size_t before = context.calls.size();
    BoundExprPtr expr = BindExpr(*aggregate.expr, post, &context);
    if (context.calls.size() == before) {
      Fail(*aggregate.expr, "summarize needs an aggregate function here (count(), sum(), make_set(), ...)");
    }
    std::string name;
    if (!aggregate.names.empty()) {
      name = aggregate.names[0].name;
    } else {
      name = context.fields[before].name;
    }
    bool direct = expr->kind == BoundExpr::Kind::kColumn &&
                  expr->column_index == static_cast<int>(context.key_count + before) &&
                  context.calls.size() == before + 1;
    if (direct) {
      context.fields[before].name = name;
    } else {
      needs_projection = true;
    }
    direct_fields.push_back(direct ? static_cast<int>(context.key_count + before) : -1);
    outputs.emplace_back(std::move(name), std::move(expr));
  }
  for (auto& call : context.calls) node->aggregates.push_back(std::move(call));
  for (auto& field : context.fields) node->schema.push_back(field);
  // Kusto makes aggregate names unique by suffixing: count_, count_1, ...
  for (size_t i = context.key_count; i < node->schema.size(); ++i) {
    std::string base = node->schema[i].name, candidate = base;
    for (int n = 1; FindFieldBefore(node->schema, candidate, i); ++n)
      candidate = fmt::format("{}{}", base, n);
    node->schema[i].name = candidate;
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (direct_fields[i] >= 0) outputs[i].first = node->schema[static_cast<size_t>(direct_fields[i])].name;
  }
  node->children.push_back(std::move(input));
  if (!needs_projection) return node;
  auto project = std::make_unique<PlanNode>();
  project->kind = PlanNode::Kind::kProject;
  for (size_t i = 0; i < context.key_count; ++i)
    AddOutput(*project, node->schema[i].name, ColumnRef(node->schema, i));
  for (auto& [name, expr] : outputs) {
    if (FindField(project->schema, name) >= 0)
      Fail(op.offset, op.length, fmt::format("column '{}' is produced twice", name));
    AddOutput(*project, name, std::move(expr));
  }
  project->children.push_back(std::move(node));
  return project;
}

int Binder::BindGroupKeys(const std::vector<ast::NamedExpr>& by, const Schema& input, PlanNode& node) {
  int generated = 1;
  for (const auto& key : by) {
    BoundExprPtr expr = BindExpr(*key.expr, input);
    std::string name = !key.names.empty()
                           ? key.names[0].name
                           : DeriveName(*key.expr).value_or(fmt::format("Column{}", generated++));
    if (FindField(node.schema, name) >= 0) Fail(*key.expr, fmt::format("'{}' is a group key twice", name));
    AddOutput(node, std::move(name), std::move(expr));
  }
  return generated;
}

void Binder::AddArgExtremeCalls(const ast::NamedExpr& aggregate, const Schema& keys,
                                AggregateContext& context) {
  const ast::Expr& call = *aggregate.expr;
  if (call.args.size() < 2)
    Fail(call, fmt::format("{} needs the expression to maximize and the columns to return", call.name));
  const AggregateFunction* function = RequireAggregate("__" + call.name, call.offset, call.length);
  const Schema& input = *context.input;
  // Each output column is its own call over (key, value); the key is bound anew for each.
  BoundExprPtr extreme = BindExpr(*call.args[0], input);
  size_t output = 0;
  auto add = [&](BoundExprPtr value, std::string name) {
    if (output < aggregate.names.size()) name = aggregate.names[output].name;
    ++output;
    AggregateCall c;
    c.function = function;
    c.args.push_back(BindExpr(*call.args[0], input));
    c.args.push_back(std::move(value));
    for (const auto& arg : c.args) c.bound_args.push_back(BoundArg{arg->type, false, Value()});
    context.fields.push_back({std::move(name), c.args[1]->type});
    context.calls.push_back(std::move(c));
  };
  add(BindExpr(*call.args[0], input),
      DeriveName(*call.args[0]).value_or(call.name == "arg_max" ? "max_" : "min_"));
  int generated = 1;
  for (size_t a = 1; a < call.args.size(); ++a) {
    const ast::Expr& arg = *call.args[a];
    if (arg.kind != ExprKind::kStar) {
      BoundExprPtr value = BindExpr(arg, input);
      add(std::move(value), DeriveName(arg).value_or(fmt::format("Column{}", generated++)));
      continue;
    }
    // `*`: every input column but the group keys and the maximized column itself.
    for (size_t i = 0; i < input.size(); ++i) {
      if (FindField(keys, input[i].name) >= 0) continue;
      if (extreme->kind == BoundExpr::Kind::kColumn && extreme->column_index == static_cast<int>(i)) continue;
      add(ColumnRef(input, i), input[i].name);
    }
  }
}

bool Binder::FindFieldBefore(const Schema& schema, const std::string& name, size_t end) {
  for (size_t i = 0; i < end; ++i) {
    if (schema[i].name == name) return true;
  }
  return false;
}

// summarize arg_max(Key, *) by ... / arg_max(Key, Col1, Col2): the row with the extreme key.
PlanNodePtr Binder::BindArgExtreme(const ast::Summarize& summarize, PlanNodePtr input) {
  const ast::NamedExpr& aggregate = summarize.aggregates[0];
  const ast::Expr& call = *aggregate.expr;
  if (call.args.empty()) Fail(call, fmt::format("{} needs the expression to maximize", call.name));
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kArgExtreme;
  node->arg_max = call.name == "arg_max";
  int generated = BindGroupKeys(summarize.by, input->schema, *node);
  SortKey extreme;
  extreme.expr = BindExpr(*call.args[0], input->schema);
  std::string extreme_name =
      !aggregate.names.empty()
          ? aggregate.names[0].name
          : DeriveName(*call.args[0]).value_or(fmt::format("{}_", node->arg_max ? "max" : "min"));
  node->schema.push_back({extreme_name, extreme.expr->type});
  node->sort_keys.push_back(std::move(extreme));
  for (size_t a = 1; a < call.args.size(); ++a) {
    const ast::Expr& arg = *call.args[a];
    if (arg.kind == ExprKind::kStar) {
      // The maximized column is not repeated, also when renamed (`amx = arg_max(v, *)`).
      const BoundExpr& key = *node->sort_keys[0].expr;
      for (size_t i = 0; i < input->schema.size(); ++i) {
        if (FindField(node->schema, input->schema[i].name) >= 0) continue;
        if (key.kind == BoundExpr::Kind::kColumn && key.column_index == static_cast<int>(i)) continue;
        node->schema.push_back(input->schema[i]);
        node->arg_values.push_back(ColumnRef(input->schema, i));
      }
      continue;
    }
    BoundExprPtr expr = BindExpr(arg, input->schema);
    std::string name = DeriveName(arg).value_or(fmt::format("Column{}", generated++));
    if (FindField(node->schema, name) >= 0) continue;
    node->schema.push_back({name, expr->type});
    node->arg_values.push_back(std::move(expr));
  }
  node->children.push_back(std::move(input));
  return node;
}

}  // namespace iochound::binding
