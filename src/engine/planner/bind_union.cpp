// Binding of union (kind=outer|inner, withsource=, isfuzzy=, table wildcards); search shares UnionOf.
#include <fmt/format.h>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

PlanNodePtr Binder::UnionOf(std::vector<PlanNodePtr> parts, const std::vector<std::string>& names,
                            const std::string& source_column, bool inner, const ast::Operator& op) {
  if (parts.empty()) Fail(op.offset, op.length, "union needs at least one table");
  // kind=outer: every column of every input, by name, missing ones null; kind=inner: the columns every
  // input has. A name with different types in different inputs becomes dynamic.
  Schema schema;
  if (!source_column.empty()) schema.push_back({source_column, Type::String});
  for (const auto& part : parts) {
    for (const auto& field : part->schema) {
      int existing = FindField(schema, field.name);
      if (existing < 0)
        schema.push_back(field);
      else if (schema[static_cast<size_t>(existing)].type != field.type)
        schema[static_cast<size_t>(existing)].type = Type::Dynamic;
    }
  }
  if (inner) {
    std::erase_if(schema, [&](const Field& field) {
      if (field.name == source_column) return false;
      for (const auto& part : parts) {
        if (FindField(part->schema, field.name) < 0) return true;
      }
      return false;
    });
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kUnion;
  node->schema = schema;
  for (size_t p = 0; p < parts.size(); ++p) {
    auto project = std::make_unique<PlanNode>();
    project->kind = PlanNode::Kind::kProject;
    for (const auto& field : schema) {
      BoundExprPtr expr;
      if (!source_column.empty() && field.name == source_column) {
        expr = BoundExpr::Constant(Value::String(names.at(p)), Type::String);
      } else {
        int index = FindField(parts[p]->schema, field.name);
        expr = index < 0 ? BoundExpr::Constant(Value::Null(field.type), field.type)
                         : BoundExpr::Column(index, parts[p]->schema[static_cast<size_t>(index)].type);
      }
      expr->text = field.name;
      if (expr->type != field.type) expr = CallFunction("todynamic", std::move(expr), op.offset, op.length);
      AddOutput(*project, field.name, std::move(expr));
    }
    project->children.push_back(std::move(parts[p]));
    node->children.push_back(std::move(project));
  }
  return node;
}

PlanNodePtr Binder::BindUnion(const ast::Union& u, PlanNodePtr input, const ast::Operator& op) {
  bool inner = false, fuzzy = false;
  std::string source_column;
  for (const auto& option : u.options) {
    const ast::Expr& value = *option.value;
    if (option.name == "kind") {
      if (value.name != "inner" && value.name != "outer")
        Fail(option.offset, option.length, fmt::format("union kind '{}' is not inner or outer", value.name));
      inner = value.name == "inner";
    } else if (option.name == "withsource") {
      source_column = value.kind == ast::ExprKind::kName ? value.name : value.text;
    } else if (option.name == "isfuzzy") {
      fuzzy = value.kind == ast::ExprKind::kLiteral && value.int_value != 0;
    } else if (!option.name.starts_with("hint.")) {
      Fail(option.offset, option.length, fmt::format("union option '{}' is not supported", option.name));
    }
  }
  // withsource names a table by its name and any other operand `union_arg<position>`, as Kusto does.
  std::vector<PlanNodePtr> parts;
  std::vector<std::string> names;
  auto add = [&](PlanNodePtr part, std::string name) {
    names.push_back(name.empty() ? fmt::format("union_arg{}", names.size()) : std::move(name));
    parts.push_back(std::move(part));
  };
  if (input) add(std::move(input), "");
  for (const auto& table : u.tables) {
    const ast::TableRef* ref =
        table->ops.size() == 1 ? std::get_if<ast::TableRef>(&table->ops[0].node) : nullptr;
    bool is_table = ref != nullptr && !lets_.count(ref->name.name);
    if (is_table && ref->name.name.find('*') != std::string::npos) {
      for (const auto& name : catalog_.Names()) {
        if (WildcardMatch(ref->name.name, name))
          add(BindTableRef({name, ref->name.offset, ref->name.length}), name);
      }
      continue;
    }
    // isfuzzy=true: a table that does not exist is left out rather than failing the query.
    if (fuzzy && is_table && catalog_.Find(ref->name.name) == nullptr) continue;
    add(BindTabular(*table, nullptr), is_table ? ref->name.name : "");
  }
  return UnionOf(std::move(parts), names, source_column, inner, op);
}

}  // namespace iochound::binding
