// The binder's entry point, statements and tabular sources. Operators and scalar expressions are
// bound in the bind_*.cpp files beside this one.
#include "engine/planner/binder.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "engine/planner/binder_internal.h"
#include "engine/planner/builtin_functions.h"

namespace iochound::binding {

using ast::ExprKind;

void Fail(size_t offset, size_t length, std::string message) {
  throw QueryError(std::move(message), offset, length);
}
void Fail(const ast::Expr& at, std::string message) {
  Fail(at.offset, at.length, std::move(message));
}

namespace {

const std::set<std::string, std::less<>> kNameTransparentFunctions = {
    "tostring",  "toint",      "tolong",    "todouble", "toreal",     "tobool",  "todatetime",
    "todynamic", "parse_json", "todecimal", "toguid",   "totimespan", "tolower", "toupper"};

}  // namespace

std::optional<std::string> DeriveName(const ast::Expr& e) {
  switch (e.kind) {
    case ExprKind::kName:
      return e.name;
    case ExprKind::kMember: {
      auto base = DeriveName(*e.args[0]);
      if (!base) return std::nullopt;
      return *base + "_" + e.name;
    }
    case ExprKind::kIndex: {
      auto base = DeriveName(*e.args[0]);
      if (!base) return std::nullopt;
      const ast::Expr& key = *e.args[1];
      if (key.kind == ExprKind::kLiteral && key.type == Type::String) return *base + "_" + key.text;
      if (key.kind == ExprKind::kLiteral && key.type == Type::Long)
        return *base + "_" + std::to_string(key.int_value);
      return base;
    }
    case ExprKind::kCall:
      if (kNameTransparentFunctions.count(e.name) && e.args.size() == 1) return DeriveName(*e.args[0]);
      if (e.name == "bin" || e.name == "bin_at" || e.name == "floor") {
        if (!e.args.empty()) return DeriveName(*e.args[0]);
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

PlanNodePtr Binder::BindStatements(const std::vector<ast::Statement>& statements) {
  // Sentinel's built-in functions come first, so the query's own lets may redefine them.
  for (const auto& statement : BuiltinFunctions().statements) {
    if (auto* let = std::get_if<ast::LetStatement>(&statement.node)) BindLet(*let);
  }
  const ast::QueryStatement* result = nullptr;
  for (const auto& statement : statements) {
    if (auto* let = std::get_if<ast::LetStatement>(&statement.node)) {
      BindLet(*let);
    } else if (auto* query = std::get_if<ast::QueryStatement>(&statement.node)) {
      result = query;
    } else if (std::holds_alternative<ast::DeclareStatement>(statement.node)) {
      for (const auto& param : std::get<ast::DeclareStatement>(statement.node).params) BindParameter(param);
    }
    // `set` options (querytrace, truncation limits ...) do not change results here.
  }
  if (result == nullptr) Fail(0, 0, "the query has no tabular expression to run (only let/set statements)");
  const ast::Expr& expr = *result->expr;
  if (expr.kind != ExprKind::kTabular) {
    Fail(expr,
         "the query's last statement is a scalar expression; a query must produce a table (try `print`)");
  }
  return BindTabular(*expr.tabular, nullptr);
}

// ---- let and parameters -------------------------------------------------------------------
void Binder::BindLet(const ast::LetStatement& let) {
  LetBinding binding;
  // Functions and tabular values bind where they are used, but see the names of where they are defined.
  auto here = [this] { return std::make_shared<const LetScope>(lets_); };
  if (let.function) {
    binding.function = let.function;
    binding.scope = here();
    lets_[let.name.name] = std::move(binding);
    return;
  }
  const ast::Expr& value = *let.value;
  if (value.kind == ExprKind::kTabular) {
    binding.is_tabular = true;
    binding.tabular = value.tabular;
    binding.scope = here();
  } else if (value.kind == ExprKind::kCall && value.name == "materialize" && value.args.size() == 1) {
    binding.is_tabular = true;
    binding.tabular_expr = value.args[0].get();
    binding.materialized = std::make_shared<MaterializedRows>();
    binding.scope = here();
  } else if (BoundValue bound = BindValue(value); bound.plan) {
    // `let t = SomeTable;`, `let t = f(1);`, `let t = other_let;`: bound anew at each use, like pipelines.
    binding.is_tabular = true;
    binding.tabular_expr = &value;
    binding.scope = here();
  } else if (ReadsColumns(*bound.scalar)) {
    // In a function body, a value computed from a per-row parameter is per row too.
    binding.type = bound.scalar->type;
    binding.expr = std::move(bound.scalar);
  } else {
    binding.type = bound.scalar->type;
    binding.value = evaluator_.EvaluateScalar(*bound.scalar);
  }
  lets_[let.name.name] = std::move(binding);
}

void Binder::BindParameter(const ast::Parameter& param) {
  if (param.is_tabular) {
    Fail(param.name.offset, param.name.length, "tabular query parameters are not supported");
  }
  LetBinding binding;
  binding.type = param.type;
  if (param.default_value) {
    Schema none;
    BoundExprPtr bound = Convert(BindExpr(*param.default_value, none), param.type, *param.default_value);
    binding.value = evaluator_.EvaluateScalar(*bound);
  } else {
    binding.value = Value::Null(param.type);
  }
  lets_[param.name.name] = std::move(binding);
}

// ---- tabular expressions --------------------------------------------------------------------
PlanNodePtr Binder::BindTabular(const ast::TabularExpr& tabular, PlanNodePtr input) {
  // `invoke` and `as` may use the pipeline so far again: without an outer input, its operators bind anew.
  const ast::TabularExpr* rebindable = input ? nullptr : &tabular;
  PlanNodePtr plan = std::move(input);
  for (size_t i = 0; i < tabular.ops.size(); ++i) {
    const ast::Operator& op = tabular.ops[i];
    if (const auto* invoke = std::get_if<ast::Invoke>(&op.node)) {
      plan = BindInvoke(*invoke, std::move(plan), rebindable, i);
    } else if (const auto* as = std::get_if<ast::As>(&op.node); as && rebindable) {
      // `| as Name` names the pipeline so far for the rest of the query, like a let.
      LetBinding binding;
      binding.is_tabular = true;
      binding.prefix_of = rebindable;
      binding.prefix_ops = i;
      binding.scope = std::make_shared<const LetScope>(lets_);
      lets_[as->name.name] = std::move(binding);
    } else {
      plan = BindOperator(op, std::move(plan));
    }
  }
  return plan;
}

PlanNodePtr Binder::BindOperator(const ast::Operator& op, PlanNodePtr input) {
  return std::visit(
      [&](const auto& node) -> PlanNodePtr {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::TableRef>)
          return BindTableRef(node.name);
        else if constexpr (std::is_same_v<T, ast::Datatable>)
          return BindDatatable(node, op);
        else if constexpr (std::is_same_v<T, ast::ExternalData>)
          return BindExternalData(node, op);
        else if constexpr (std::is_same_v<T, ast::Print>)
          return BindPrint(node);
        else if constexpr (std::is_same_v<T, ast::Range>)
          return BindRange(node, op);
        else if constexpr (std::is_same_v<T, ast::Nested>)
          return BindTabular(*node.query, nullptr);
        else if constexpr (std::is_same_v<T, ast::TabularCall>)
          return BindTabularCall(*node.call);
        else if constexpr (std::is_same_v<T, ast::Union>)
          return BindUnion(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::Join>)
          return BindJoin(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::Lookup>)
          return BindLookup(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::MvExpand>)
          return BindMvExpand(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::MvApply>)
          return BindMvApply(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::MakeSeries>)
          return BindMakeSeries(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::TopNested>)
          return BindTopNested(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::Where>)
          return BindWhere(node, std::move(input));
        else if constexpr (std::is_same_v<T, ast::Parse>)
          return BindParse(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::ParseKv>)
          return BindParseKv(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::Search>)
          return BindSearch(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::Project>)
          return BindWindowProject(node.columns, std::move(input), false, false, op);
        else if constexpr (std::is_same_v<T, ast::Extend>)
          return BindWindowProject(node.columns, std::move(input), true, false, op);
        else if constexpr (std::is_same_v<T, ast::ProjectAway>)
          return BindProjectAway(node.patterns, std::move(input), false);
        else if constexpr (std::is_same_v<T, ast::ProjectKeep>)
          return BindProjectAway(node.patterns, std::move(input), true);
        else if constexpr (std::is_same_v<T, ast::ProjectRename>)
          return BindProjectRename(node, std::move(input));
        else if constexpr (std::is_same_v<T, ast::ProjectReorder>)
          return BindProjectReorder(node, std::move(input));
        else if constexpr (std::is_same_v<T, ast::Summarize>)
          return BindSummarize(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::Sort>)
          return BindSort(node.keys, std::move(input), -1);
        else if constexpr (std::is_same_v<T, ast::Top>)
          return BindSort(node.keys, std::move(input), ConstantCount(*node.count, "top"));
        else if constexpr (std::is_same_v<T, ast::Take>)
          return BindTake(node, std::move(input));
        else if constexpr (std::is_same_v<T, ast::Count>)
          return BindCount(std::move(input));
        else if constexpr (std::is_same_v<T, ast::Distinct>)
          return BindDistinct(node, std::move(input));
        else if constexpr (std::is_same_v<T, ast::Serialize>)
          return BindWindowProject(node.columns, std::move(input), true, true, op);
        else if constexpr (std::is_same_v<T, ast::Render>)
          return std::move(input);
        else if constexpr (std::is_same_v<T, ast::As>)
          return std::move(input);
        else if constexpr (std::is_same_v<T, ast::Evaluate>)
          return BindEvaluate(node, std::move(input), op);
        else if constexpr (std::is_same_v<T, ast::GetSchema>)
          return BindGetSchema(std::move(input), op);
        else
          return Unsupported(op);
      },
      op.node);
}

// getschema: a row per input column, as https://learn.microsoft.com/kusto/query/getschema-operator shows.
PlanNodePtr Binder::BindGetSchema(PlanNodePtr input, const ast::Operator& op) {
  if (!input) Fail(op.offset, op.length, "getschema needs an input: `T | getschema`");
  static const std::map<Type, const char*> kClrNames = {{Type::Bool, "System.SByte"},
                                                        {Type::Int, "System.Int32"},
                                                        {Type::Long, "System.Int64"},
                                                        {Type::Real, "System.Double"},
                                                        {Type::Decimal, "System.Data.SqlTypes.SqlDecimal"},
                                                        {Type::String, "System.String"},
                                                        {Type::DateTime, "System.DateTime"},
                                                        {Type::TimeSpan, "System.TimeSpan"},
                                                        {Type::Guid, "System.Guid"},
                                                        {Type::Dynamic, "System.Object"},
                                                        {Type::Null, "System.Object"}};
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kValues;
  node->schema = {{"ColumnName", Type::String},
                  {"ColumnOrdinal", Type::Int},
                  {"DataType", Type::String},
                  {"ColumnType", Type::String}};
  for (size_t i = 0; i < input->schema.size(); ++i) {
    const Field& field = input->schema[i];
    node->rows.push_back({Value::String(field.name), Value::Int(static_cast<int64_t>(i)),
                          Value::String(kClrNames.at(field.type)),
                          Value::String(std::string(TypeName(field.type)))});
  }
  return node;
}

PlanNodePtr Binder::Unsupported(const ast::Operator& op) {
  // The operator's keyword as the user wrote it: `mv-expand`, `make-series`, ...
  std::string_view written = text_.substr(std::min(op.offset, text_.size()), op.length);
  size_t end = 0;
  while (end < written.size() && (std::isalnum(static_cast<unsigned char>(written[end])) ||
                                  written[end] == '-' || written[end] == '_')) {
    ++end;
  }
  std::string name(written.substr(0, end));
  if (name.empty()) name = "this";
  // The nearest supported way to get what the operator gives, so the user can rewrite the query.
  static const std::map<std::string, std::string, std::less<>> kAlternatives = {
      {"sample", "`take N` (the first rows, not random ones) or `top N by rand()`"},
      {"sample-distinct", "`distinct Col | take N`"},
      {"partition", "`summarize ... by Key` or `top-nested`"},
      {"scan", "`serialize` with `prev()`, `next()` and `row_cumsum()`"},
      {"top-hitters", "`summarize count() by Col | top N by count_`"},
      {"consume", "`count` or `take 0`"}};
  auto alternative = kAlternatives.find(name);
  Fail(op.offset, end == 0 ? op.length : end,
       fmt::format("the '{}' operator is not supported yet{} (see docs/kql.md)", name,
                   alternative == kAlternatives.end() ? "" : "; instead use " + alternative->second));
}

PlanNodePtr Binder::BindTableRef(const ast::Identifier& name) {
  auto let = lets_.find(name.name);
  if (let != lets_.end()) {
    if (!let->second.is_tabular && !let->second.function) {
      Fail(name.offset, name.length, fmt::format("'{}' is a scalar let binding, not a table", name.name));
    }
    return BindTabularLet(let->second, name);
  }
  TableSource* table = catalog_.Find(name.name);
  if (table == nullptr) {
    std::vector<std::string> candidates = catalog_.Names();
    for (const auto& [n, b] : lets_) {
      if (b.is_tabular) candidates.push_back(n);
    }
    std::string hint = DidYouMean(name.name, candidates);
    std::string bind_hint = fmt::format("; bind a file to it with --table {}=PATH", name.name);
    Fail(name.offset, name.length,
         fmt::format("unknown table '{}'{}", name.name, hint.empty() ? bind_hint : hint));
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kScan;
  node->table = table;
  node->table_name = name.name;
  node->schema = table->schema();
  for (size_t i = 0; i < node->schema.size(); ++i) node->scan_columns.push_back(static_cast<int>(i));
  return node;
}

PlanNodePtr Binder::BindTabularCall(const ast::Expr& call) {
  if (call.name == "materialize" && call.args.size() == 1) {
    BoundValue value = BindValue(*call.args[0]);
    if (!value.plan) Fail(*call.args[0], "materialize() takes a tabular expression");
    return std::move(value.plan);
  }
  if (auto let = lets_.find(call.name); let != lets_.end() && let->second.function) {
    Schema none;
    BoundValue value = CallUserFunction(call, let->second, nullptr, none);
    if (!value.plan) Fail(call, fmt::format("'{}' returns a scalar, not a table", call.name));
    return std::move(value.plan);
  }
  if (call.name == "_GetWatchlist") return BindGetWatchlist(call);
  if (call.name == "table" && call.args.size() == 1 && call.args[0]->kind == ExprKind::kLiteral) {
    return BindTableRef({call.args[0]->text, call.offset, call.length});
  }
  Fail(call, fmt::format("unknown tabular function '{}'", call.name));
}

PlanNodePtr Binder::BindDatatable(const ast::Datatable& datatable, const ast::Operator& op) {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kValues;
  for (const auto& column : datatable.columns) node->schema.push_back({column.name.name, column.type});
  size_t width = node->schema.size();
  if (width == 0 || datatable.values.size() % width != 0) {
    Fail(op.offset, op.length,
         fmt::format("datatable has {} values, which is not a multiple of its {} columns",
                     datatable.values.size(), width));
  }
  Schema none;
  for (size_t i = 0; i < datatable.values.size(); i += width) {
    std::vector<Value> row;
    for (size_t c = 0; c < width; ++c) {
      const ast::Expr& cell = *datatable.values[i + c];
      BoundExprPtr bound = Convert(BindExpr(cell, none), node->schema[c].type, cell);
      row.push_back(evaluator_.EvaluateScalar(*bound));
    }
    node->rows.push_back(std::move(row));
  }
  return node;
}

PlanNodePtr Binder::OneEmptyRow() {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kValues;
  node->rows.emplace_back();
  return node;
}

PlanNodePtr Binder::BindPrint(const ast::Print& print) {
  auto input = OneEmptyRow();
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kProject;
  for (size_t i = 0; i < print.columns.size(); ++i) {
    const auto& column = print.columns[i];
    BoundExprPtr bound = BindExpr(*column.expr, input->schema);
    std::string name = column.names.empty() ? fmt::format("print_{}", i) : column.names[0].name;
    AddOutput(*node, std::move(name), std::move(bound));
  }
  node->children.push_back(std::move(input));
  return node;
}

PlanNodePtr Binder::BindRange(const ast::Range& range, const ast::Operator& op) {
  Schema none;
  Value from = evaluator_.EvaluateScalar(*BindExpr(*range.from, none));
  Value to = evaluator_.EvaluateScalar(*BindExpr(*range.to, none));
  Value step = evaluator_.EvaluateScalar(*BindExpr(*range.step, none));
  Type type = from.type();
  if (type == Type::Int) type = Type::Long;
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kRange;
  node->schema.push_back({range.column.name, type});
  auto as = [&](Value v) {
    if (type == Type::Real && !v.is_null() && v.type() != Type::Real) {
      return Value::Real(v.type() == Type::Real ? v.real_value() : static_cast<double>(v.int_value()));
    }
    return v;
  };
  node->range_from = as(from);
  node->range_to = as(to);
  node->range_step = as(step);
  bool ok = (type == Type::Long && IsNumeric(to.type()) && step.type() != Type::Real) ||
            (type == Type::Real && IsNumeric(to.type()) && IsNumeric(step.type())) ||
            (type == Type::DateTime && to.type() == Type::DateTime && step.type() == Type::TimeSpan) ||
            (type == Type::TimeSpan && to.type() == Type::TimeSpan && step.type() == Type::TimeSpan);
  if (!ok) {
    Fail(op.offset, op.length,
         fmt::format("range: from ({}), to ({}) and step ({}) do not go together", TypeName(from.type()),
                     TypeName(to.type()), TypeName(step.type())));
  }
  if (type == Type::Long && to.type() == Type::Real)
    node->range_to = Value::Long(static_cast<int64_t>(to.real_value()));
  return node;
}

}  // namespace iochound::binding

namespace iochound {

PlanNodePtr BindQuery(std::string_view text, const ParsedQuery& query, const Catalog& catalog,
                      ConstantEvaluator& evaluator, const QueryOptions& options) {
  binding::Binder binder(text, catalog, evaluator, options);
  return binder.BindStatements(query.statements);
}

}  // namespace iochound
