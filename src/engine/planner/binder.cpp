#include "engine/planner/binder.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "types/datetime.h"

namespace iochound {
namespace {

using ast::ExprKind;

// A let-bound name: a constant scalar, or a tabular expression bound anew at each use.
struct LetBinding {
  bool is_tabular = false;
  Value value;
  Type type = Type::Null;
  std::shared_ptr<ast::TabularExpr> tabular;
};

[[noreturn]] void Fail(size_t offset, size_t length, std::string message) {
  throw QueryError(std::move(message), offset, length);
}
[[noreturn]] void Fail(const ast::Expr& at, std::string message) {
  Fail(at.offset, at.length, std::move(message));
}

// Aggregates met while binding a summarize expression; they become columns after the group keys.
struct AggregateContext {
  const Schema* input = nullptr;
  size_t key_count = 0;
  std::vector<AggregateCall> calls;
  Schema fields;
};

const std::set<std::string, std::less<>> kNameTransparentFunctions = {
    "tostring",  "toint",      "tolong",    "todouble", "toreal",     "tobool",  "todatetime",
    "todynamic", "parse_json", "todecimal", "toguid",   "totimespan", "tolower", "toupper"};

// The column name Kusto derives for an unnamed expression: a column keeps its name, `a.b` becomes
// `a_b`, and casts are transparent (`tostring(o.id)` is `o_id`).
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

const std::map<std::string, std::string, std::less<>> kArithmetic = {
    {"+", "__add"}, {"-", "__sub"}, {"*", "__mul"}, {"/", "__div"}, {"%", "__mod"}, {"==", "__eq"},
    {"!=", "__ne"}, {"<", "__lt"},  {"<=", "__le"}, {">", "__gt"},  {">=", "__ge"}};

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

class Binder {
 public:
  Binder(std::string_view text, const Catalog& catalog, ConstantEvaluator& evaluator)
      : text_(text), catalog_(catalog), evaluator_(evaluator) {}

  PlanNodePtr BindStatements(const std::vector<ast::Statement>& statements) {
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

 private:
  // ---- let and parameters -------------------------------------------------------------------

  void BindLet(const ast::LetStatement& let) {
    if (let.function) {
      Fail(let.function->offset, let.function->length,
           fmt::format("user-defined functions (let {} = (...) {{...}}) are not supported yet",
                       let.name.name));
    }
    const ast::Expr& value = *let.value;
    LetBinding binding;
    if (value.kind == ExprKind::kTabular) {
      binding.is_tabular = true;
      binding.tabular = value.tabular;
    } else if (value.kind == ExprKind::kName && !lets_.count(value.name) && catalog_.Find(value.name)) {
      // `let t = SomeTable;` names a table.
      binding.is_tabular = true;
      auto tabular = std::make_shared<ast::TabularExpr>();
      tabular->offset = value.offset;
      tabular->length = value.length;
      tabular->ops.push_back(
          ast::Operator{value.offset, value.length, ast::TableRef{{value.name, value.offset, value.length}}});
      binding.tabular = tabular;
    } else {
      Schema none;
      BoundExprPtr bound = BindExpr(value, none);
      binding.type = bound->type;
      binding.value = evaluator_.EvaluateScalar(*bound);
    }
    lets_[let.name.name] = std::move(binding);
  }

  void BindParameter(const ast::Parameter& param) {
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

  PlanNodePtr BindTabular(const ast::TabularExpr& tabular, PlanNodePtr input) {
    PlanNodePtr plan = std::move(input);
    for (const auto& op : tabular.ops) plan = BindOperator(op, std::move(plan));
    return plan;
  }

  PlanNodePtr BindOperator(const ast::Operator& op, PlanNodePtr input) {
    return std::visit(
        [&](const auto& node) -> PlanNodePtr {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, ast::TableRef>)
            return BindTableRef(node.name);
          else if constexpr (std::is_same_v<T, ast::Datatable>)
            return BindDatatable(node, op);
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
          else if constexpr (std::is_same_v<T, ast::Where>)
            return BindWhere(node, std::move(input));
          else if constexpr (std::is_same_v<T, ast::Project>)
            return BindProject(node.columns, std::move(input), false);
          else if constexpr (std::is_same_v<T, ast::Extend>)
            return BindProject(node.columns, std::move(input), true);
          else if constexpr (std::is_same_v<T, ast::ProjectAway>)
            return BindProjectAway(node, std::move(input), false);
          else if constexpr (std::is_same_v<T, ast::ProjectKeep>)
            return BindProjectAway(node, std::move(input), true);
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
            return BindProject(node.columns, std::move(input), true);
          else if constexpr (std::is_same_v<T, ast::Render>)
            return std::move(input);
          else if constexpr (std::is_same_v<T, ast::As>)
            return std::move(input);
          else
            return Unsupported(op);
        },
        op.node);
  }

  [[noreturn]] PlanNodePtr Unsupported(const ast::Operator& op) {
    // The operator's keyword as the user wrote it: `mv-expand`, `make-series`, ...
    std::string_view written = text_.substr(std::min(op.offset, text_.size()), op.length);
    size_t end = 0;
    while (end < written.size() && (std::isalnum(static_cast<unsigned char>(written[end])) ||
                                    written[end] == '-' || written[end] == '_')) {
      ++end;
    }
    std::string name(written.substr(0, end));
    if (name.empty()) name = "this";
    Fail(op.offset, end == 0 ? op.length : end,
         fmt::format("the '{}' operator is not supported yet (see docs/kql.md)", name));
  }

  PlanNodePtr BindTableRef(const ast::Identifier& name) {
    auto let = lets_.find(name.name);
    if (let != lets_.end()) {
      if (!let->second.is_tabular) {
        Fail(name.offset, name.length, fmt::format("'{}' is a scalar let binding, not a table", name.name));
      }
      return BindTabular(*let->second.tabular, nullptr);
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

  PlanNodePtr BindTabularCall(const ast::Expr& call) {
    if (call.name == "materialize" && call.args.size() == 1 && call.args[0]->kind == ExprKind::kTabular) {
      return BindTabular(*call.args[0]->tabular, nullptr);
    }
    if (call.name == "table" && call.args.size() == 1 && call.args[0]->kind == ExprKind::kLiteral) {
      return BindTableRef({call.args[0]->text, call.offset, call.length});
    }
    Fail(call, fmt::format("unknown tabular function '{}'", call.name));
  }

  PlanNodePtr BindDatatable(const ast::Datatable& datatable, const ast::Operator& op) {
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

  PlanNodePtr OneEmptyRow() {
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kValues;
    node->rows.emplace_back();
    return node;
  }

  PlanNodePtr BindPrint(const ast::Print& print) {
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

  PlanNodePtr BindRange(const ast::Range& range, const ast::Operator& op) {
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

  PlanNodePtr BindUnion(const ast::Union& u, PlanNodePtr input, const ast::Operator& op) {
    for (const auto& option : u.options) {
      if (option.name != "kind" && option.name != "isfuzzy") {
        Fail(option.offset, option.length,
             fmt::format("union option '{}' is not supported yet", option.name));
      }
      if (option.name == "kind" && option.value->name == "inner") {
        Fail(option.offset, option.length, "union kind=inner is not supported yet");
      }
    }
    std::vector<PlanNodePtr> parts;
    if (input) parts.push_back(std::move(input));
    for (const auto& table : u.tables) parts.push_back(BindTabular(*table, nullptr));
    if (parts.empty()) Fail(op.offset, op.length, "union needs at least one table");
    // kind=outer (the default): every column of every input, by name; missing ones are null.
    Schema schema;
    for (const auto& part : parts) {
      for (const auto& field : part->schema) {
        int existing = FindField(schema, field.name);
        if (existing < 0)
          schema.push_back(field);
        else if (schema[static_cast<size_t>(existing)].type != field.type)
          schema[static_cast<size_t>(existing)].type = Type::Dynamic;
      }
    }
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kUnion;
    node->schema = schema;
    for (auto& part : parts) {
      auto project = std::make_unique<PlanNode>();
      project->kind = PlanNode::Kind::kProject;
      for (const auto& field : schema) {
        int index = FindField(part->schema, field.name);
        BoundExprPtr expr = index < 0
                                ? BoundExpr::Constant(Value::Null(field.type), field.type)
                                : BoundExpr::Column(index, part->schema[static_cast<size_t>(index)].type);
        expr->text = field.name;
        if (expr->type != field.type) expr = CallFunction("todynamic", std::move(expr), op.offset, op.length);
        AddOutput(*project, field.name, std::move(expr));
      }
      project->children.push_back(std::move(part));
      node->children.push_back(std::move(project));
    }
    return node;
  }

  // ---- join, lookup, mv-expand ----------------------------------------------------------------

  // `name` if `schema` has no such column, else the first free `name1`, `name2`, ... as Kusto
  // renames the right side's columns of a join.
  static std::string UniqueName(const Schema& schema, const std::string& name) {
    if (FindField(schema, name) < 0) return name;
    for (int n = 1;; ++n) {
      std::string candidate = fmt::format("{}{}", name, n);
      if (FindField(schema, candidate) < 0) return candidate;
    }
  }

  int RequireJoinColumn(const Schema& schema, const std::string& name, std::string_view side,
                        const ast::Expr& at) {
    int index = FindField(schema, name);
    if (index >= 0) return index;
    std::vector<std::string> names;
    for (const auto& f : schema) names.push_back(f.name);
    Fail(at,
         fmt::format("the {} side of the join has no column '{}'{}", side, name, DidYouMean(name, names)));
  }

  // One `on` condition: `k` (the same column on both sides), `$left.a == $right.b` (either order),
  // or several of them joined by `and`.
  void BindJoinCondition(const ast::Expr& e, const Schema& left, const Schema& right, PlanNode& node) {
    if (e.kind == ExprKind::kBinary && e.op == "and") {
      BindJoinCondition(*e.args[0], left, right, node);
      BindJoinCondition(*e.args[1], left, right, node);
      return;
    }
    std::string left_name, right_name;
    if (e.kind == ExprKind::kName) {
      left_name = right_name = e.name;
    } else if (e.kind == ExprKind::kBinary && e.op == "==") {
      auto side = [](const ast::Expr& x) -> std::string {
        bool qualified = x.kind == ExprKind::kMember && x.args[0]->kind == ExprKind::kName;
        return qualified ? x.args[0]->name : "";
      };
      std::string a = side(*e.args[0]), b = side(*e.args[1]);
      if (a == "$left" && b == "$right") {
        left_name = e.args[0]->name, right_name = e.args[1]->name;
      } else if (a == "$right" && b == "$left") {
        left_name = e.args[1]->name, right_name = e.args[0]->name;
      }
    }
    if (left_name.empty()) Fail(e, "a join condition must be a column name or $left.column == $right.column");
    int l = RequireJoinColumn(left, left_name, "left", e);
    int r = RequireJoinColumn(right, right_name, "right", e);
    Type lt = left[static_cast<size_t>(l)].type, rt = right[static_cast<size_t>(r)].type;
    auto integral = [](Type t) { return t == Type::Int || t == Type::Long; };
    if (lt != rt && !(integral(lt) && integral(rt))) {
      Fail(e, fmt::format("join keys '{}' ({}) and '{}' ({}) have different types", left_name, TypeName(lt),
                          right_name, TypeName(rt)));
    }
    node.join_left_keys.push_back(l);
    node.join_right_keys.push_back(r);
  }

  // The output of join/lookup: the chosen left columns, then the chosen right ones, renamed
  // where their names are taken.
  static void SetJoinOutput(PlanNode& node, bool left_columns, bool right_columns, bool skip_right_keys) {
    const Schema& left = node.children[0]->schema;
    const Schema& right = node.children[1]->schema;
    if (left_columns) {
      for (size_t i = 0; i < left.size(); ++i) {
        node.join_left_columns.push_back(static_cast<int>(i));
        node.schema.push_back(left[i]);
      }
    }
    if (!right_columns) return;
    for (size_t i = 0; i < right.size(); ++i) {
      auto index = static_cast<int>(i);
      bool is_key = std::find(node.join_right_keys.begin(), node.join_right_keys.end(), index) !=
                    node.join_right_keys.end();
      if (skip_right_keys && is_key) continue;
      node.join_right_columns.push_back(index);
      node.schema.push_back(
          {left_columns ? UniqueName(node.schema, right[i].name) : right[i].name, right[i].type});
    }
  }

  PlanNodePtr JoinNode(PlanNodePtr left, PlanNodePtr right, const std::vector<ast::ExprPtr>& on,
                       const ast::Operator& op) {
    if (on.empty()) Fail(op.offset, op.length, "join/lookup needs `on` with the key columns");
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kJoin;
    for (const auto& condition : on) BindJoinCondition(*condition, left->schema, right->schema, *node);
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
  }

  PlanNodePtr BindJoin(const ast::Join& join, PlanNodePtr input, const ast::Operator& op) {
    using K = PlanNode::JoinKind;
    static const std::map<std::string, K, std::less<>> kKinds = {
        {"innerunique", K::kInnerUnique}, {"inner", K::kInner},         {"leftouter", K::kLeftOuter},
        {"rightouter", K::kRightOuter},   {"fullouter", K::kFullOuter}, {"leftsemi", K::kLeftSemi},
        {"rightsemi", K::kRightSemi},     {"leftanti", K::kLeftAnti},   {"anti", K::kLeftAnti},
        {"leftantisemi", K::kLeftAnti},   {"rightanti", K::kRightAnti}, {"rightantisemi", K::kRightAnti}};
    if (!input) Fail(op.offset, op.length, "join needs a left side: `T | join ...`");
    if (join.where) Fail(*join.where, "join ... where (non-equality conditions) is not supported yet");
    K kind = K::kInnerUnique;
    for (const auto& option : join.options) {
      if (option.name.rfind("hint.", 0) == 0) continue;  // execution strategies do not change results
      auto it = option.name == "kind" ? kKinds.find(option.value->name) : kKinds.end();
      if (it == kKinds.end()) {
        Fail(option.offset, option.length, fmt::format("unsupported join option '{}'", option.name));
      }
      kind = it->second;
    }
    auto node = JoinNode(std::move(input), BindTabular(*join.right, nullptr), join.on, op);
    node->join_kind = kind;
    bool right_only = kind == K::kRightSemi || kind == K::kRightAnti;
    bool left_only = kind == K::kLeftSemi || kind == K::kLeftAnti;
    SetJoinOutput(*node, !right_only, !left_only, false);
    return node;
  }

  // lookup: a left outer (or inner) join whose output leaves out the right side's key columns.
  PlanNodePtr BindLookup(const ast::Lookup& lookup, PlanNodePtr input, const ast::Operator& op) {
    if (!input) Fail(op.offset, op.length, "lookup needs a left side: `T | lookup ...`");
    PlanNode::JoinKind kind = PlanNode::JoinKind::kLeftOuter;
    for (const auto& option : lookup.options) {
      if (option.name.rfind("hint.", 0) == 0) continue;
      std::string_view value = option.name == "kind" ? std::string_view(option.value->name) : "";
      if (value == "inner") {
        kind = PlanNode::JoinKind::kInner;
      } else if (value != "leftouter") {
        Fail(option.offset, option.length, "lookup takes kind=leftouter or kind=inner");
      }
    }
    auto node = JoinNode(std::move(input), BindTabular(*lookup.right, nullptr), lookup.on, op);
    node->join_kind = kind;
    node->join_matches_reversed = true;
    SetJoinOutput(*node, true, true, true);
    return node;
  }

  PlanNodePtr BindMvExpand(const ast::MvExpand& mv, PlanNodePtr input, const ast::Operator& op) {
    if (!input) Fail(op.offset, op.length, "mv-expand needs an input: `T | mv-expand ...`");
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kMvExpand;
    node->schema = input->schema;
    node->limit =
        mv.limit ? ConstantCount(*mv.limit, "mv-expand limit") : std::numeric_limits<int64_t>::max();
    std::string index_name;
    for (const auto& option : mv.options) {
      std::string_view value = option.value->kind == ExprKind::kName ? option.value->name : "";
      bool expansion = option.name == "bagexpansion" || option.name == "kind";  // kind= is the newer spelling
      if (expansion && (value == "bag" || value == "array")) {
        node->mv_bag_as_array = value == "array";
      } else if (option.name == "with_itemindex" && !value.empty()) {
        index_name = value;
      } else {
        Fail(option.offset, option.length, fmt::format("unsupported mv-expand option '{}'", option.name));
      }
    }
    // `to typeof(T)`: applied by a projection above, so that the expansion itself stays dynamic.
    std::map<size_t, std::pair<Type, const ast::Expr*>> casts;
    for (const auto& item : mv.items) {
      const ast::Expr& e = *item.column.expr;
      BoundExprPtr expr = BindExpr(e, input->schema);
      if (expr->type != Type::Dynamic) {
        Fail(e, fmt::format("mv-expand expands dynamic arrays and bags, '{}' is {}", expr->text,
                            TypeName(expr->type)));
      }
      std::optional<std::string> name =
          item.column.names.empty() ? DeriveName(e) : std::optional(item.column.names[0].name);
      if (!name) Fail(e, "name the expanded column: `mv-expand Name = expression`");
      int target = FindField(node->schema, *name);
      if (target < 0) {
        target = static_cast<int>(node->schema.size());
        node->schema.push_back({*name, Type::Dynamic});
      }
      node->mv_targets.push_back(target);
      node->exprs.push_back(std::move(expr));
      if (item.to_type && *item.to_type != Type::Dynamic)
        casts[static_cast<size_t>(target)] = {*item.to_type, &e};
    }
    if (!index_name.empty()) {
      node->mv_index_column = static_cast<int>(node->schema.size());
      node->schema.push_back({index_name, Type::Long});
    }
    node->children.push_back(std::move(input));
    if (casts.empty()) return node;
    auto project = std::make_unique<PlanNode>();
    project->kind = PlanNode::Kind::kProject;
    for (size_t i = 0; i < node->schema.size(); ++i) {
      BoundExprPtr column = ColumnRef(node->schema, i);
      auto cast = casts.find(i);
      if (cast != casts.end()) column = Convert(std::move(column), cast->second.first, *cast->second.second);
      AddOutput(*project, node->schema[i].name, std::move(column));
    }
    project->children.push_back(std::move(node));
    return project;
  }

  PlanNodePtr BindWhere(const ast::Where& where, PlanNodePtr input) {
    BoundExprPtr predicate = BindExpr(*where.predicate, input->schema);
    if (predicate->type == Type::Dynamic)
      predicate =
          CallFunction("tobool", std::move(predicate), where.predicate->offset, where.predicate->length);
    if (predicate->type != Type::Bool) {
      Fail(*where.predicate, fmt::format("the predicate of 'where' must be bool, this expression is {}",
                                         TypeName(predicate->type)));
    }
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kFilter;
    node->schema = input->schema;
    node->exprs.push_back(std::move(predicate));
    node->children.push_back(std::move(input));
    return node;
  }

  static void AddOutput(PlanNode& node, std::string name, BoundExprPtr expr) {
    node.schema.push_back({std::move(name), expr->type});
    node.exprs.push_back(std::move(expr));
  }

  static BoundExprPtr ColumnRef(const Schema& schema, size_t index) {
    auto expr = BoundExpr::Column(static_cast<int>(index), schema[index].type);
    expr->text = schema[index].name;
    return expr;
  }

  // project (extend = false) or extend (true): new columns replace same-named ones in place.
  PlanNodePtr BindProject(const std::vector<ast::NamedExpr>& columns, PlanNodePtr input, bool extend) {
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kProject;
    if (extend) {
      for (size_t i = 0; i < input->schema.size(); ++i)
        AddOutput(*node, input->schema[i].name, ColumnRef(input->schema, i));
    }
    int next_generated = 1;
    for (const auto& column : columns) {
      BoundExprPtr expr = BindExpr(*column.expr, input->schema);
      std::string name;
      if (column.names.size() > 1) {
        Fail(column.names[1].offset, column.names[1].length,
             "only one name can be given to a scalar expression");
      } else if (column.names.size() == 1) {
        name = column.names[0].name;
      } else if (auto derived = DeriveName(*column.expr)) {
        name = *derived;
      } else {
        do {
          name = fmt::format("Column{}", next_generated++);
        } while (FindField(node->schema, name) >= 0 || FindField(input->schema, name) >= 0);
      }
      int existing = FindField(node->schema, name);
      if (existing >= 0 && extend) {
        node->schema[static_cast<size_t>(existing)].type = expr->type;
        node->exprs[static_cast<size_t>(existing)] = std::move(expr);
      } else if (existing >= 0) {
        Fail(*column.expr, fmt::format("column '{}' is projected twice", name));
      } else {
        AddOutput(*node, std::move(name), std::move(expr));
      }
    }
    node->children.push_back(std::move(input));
    return node;
  }

  std::vector<size_t> MatchColumns(const Schema& schema, const ast::Identifier& pattern) {
    std::vector<size_t> matches;
    for (size_t i = 0; i < schema.size(); ++i) {
      if (WildcardMatch(pattern.name, schema[i].name)) matches.push_back(i);
    }
    if (matches.empty() && pattern.name.find('*') == std::string::npos) {
      std::vector<std::string> names;
      for (const auto& f : schema) names.push_back(f.name);
      Fail(pattern.offset, pattern.length,
           fmt::format("unknown column '{}'{}", pattern.name, DidYouMean(pattern.name, names)));
    }
    return matches;
  }

  PlanNodePtr BindProjectAway(const auto& node_in, PlanNodePtr input, bool keep) {
    std::vector<bool> selected(input->schema.size(), false);
    for (const auto& pattern : node_in.patterns) {
      for (size_t i : MatchColumns(input->schema, pattern)) selected[i] = true;
    }
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kProject;
    for (size_t i = 0; i < input->schema.size(); ++i) {
      if (selected[i] == keep) AddOutput(*node, input->schema[i].name, ColumnRef(input->schema, i));
    }
    node->children.push_back(std::move(input));
    return node;
  }

  PlanNodePtr BindProjectRename(const ast::ProjectRename& rename, PlanNodePtr input) {
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kProject;
    for (size_t i = 0; i < input->schema.size(); ++i)
      AddOutput(*node, input->schema[i].name, ColumnRef(input->schema, i));
    for (const auto& pair : rename.renames) {
      size_t index = MatchColumns(input->schema, pair.old_name).at(0);
      node->schema[index].name = pair.new_name.name;
    }
    node->children.push_back(std::move(input));
    return node;
  }

  PlanNodePtr BindProjectReorder(const ast::ProjectReorder& reorder, PlanNodePtr input) {
    std::vector<size_t> order;
    std::vector<bool> used(input->schema.size(), false);
    for (const auto& key : reorder.keys) {
      std::vector<size_t> matches = MatchColumns(input->schema, key.pattern);
      if (key.order == "asc" || key.order == "desc") {
        std::sort(matches.begin(), matches.end(), [&](size_t a, size_t b) {
          return key.order == "asc" ? input->schema[a].name < input->schema[b].name
                                    : input->schema[a].name > input->schema[b].name;
        });
      }
      for (size_t i : matches) {
        if (!used[i]) order.push_back(i), used[i] = true;
      }
    }
    for (size_t i = 0; i < input->schema.size(); ++i) {
      if (!used[i]) order.push_back(i);
    }
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kProject;
    for (size_t i : order) AddOutput(*node, input->schema[i].name, ColumnRef(input->schema, i));
    node->children.push_back(std::move(input));
    return node;
  }

  int64_t ConstantCount(const ast::Expr& expr, std::string_view op) {
    Schema none;
    Value v = evaluator_.EvaluateScalar(*BindExpr(expr, none));
    if (v.is_null() || !(v.type() == Type::Long || v.type() == Type::Int)) {
      Fail(expr, fmt::format("the row count of '{}' must be a constant integer", op));
    }
    return v.int_value();
  }

  PlanNodePtr BindTake(const ast::Take& take, PlanNodePtr input) {
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kLimit;
    node->schema = input->schema;
    node->limit = ConstantCount(*take.count, "take");
    node->children.push_back(std::move(input));
    return node;
  }

  PlanNodePtr BindSort(const std::vector<ast::SortKey>& keys, PlanNodePtr input, int64_t top) {
    auto node = std::make_unique<PlanNode>();
    node->kind = top >= 0 ? PlanNode::Kind::kTop : PlanNode::Kind::kSort;
    node->limit = top;
    node->schema = input->schema;
    for (const auto& key : keys) {
      SortKey bound;
      bound.expr = BindExpr(*key.expr, input->schema);
      bound.descending = key.descending;
      bound.nulls_first = key.nulls_first;
      node->sort_keys.push_back(std::move(bound));
    }
    node->children.push_back(std::move(input));
    return node;
  }

  PlanNodePtr BindCount(PlanNodePtr input) {
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kAggregate;
    AggregateCall call;
    call.function = RequireAggregate("count", 0, 0);
    node->schema.push_back({"Count", call.function->bind(call.bound_args)});
    node->aggregates.push_back(std::move(call));
    node->children.push_back(std::move(input));
    return node;
  }

  PlanNodePtr BindDistinct(const ast::Distinct& distinct, PlanNodePtr input) {
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

  const AggregateFunction* RequireAggregate(std::string_view name, size_t offset, size_t length) {
    const AggregateFunction* function = FindAggregateFunction(name);
    if (function == nullptr) Fail(offset, length, fmt::format("unknown aggregate function '{}'", name));
    return function;
  }

  PlanNodePtr BindSummarize(const ast::Summarize& summarize, PlanNodePtr input, const ast::Operator& op) {
    if (summarize.aggregates.size() == 1 && summarize.aggregates[0].expr->kind == ExprKind::kCall) {
      const std::string& name = summarize.aggregates[0].expr->name;
      if (name == "arg_max" || name == "arg_min") return BindArgExtreme(summarize, std::move(input));
    }
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kAggregate;
    int generated = 1;
    for (const auto& key : summarize.by) {
      BoundExprPtr expr = BindExpr(*key.expr, input->schema);
      std::string name = !key.names.empty()
                             ? key.names[0].name
                             : DeriveName(*key.expr).value_or(fmt::format("Column{}", generated++));
      if (FindField(node->schema, name) >= 0) Fail(*key.expr, fmt::format("'{}' is a group key twice", name));
      AddOutput(*node, std::move(name), std::move(expr));
    }
    AggregateContext context;
    context.input = &input->schema;
    context.key_count = node->schema.size();
    // Output expressions over (keys, aggregates); a plain aggregate call maps straight to its column.
    std::vector<std::pair<std::string, BoundExprPtr>> outputs;
    bool needs_projection = false;
    for (const auto& aggregate : summarize.aggregates) {
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

  static bool FindFieldBefore(const Schema& schema, const std::string& name, size_t end) {
    for (size_t i = 0; i < end; ++i) {
      if (schema[i].name == name) return true;
    }
    return false;
  }

  // summarize arg_max(Key, *) by ... / arg_max(Key, Col1, Col2): the row with the extreme key.
  PlanNodePtr BindArgExtreme(const ast::Summarize& summarize, PlanNodePtr input) {
    const ast::NamedExpr& aggregate = summarize.aggregates[0];
    const ast::Expr& call = *aggregate.expr;
    if (call.args.empty()) Fail(call, fmt::format("{} needs the expression to maximize", call.name));
    auto node = std::make_unique<PlanNode>();
    node->kind = PlanNode::Kind::kArgExtreme;
    node->arg_max = call.name == "arg_max";
    int generated = 1;
    for (const auto& key : summarize.by) {
      BoundExprPtr expr = BindExpr(*key.expr, input->schema);
      std::string name = !key.names.empty()
                             ? key.names[0].name
                             : DeriveName(*key.expr).value_or(fmt::format("Column{}", generated++));
      AddOutput(*node, std::move(name), std::move(expr));
    }
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
        for (size_t i = 0; i < input->schema.size(); ++i) {
          if (FindField(node->schema, input->schema[i].name) >= 0) continue;
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

  // ---- scalar expressions ---------------------------------------------------------------------

  BoundExprPtr CallFunction(std::string_view name, std::vector<BoundExprPtr> args, size_t offset,
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

  BoundExprPtr CallFunction(std::string_view name, BoundExprPtr arg, size_t offset, size_t length) {
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(arg));
    return CallFunction(name, std::move(args), offset, length);
  }

  // Calls with only constant arguments are evaluated once at bind time (`ago(1d)`, `strcat("a", "b")`),
  // except for functions whose every call differs.
  BoundExprPtr FoldConstant(BoundExprPtr expr) {
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
  BoundExprPtr Convert(BoundExprPtr expr, Type type, const ast::Expr& at) {
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

  BoundExprPtr AsString(BoundExprPtr expr, const ast::Expr& at) {
    if (expr->type == Type::String) return expr;
    return CallFunction("tostring", std::move(expr), at.offset, at.length);
  }

  BoundExprPtr BindExpr(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates = nullptr) {
    BoundExprPtr bound = BindExprInner(e, schema, aggregates);
    if (bound->text.empty()) bound->text = std::string(e.name.empty() ? e.text : e.name);
    return bound;
  }

  BoundExprPtr BindExprInner(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
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
        auto lower = std::make_unique<ast::Expr>();
        BoundExprPtr value = BindExpr(*e.args[0], schema, aggregates);
        BoundExprPtr value_again = BindExpr(*e.args[0], schema, aggregates);
        std::vector<BoundExprPtr> ge_args, le_args;
        ge_args.push_back(std::move(value));
        ge_args.push_back(BindExpr(*e.args[1], schema, aggregates));
        le_args.push_back(std::move(value_again));
        le_args.push_back(BindExpr(*e.args[2], schema, aggregates));
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

  Dynamic LiteralToDynamic(const ast::Expr& e) {
    switch (e.kind) {
      case ExprKind::kDynamicArray: {
        Dynamic::Array items;
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
        if (e.type == Type::Dynamic) return e.args.empty() ? Dynamic() : LiteralToDynamic(*e.args[0]);
        return ToDynamic(BindLiteral(e)->value);
      }
      default:
        Fail(e, "only literals are allowed inside dynamic(...)");
    }
  }

  BoundExprPtr BindLiteral(const ast::Expr& e) {
    if (e.type == Type::Dynamic) {
      Dynamic d = e.is_null || e.args.empty() ? Dynamic() : LiteralToDynamic(*e.args[0]);
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
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (!RE2::FullMatch(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
          Fail(e, fmt::format("'{}' is not a valid guid", e.text));
        }
        return BoundExpr::Constant(Value::Guid(text), Type::Guid);
      }
      default:
        Fail(e, "unsupported literal");
    }
  }

  BoundExprPtr BindName(const ast::Expr& e, const Schema& schema) {
    int index = FindField(schema, e.name);
    if (index >= 0) return ColumnRef(schema, static_cast<size_t>(index));
    auto let = lets_.find(e.name);
    if (let != lets_.end() && !let->second.is_tabular) {
      auto c = BoundExpr::Constant(let->second.value, let->second.type);
      c->text = e.name;
      return c;
    }
    std::vector<std::string> candidates;
    for (const auto& f : schema) candidates.push_back(f.name);
    for (const auto& [n, b] : lets_) {
      if (!b.is_tabular) candidates.push_back(n);
    }
    if (let != lets_.end())
      Fail(e, fmt::format("'{}' is a tabular expression and cannot be used as a scalar", e.name));
    Fail(e, fmt::format("unknown column or scalar '{}'{}", e.name, DidYouMean(e.name, candidates)));
  }

  BoundExprPtr BindAccess(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
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

  BoundExprPtr BindCall(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
    if (e.name == "toscalar") {
      if (e.args.size() != 1 || e.args[0]->kind != ExprKind::kTabular)
        Fail(e, "toscalar() takes one tabular expression");
      PlanNodePtr plan = BindTabular(*e.args[0]->tabular, nullptr);
      if (plan->schema.empty()) Fail(e, "toscalar(): the expression has no columns");
      Type type = plan->schema[0].type;
      auto rows = evaluator_.Run(*plan);
      Value v = rows.empty() ? Value::Null(type) : rows[0][0];
      return BoundExpr::Constant(std::move(v), type);
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
    if (const AggregateFunction* aggregate = FindAggregateFunction(e.name)) {
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

  BoundExprPtr BindAggregateCall(const ast::Expr& e, const AggregateFunction& function,
                                 AggregateContext& context) {
    AggregateCall call;
    call.function = &function;
    for (const auto& arg : e.args) {
      if (arg->kind == ExprKind::kStar && function.name == "count") continue;
      BoundExprPtr bound = BindExpr(*arg, *context.input);
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

  BoundExprPtr BindBinary(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
    const std::string& op = e.op;
    if (op == "and" || op == "or") {
      BoundExprPtr left = BindExpr(*e.args[0], schema, aggregates);
      BoundExprPtr right = BindExpr(*e.args[1], schema, aggregates);
      for (auto* side : {&left, &right}) {
        if ((*side)->type == Type::Dynamic)
          *side = CallFunction("tobool", std::move(*side), e.offset, e.length);
        if ((*side)->type != Type::Bool && (*side)->type != Type::Null) {
          Fail(e, fmt::format("'{}' needs bool operands, '{}' is {}", op, (*side)->text,
                              TypeName((*side)->type)));
        }
      }
      auto logical = std::make_unique<BoundExpr>();
      logical->kind = op == "and" ? BoundExpr::Kind::kAnd : BoundExpr::Kind::kOr;
      logical->type = Type::Bool;
      logical->text = left->text + " " + op + " " + right->text;
      logical->args.push_back(std::move(left));
      logical->args.push_back(std::move(right));
      return logical;
    }
    BoundExprPtr left = BindExpr(*e.args[0], schema, aggregates);
    BoundExprPtr right = BindExpr(*e.args[1], schema, aggregates);
    std::string text = left->text + " " + op + " " + right->text;
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
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(left));
    args.push_back(std::move(right));
    BoundExprPtr call = CallFunction(arithmetic->second, std::move(args), e.offset, e.length);
    call->text = text;
    return call;
  }

  static BoundExprPtr StringPredicate(StringOp op, bool case_sensitive, bool negated, BoundExprPtr left,
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
  std::vector<Value> ListValues(const ast::Expr& e, const Schema& schema) {
    std::vector<Value> values;
    for (size_t i = 1; i < e.args.size(); ++i) {
      const ast::Expr& item = *e.args[i];
      if (item.kind == ExprKind::kTabular ||
          (item.kind == ExprKind::kName && lets_.count(item.name) && lets_.at(item.name).is_tabular)) {
        PlanNodePtr plan = item.kind == ExprKind::kTabular
                               ? BindTabular(*item.tabular, nullptr)
                               : BindTableRef({item.name, item.offset, item.length});
        for (auto& row : evaluator_.Run(*plan)) {
          if (!row.empty()) values.push_back(std::move(row[0]));
        }
        continue;
      }
      BoundExprPtr bound = BindExpr(item, schema);
      if (bound->kind != BoundExpr::Kind::kConstant) {
        Fail(item, fmt::format("the list of '{}' must hold constants (columns are not supported yet)", e.op));
      }
      const Value& v = bound->value;
      if (!v.is_null() && v.type() == Type::Dynamic && v.dynamic_value().kind() == Dynamic::Kind::Array) {
        for (const auto& element : v.dynamic_value().array()) values.push_back(FromDynamic(element));
      } else {
        values.push_back(v);
      }
    }
    return values;
  }

  BoundExprPtr BindInList(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates) {
    BoundExprPtr left = BindExpr(*e.args[0], schema, aggregates);
    std::vector<Value> values = ListValues(e, schema);
    auto expr = std::make_unique<BoundExpr>();
    expr->type = Type::Bool;
    expr->text = left->text + " " + e.op + " (...)";
    if (e.op == "has_any" || e.op == "has_all") {
      expr->kind = BoundExpr::Kind::kHasAny;
      expr->match_all = e.op == "has_all";
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
      } else {
        Fail(e,
             fmt::format("'{}' compares {} with a {} list value", e.op, TypeName(type), TypeName(v.type())));
      }
    }
    expr->args.push_back(std::move(left));
    return expr;
  }

  std::string ToStringConstant(const Value& v, const ast::Expr& at) {
    if (v.is_null()) return "";
    if (v.type() == Type::String) return v.string_value();
    BoundExprPtr converted = CallFunction("tostring", BoundExpr::Constant(v, v.type()), at.offset, at.length);
    return converted->value.string_value();
  }

  std::string_view text_;
  const Catalog& catalog_;
  ConstantEvaluator& evaluator_;
  std::map<std::string, LetBinding, std::less<>> lets_;
};

}  // namespace

PlanNodePtr BindQuery(std::string_view text, const ParsedQuery& query, const Catalog& catalog,
                      ConstantEvaluator& evaluator) {
  Binder binder(text, catalog, evaluator);
  return binder.BindStatements(query.statements);
}

}  // namespace iochound
