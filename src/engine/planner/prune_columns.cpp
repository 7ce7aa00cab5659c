#include "engine/planner/prune_columns.h"

#include <numeric>

namespace iochound {
namespace {

void CollectColumns(const BoundExpr& expr, std::vector<bool>& used) {
  if (expr.kind == BoundExpr::Kind::kColumn) used.at(static_cast<size_t>(expr.column_index)) = true;
  for (const auto& arg : expr.args) CollectColumns(*arg, used);
}

void Remap(BoundExpr& expr, const std::vector<int>& mapping) {
  if (expr.kind == BoundExpr::Kind::kColumn)
    expr.column_index = mapping.at(static_cast<size_t>(expr.column_index));
  for (auto& arg : expr.args) Remap(*arg, mapping);
}

bool PassesColumnsThrough(PlanNode::Kind kind) {
  return kind == PlanNode::Kind::kFilter || kind == PlanNode::Kind::kSort || kind == PlanNode::Kind::kTop ||
         kind == PlanNode::Kind::kLimit;
}

template <typename F>
void ForEachExpr(PlanNode& node, F&& f) {
  for (auto& e : node.exprs) f(*e);
  for (auto& k : node.sort_keys) f(*k.expr);
  for (auto& a : node.aggregates) {
    for (auto& e : a.args) f(*e);
  }
  for (auto& e : node.arg_values) f(*e);
}

std::vector<int> Identity(size_t n) {
  std::vector<int> mapping(n);
  std::iota(mapping.begin(), mapping.end(), 0);
  return mapping;
}

// Restricts `node` to the output columns marked in `required` where it can, and returns the
// mapping from its old output indexes to new ones (-1 for dropped columns).
std::vector<int> Prune(PlanNode& node, const std::vector<bool>& required) {
  if (node.kind == PlanNode::Kind::kScan) {
    std::vector<int> mapping(node.schema.size(), -1);
    Schema schema;
    std::vector<int> columns;
    for (size_t i = 0; i < node.schema.size(); ++i) {
      if (!required[i]) continue;
      mapping[i] = static_cast<int>(schema.size());
      schema.push_back(node.schema[i]);
      columns.push_back(node.scan_columns[i]);
    }
    node.schema = std::move(schema);
    node.scan_columns = std::move(columns);
    return mapping;
  }
  if (node.children.size() != 1) {
    for (auto& child : node.children) Prune(*child, std::vector<bool>(child->schema.size(), true));
    return Identity(node.schema.size());
  }
  PlanNode& child = *node.children[0];
  std::vector<bool> child_required(child.schema.size(), false);
  ForEachExpr(node, [&](BoundExpr& e) { CollectColumns(e, child_required); });
  // mv-expand and parse repeat every input column at its own position, so their input keeps them all.
  if (node.kind == PlanNode::Kind::kMvExpand || node.kind == PlanNode::Kind::kParse)
    child_required.assign(child.schema.size(), true);
  // Window calls are not in exprs: their node keeps every input column, as mv-expand does.
  if (node.kind == PlanNode::Kind::kWindow) child_required.assign(child.schema.size(), true);
  if (PassesColumnsThrough(node.kind)) {
    for (size_t i = 0; i < required.size(); ++i) {
      if (required[i]) child_required[i] = true;
    }
  }
  std::vector<int> child_mapping = Prune(child, child_required);
  ForEachExpr(node, [&](BoundExpr& e) { Remap(e, child_mapping); });
  if (!PassesColumnsThrough(node.kind)) return Identity(node.schema.size());
  node.schema = child.schema;
  return child_mapping;
}

}  // namespace

void PruneColumns(PlanNode& root) {
  Prune(root, std::vector<bool>(root.schema.size(), true));
}

}  // namespace iochound
