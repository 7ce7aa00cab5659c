// Binding of join, lookup and mv-expand.
#include <fmt/format.h>

#include <algorithm>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

// ---- join, lookup, mv-expand ----------------------------------------------------------------
// `name` if `schema` has no such column, else the first free `name1`, `name2`, ... as Kusto
// renames the right side's columns of a join.
std::string Binder::UniqueName(const Schema& schema, const std::string& name) {
  if (FindField(schema, name) < 0) return name;
  for (int n = 1;; ++n) {
    std::string candidate = fmt::format("{}{}", name, n);
    if (FindField(schema, candidate) < 0) return candidate;
  }
}

int Binder::RequireJoinColumn(const Schema& schema, const std::string& name, std::string_view side,
                              const ast::Expr& at) {
  int index = FindField(schema, name);
  if (index >= 0) return index;
  std::vector<std::string> names;
  for (const auto& f : schema) names.push_back(f.name);
  Fail(at, fmt::format("the {} side of the join has no column '{}'{}", side, name, DidYouMean(name, names)));
}

// One `on` condition: `k` (the same column on both sides), `$left.a == $right.b` (either order),
// or several of them joined by `and`.
void Binder::BindJoinCondition(const ast::Expr& e, const Schema& left, const Schema& right, PlanNode& node) {
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
void Binder::SetJoinOutput(PlanNode& node, bool left_columns, bool right_columns, bool skip_right_keys) {
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

PlanNodePtr Binder::JoinNode(PlanNodePtr left, PlanNodePtr right, const std::vector<ast::ExprPtr>& on,
                             const ast::Operator& op) {
  if (on.empty()) Fail(op.offset, op.length, "join/lookup needs `on` with the key columns");
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kJoin;
  for (const auto& condition : on) BindJoinCondition(*condition, left->schema, right->schema, *node);
  node->children.push_back(std::move(left));
  node->children.push_back(std::move(right));
  return node;
}

PlanNodePtr Binder::BindJoin(const ast::Join& join, PlanNodePtr input, const ast::Operator& op) {
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
PlanNodePtr Binder::BindLookup(const ast::Lookup& lookup, PlanNodePtr input, const ast::Operator& op) {
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

PlanNodePtr Binder::BindMvExpand(const ast::MvExpand& mv, PlanNodePtr input, const ast::Operator& op) {
  return BindMvExpand(mv.options, mv.items, mv.limit.get(), std::move(input), op);
}

PlanNodePtr Binder::BindMvExpand(const std::vector<ast::Option>& options,
                                 const std::vector<ast::MvExpand::Item>& items, const ast::Expr* limit,
                                 PlanNodePtr input, const ast::Operator& op) {
  if (!input) Fail(op.offset, op.length, "mv-expand needs an input: `T | mv-expand ...`");
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kMvExpand;
  node->schema = input->schema;
  node->limit = limit ? ConstantCount(*limit, "mv-expand limit") : std::numeric_limits<int64_t>::max();
  std::string index_name;
  for (const auto& option : options) {
    std::string value = option.value->kind == ExprKind::kName ? option.value->name : std::string();
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
  for (const auto& item : items) {
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
    } else {
      // `mv-expand todynamic(Entities)` over a string column replaces it with the dynamic elements.
      node->schema[target].type = Type::Dynamic;
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

}  // namespace iochound::binding
