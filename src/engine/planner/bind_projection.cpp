// Binding of the row-preserving operators: where, project and its variants, extend, take, sort, top.
#include <fmt/format.h>

#include <algorithm>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

PlanNodePtr Binder::BindWhere(const ast::Where& where, PlanNodePtr input) {
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

void Binder::AddOutput(PlanNode& node, std::string name, BoundExprPtr expr) {
  node.schema.push_back({std::move(name), expr->type});
  node.exprs.push_back(std::move(expr));
}

BoundExprPtr Binder::ColumnRef(const Schema& schema, size_t index) {
  auto expr = BoundExpr::Column(static_cast<int>(index), schema[index].type);
  expr->text = schema[index].name;
  return expr;
}

// project (extend = false) or extend (true): new columns replace same-named ones in place.
PlanNodePtr Binder::BindProject(const std::vector<ast::NamedExpr>& columns, PlanNodePtr input, bool extend) {
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

std::vector<size_t> Binder::MatchColumns(const Schema& schema, const ast::Identifier& pattern) {
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

PlanNodePtr Binder::BindProjectAway(const std::vector<ast::Identifier>& patterns, PlanNodePtr input,
                                    bool keep) {
  std::vector<bool> selected(input->schema.size(), false);
  for (const auto& pattern : patterns) {
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

PlanNodePtr Binder::BindProjectRename(const ast::ProjectRename& rename, PlanNodePtr input) {
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

PlanNodePtr Binder::BindProjectReorder(const ast::ProjectReorder& reorder, PlanNodePtr input) {
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

int64_t Binder::ConstantCount(const ast::Expr& expr, std::string_view op) {
  Schema none;
  Value v = evaluator_.EvaluateScalar(*BindExpr(expr, none));
  if (v.is_null() || !(v.type() == Type::Long || v.type() == Type::Int)) {
    Fail(expr, fmt::format("the row count of '{}' must be a constant integer", op));
  }
  return v.int_value();
}

PlanNodePtr Binder::BindTake(const ast::Take& take, PlanNodePtr input) {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kLimit;
  node->schema = input->schema;
  node->limit = ConstantCount(*take.count, "take");
  node->children.push_back(std::move(input));
  return node;
}

PlanNodePtr Binder::BindSort(const std::vector<ast::SortKey>& keys, PlanNodePtr input, int64_t top) {
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

}  // namespace iochound::binding
