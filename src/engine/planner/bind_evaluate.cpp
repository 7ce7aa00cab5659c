// evaluate plugins: bag_unpack and pivot.
//
// Both have an output schema that depends on the data: bag_unpack makes a column of every slot of the bags,
// pivot one of every value of a column. Kusto learns it by running the input first; so does the binder: it
// runs the input subplan through the ConstantEvaluator at bind time and plans over the rows it returns (a
// Values node), so the input is read once.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

namespace {

// The plugin's arguments: positional ones in order, named ones (`columnsConflict='keep_source'`) by name.
struct PluginArgs {
  std::vector<const ast::Expr*> positional;
  std::map<std::string, const ast::Expr*, std::less<>> named;
};

PluginArgs SplitArgs(const ast::Expr& call) {
  PluginArgs args;
  for (const auto& arg : call.args) {
    if (arg->kind == ExprKind::kNamedArg)
      args.named[arg->name] = arg->args[0].get();
    else
      args.positional.push_back(arg.get());
  }
  return args;
}

// The argument at `position` or named `name`; null when absent.
const ast::Expr* Arg(const PluginArgs& args, size_t position, std::string_view name) {
  if (auto it = args.named.find(name); it != args.named.end()) return it->second;
  return position < args.positional.size() ? args.positional[position] : nullptr;
}

void CollectColumns(const BoundExpr& e, std::set<int>& columns) {
  if (e.kind == BoundExpr::Kind::kColumn) columns.insert(e.column_index);
  for (const auto& arg : e.args) CollectColumns(*arg, columns);
}

// The type of a slot: its values' type when they agree, else dynamic. Nulls carry no type.
Type SlotType(std::optional<Type> seen, const Dynamic& value) {
  if (value.is_null()) return seen.value_or(Type::Dynamic);
  Type type = FromDynamic(value).type();
  if (!seen || *seen == type) return type;
  return Type::Dynamic;
}

PlanNodePtr ValuesNode(Schema schema, std::vector<std::vector<Value>> rows) {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kValues;
  node->schema = std::move(schema);
  node->rows = std::move(rows);
  return node;
}

}  // namespace

PlanNodePtr Binder::BindEvaluate(const ast::Evaluate& evaluate, PlanNodePtr input, const ast::Operator& op) {
  const ast::Expr& call = *evaluate.call;
  if (call.name == "bag_unpack" || call.name == "pivot") {
    if (!input)
      Fail(call,
           fmt::format("evaluate {}() needs an input table: T | evaluate {}(...)", call.name, call.name));
    return call.name == "pivot" ? BindPivot(call, std::move(input)) : BindBagUnpack(call, std::move(input));
  }
  Fail(
      op.offset, op.length,
      fmt::format("the evaluate plugin '{}' is not supported yet (supported: bag_unpack, pivot)", call.name));
}

// T | evaluate bag_unpack(Column [, OutputColumnPrefix] [, columnsConflict] [, ignoredProperties]): the
// other columns of T, then a column per distinct top-level slot of the bags, in name order.
PlanNodePtr Binder::BindBagUnpack(const ast::Expr& call, PlanNodePtr input) {
  PluginArgs args = SplitArgs(call);
  const ast::Expr* column_arg = Arg(args, 0, "Column");
  if (column_arg == nullptr) Fail(call, "bag_unpack() needs the dynamic column to unpack");
  BoundExprPtr column = BindExpr(*column_arg, input->schema);
  if (column->kind != BoundExpr::Kind::kColumn || column->type != Type::Dynamic) {
    Fail(*column_arg, "bag_unpack(): the first argument must be a column of type dynamic");
  }
  Schema none;
  auto constant = [&](const ast::Expr* e, std::string_view what) {
    BoundExprPtr bound = BindExpr(*e, none);
    if (bound->kind != BoundExpr::Kind::kConstant)
      Fail(*e, fmt::format("bag_unpack(): {} must be a constant", what));
    return bound->value;
  };
  std::string prefix;
  if (const ast::Expr* e = Arg(args, 1, "OutputColumnPrefix"))
    prefix = ToStringConstant(constant(e, "the prefix"), *e);
  std::string conflict = "error";
  if (const ast::Expr* e = Arg(args, 2, "columnsConflict"))
    conflict = ToStringConstant(constant(e, "columnsConflict"), *e);
  if (conflict != "error" && conflict != "replace_source" && conflict != "keep_source") {
    Fail(call,
         fmt::format(
             "bag_unpack(): columnsConflict must be 'error', 'replace_source' or 'keep_source', not '{}'",
             conflict));
  }
  std::set<std::string, std::less<>> ignored;
  if (const ast::Expr* e = Arg(args, 3, "ignoredProperties")) {
    Value list = constant(e, "ignoredProperties");
    if (!list.is_null() && list.type() == Type::Dynamic &&
        list.dynamic_value().kind() == Dynamic::Kind::Array) {
      for (const auto& item : list.dynamic_value().array())
        ignored.insert(ToStringConstant(FromDynamic(item), *e));
    }
  }

  size_t source = static_cast<size_t>(column->column_index);
  std::vector<std::vector<Value>> rows = evaluator_.Run(*input);
  std::map<std::string, std::optional<Type>> slots;
  for (const auto& row : rows) {
    const Value& bag = row[source];
    if (bag.is_null() || bag.dynamic_value().kind() != Dynamic::Kind::Object) continue;
    for (const auto& [key, value] : bag.dynamic_value().object()) {
      if (ignored.count(key)) continue;
      auto& type = slots[key];
      if (!value.is_null() || type) type = SlotType(type, value);
    }
  }
  Schema schema;
  std::vector<size_t> kept;
  for (size_t i = 0; i < input->schema.size(); ++i) {
    if (i == source) continue;
    const std::string& name = input->schema[i].name;
    bool conflicts = name.starts_with(prefix) && slots.count(name.substr(prefix.size()));
    if (conflicts && conflict == "error") {
      Fail(call,
           fmt::format("bag_unpack(): the slot '{}' would duplicate the column '{}' (see columnsConflict)",
                       name.substr(prefix.size()), name));
    }
    if (conflicts && conflict == "replace_source") continue;
    if (conflicts) slots.erase(name.substr(prefix.size()));
    kept.push_back(i);
    schema.push_back(input->schema[i]);
  }
  for (const auto& [key, type] : slots) schema.push_back({prefix + key, type.value_or(Type::Dynamic)});

  std::vector<std::vector<Value>> output;
  output.reserve(rows.size());
  for (auto& row : rows) {
    std::vector<Value> out;
    out.reserve(schema.size());
    for (size_t i : kept) out.push_back(std::move(row[i]));
    const Value& bag = row[source];
    bool is_bag = !bag.is_null() && bag.dynamic_value().kind() == Dynamic::Kind::Object;
    for (size_t c = kept.size(); c < schema.size(); ++c) {
      Type type = schema[c].type;
      const Dynamic* value =
          is_bag ? bag.dynamic_value().Find(schema[c].name.substr(prefix.size())) : nullptr;
      if (value == nullptr || value->is_null())
        out.push_back(Value::Null(type));
      else if (type == Type::Dynamic)
        out.push_back(Value::Dyn(*value));
      else
        out.push_back(FromDynamic(*value));
    }
    output.push_back(std::move(out));
  }
  return ValuesNode(std::move(schema), std::move(output));
}

// T | evaluate pivot(PivotColumn [, Aggregate] [, Column1, ...]): a row per distinct Column1... (all
// other columns by default), a column per value of PivotColumn holding the aggregate (count() by default)
// of the rows with that value. Planned as summarize <aggregate>if(..., tostring(PivotColumn) == value).
PlanNodePtr Binder::BindPivot(const ast::Expr& call, PlanNodePtr input) {
  if (call.args.empty()) Fail(call, "pivot() needs the column to pivot");
  const ast::Expr& pivot_arg = *call.args[0];
  BoundExprPtr pivot = BindExpr(pivot_arg, input->schema);
  if (pivot->kind != BoundExpr::Kind::kColumn)
    Fail(pivot_arg, "pivot(): the first argument must be a column");
  size_t pivot_column = static_cast<size_t>(pivot->column_index);

  // The aggregate: its *if variant, and its arguments bound over the input.
  std::string aggregate = "count";
  const ast::Expr* aggregate_call = nullptr;
  if (call.args.size() > 1) {
    aggregate_call = call.args[1].get();
    if (aggregate_call->kind != ExprKind::kCall || FindAggregateFunction(aggregate_call->name) == nullptr) {
      Fail(*aggregate_call,
           "pivot(): the second argument must be an aggregate call such as count() or sum(x)");
    }
    aggregate = aggregate_call->name;
  }
  static const std::map<std::string, std::string, std::less<>> kIfVariants = {{"make_list", "make_list_if"},
                                                                              {"make_set", "make_set_if"},
                                                                              {"make_bag", "make_bag_if"},
                                                                              {"take_any", "anyif"},
                                                                              {"any", "anyif"}};
  auto variant = kIfVariants.find(aggregate);
  std::string if_name = variant != kIfVariants.end() ? variant->second : aggregate + "if";
  const AggregateFunction* function = FindAggregateFunction(if_name);
  if (function == nullptr)
    Fail(*aggregate_call, fmt::format("pivot(): '{}' cannot be used in pivot", aggregate));

  std::set<int> used = {pivot->column_index};
  if (aggregate_call != nullptr) {
    for (const auto& arg : aggregate_call->args) {
      if (arg->kind != ExprKind::kStar) CollectColumns(*BindExpr(*arg, input->schema), used);
    }
  }
  std::vector<size_t> keys;
  for (size_t i = 2; i < call.args.size(); ++i) {
    BoundExprPtr key = BindExpr(*call.args[i], input->schema);
    if (key->kind != BoundExpr::Kind::kColumn)
      Fail(*call.args[i], "pivot(): group-by arguments must be columns");
    keys.push_back(static_cast<size_t>(key->column_index));
  }
  if (call.args.size() <= 2) {
    for (size_t i = 0; i < input->schema.size(); ++i) {
      if (!used.count(static_cast<int>(i))) keys.push_back(i);
    }
  }

  std::vector<std::vector<Value>> rows = evaluator_.Run(*input);
  std::set<std::string> values;
  for (const auto& row : rows) values.insert(ToStringConstant(row[pivot_column], pivot_arg));
  auto source = ValuesNode(input->schema, std::move(rows));

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kAggregate;
  for (size_t key : keys) AddOutput(*node, source->schema[key].name, ColumnRef(source->schema, key));
  for (const auto& value : values) {
    AggregateCall aggregate_if;
    aggregate_if.function = function;
    if (aggregate_call != nullptr) {
      for (const auto& arg : aggregate_call->args) {
        if (arg->kind != ExprKind::kStar) aggregate_if.args.push_back(BindExpr(*arg, source->schema));
      }
    }
    aggregate_if.args.push_back(StringPredicate(StringOp::kEquals, true, false,
                                                AsString(ColumnRef(source->schema, pivot_column), pivot_arg),
                                                BoundExpr::Constant(Value::String(value), Type::String)));
    for (const auto& arg : aggregate_if.args) {
      BoundArg bound;
      bound.type = arg->type;
      if (arg->kind == BoundExpr::Kind::kConstant) {
        bound.is_constant = true;
        bound.constant = arg->value;
      }
      aggregate_if.bound_args.push_back(std::move(bound));
    }
    Type type = function->bind(aggregate_if.bound_args);
    node->schema.push_back({value, type});
    node->aggregates.push_back(std::move(aggregate_if));
  }
  if (node->schema.empty()) return ValuesNode({}, {});
  node->children.push_back(std::move(source));
  return node;
}

}  // namespace iochound::binding
