// Binding of search: a filter over one or more tables whose bare string terms look in every column,
// with the table each row comes from in a leading `$table` column.
#include <fmt/format.h>
#include <re2/re2.h>

#include "common/diagnostics.h"
#include "common/suggest.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

namespace {

BoundExprPtr Logical(BoundExpr::Kind kind, BoundExprPtr left, BoundExprPtr right) {
  auto logical = std::make_unique<BoundExpr>();
  logical->kind = kind;
  logical->type = Type::Bool;
  logical->text = LogicalText(*left, kind == BoundExpr::Kind::kAnd ? "and" : "or", *right);
  logical->args.push_back(std::move(left));
  logical->args.push_back(std::move(right));
  return logical;
}

// `a or b or ...` over one predicate per column; false for a table without columns.
template <typename MakePredicate>
BoundExprPtr AnyColumn(const Schema& schema, MakePredicate&& make) {
  BoundExprPtr any;
  for (size_t i = 0; i < schema.size(); ++i) {
    BoundExprPtr predicate = make(i);
    any = any ? Logical(BoundExpr::Kind::kOr, std::move(any), std::move(predicate)) : std::move(predicate);
  }
  if (!any) any = BoundExpr::Constant(Value::Bool(false), Type::Bool);
  return any;
}

}  // namespace

// A bare term, as Kusto documents it: `"x"` is `has`, `"x*"` hasprefix, `"*x"` hassuffix, `"*x*"`
// contains, and a `*` inside (`"x*y"`) a regex over whole terms; every column is tested as a string.
BoundExprPtr Binder::SearchTerm(const ast::Expr& term, const Schema& schema, bool case_sensitive) {
  const std::string& text = term.text;
  bool leading = text.starts_with('*'), trailing = text.size() > 1 && text.ends_with('*');
  std::string core = text.substr(leading ? 1 : 0, text.size() - (leading ? 1 : 0) - (trailing ? 1 : 0));
  auto column = [&](size_t i) { return AsString(ColumnRef(schema, i), term); };
  if (core.find('*') != std::string::npos) {
    std::string pattern = case_sensitive ? "" : "(?i)";
    pattern += leading ? "" : R"(\b)";
    for (size_t start = 0;;) {
      size_t star = core.find('*', start);
      pattern += RE2::QuoteMeta(core.substr(start, star - start));
      if (star == std::string::npos) break;
      pattern += ".*?";
      start = star + 1;
    }
    pattern += trailing ? "" : R"(\b)";
    auto regex = std::make_shared<const RE2>(pattern, RE2::Quiet);
    if (!regex->ok()) Fail(term, fmt::format("search: invalid term: {}", regex->error()));
    return AnyColumn(schema, [&](size_t i) {
      auto match = std::make_unique<BoundExpr>();
      match->kind = BoundExpr::Kind::kRegexMatch;
      match->type = Type::Bool;
      match->regex = regex;
      match->args.push_back(column(i));
      match->text = fmt::format("{} matches regex \"{}\"", schema[i].name, pattern);
      return match;
    });
  }
  if (core.empty() && (leading || trailing)) return BoundExpr::Constant(Value::Bool(true), Type::Bool);
  StringOp op = leading && trailing ? StringOp::kContains
                : leading           ? StringOp::kHasSuffix
                : trailing          ? StringOp::kHasPrefix
                                    : StringOp::kHas;
  return AnyColumn(schema, [&](size_t i) {
    auto predicate = StringPredicate(op, case_sensitive, false, column(i),
                                     BoundExpr::Constant(Value::String(core), Type::String));
    predicate->text = fmt::format("{} ~ \"{}\"", schema[i].name, text);
    return predicate;
  });
}

// `* has "x"` and the like: the operator applied to every column, any of them matching.
BoundExprPtr Binder::SearchEveryColumn(const ast::Expr& e, const Schema& schema) {
  return AnyColumn(schema, [&](size_t i) {
    ast::Expr column;
    column.kind = ExprKind::kName;
    column.name = schema[i].name;
    column.offset = e.args[0]->offset;
    column.length = e.args[0]->length;
    // The right side is re-bound per column; it is a constant in every sensible search.
    Schema none;
    BoundExprPtr right = BindExpr(*e.args[1], none);
    if (right->kind != BoundExpr::Kind::kConstant)
      Fail(*e.args[1], "search: `*` must be compared with a constant");
    ast::Expr literal;
    literal.kind = ExprKind::kLiteral;
    literal.type = Type::String;
    literal.text = ToStringConstant(right->value, *e.args[1]);
    literal.offset = e.args[1]->offset;
    literal.length = e.args[1]->length;
    ast::Expr binary;
    binary.kind = ExprKind::kBinary;
    binary.op = e.op;
    binary.offset = e.offset;
    binary.length = e.length;
    binary.args.push_back(std::make_unique<ast::Expr>(std::move(column)));
    binary.args.push_back(std::make_unique<ast::Expr>(std::move(literal)));
    return BindExpr(binary, schema);
  });
}

BoundExprPtr Binder::BindSearchPredicate(const ast::Expr& e, const Schema& schema, bool case_sensitive) {
  if (e.kind == ExprKind::kLiteral && e.type == Type::String) return SearchTerm(e, schema, case_sensitive);
  // `search *`: every row.
  if (e.kind == ExprKind::kStar) return BoundExpr::Constant(Value::Bool(true), Type::Bool);
  if (e.kind == ExprKind::kBinary && (e.op == "and" || e.op == "or")) {
    BoundExprPtr left = BindSearchPredicate(*e.args[0], schema, case_sensitive);
    BoundExprPtr right = BindSearchPredicate(*e.args[1], schema, case_sensitive);
    for (BoundExprPtr* side : {&left, &right}) {
      if ((*side)->type != Type::Bool) Fail(e, fmt::format("'{}' needs bool operands", e.op));
    }
    return Logical(e.op == "and" ? BoundExpr::Kind::kAnd : BoundExpr::Kind::kOr, std::move(left),
                   std::move(right));
  }
  if (e.kind == ExprKind::kCall && e.name == "not" && e.args.size() == 1) {
    auto negation = std::make_unique<BoundExpr>();
    negation->kind = BoundExpr::Kind::kNot;
    negation->type = Type::Bool;
    negation->args.push_back(BindSearchPredicate(*e.args[0], schema, case_sensitive));
    negation->text = "not(" + negation->args[0]->text + ")";
    return negation;
  }
  if (e.kind == ExprKind::kBinary && e.args[0]->kind == ExprKind::kStar) return SearchEveryColumn(e, schema);
  BoundExprPtr predicate = BindExpr(e, schema);
  if (predicate->type == Type::Dynamic)
    predicate = CallFunction("tobool", std::move(predicate), e.offset, e.length);
  if (predicate->type != Type::Bool)
    Fail(e, fmt::format("the predicate of 'search' must be bool, this expression is {}",
                        TypeName(predicate->type)));
  return predicate;
}

PlanNodePtr Binder::BindSearch(const ast::Search& search, PlanNodePtr input, const ast::Operator& op) {
  bool case_sensitive = false;
  for (const auto& option : search.options) {
    const ast::Expr& value = *option.value;
    std::string kind = value.kind == ExprKind::kName ? value.name : value.text;
    if (kind != "case_sensitive" && kind != "case_insensitive") {
      Fail(option.offset, option.length,
           fmt::format("search kind '{}' is not one of case_sensitive, case_insensitive", kind));
    }
    case_sensitive = kind == "case_sensitive";
  }
  // The tables searched and the names `$table` gives them: a piped input that is not a plain table
  // is `search_arg0`, as in Kusto.
  std::vector<PlanNodePtr> parts;
  std::vector<std::string> names;
  if (input) {
    if (!search.tables.empty())
      Fail(search.tables[0].offset, search.tables[0].length,
           "search: `in (...)` cannot follow a piped input");
    names.push_back(input->kind == PlanNode::Kind::kScan ? input->table_name : "search_arg0");
    parts.push_back(std::move(input));
  } else {
    std::vector<std::string> candidates = catalog_.Names();
    std::vector<ast::Identifier> tables = search.tables;
    if (tables.empty()) {
      for (const auto& name : candidates) tables.push_back({name, op.offset, op.length});
    }
    for (const auto& table : tables) {
      if (table.name.find('*') == std::string::npos) {
        names.push_back(table.name);
        parts.push_back(BindTableRef(table));
        continue;
      }
      for (const auto& name : candidates) {
        if (!WildcardMatch(table.name, name)) continue;
        names.push_back(name);
        parts.push_back(BindTableRef({name, table.offset, table.length}));
      }
    }
    if (parts.empty()) Fail(op.offset, op.length, "search: no table to search");
  }
  for (auto& part : parts) {
    auto filter = std::make_unique<PlanNode>();
    filter->kind = PlanNode::Kind::kFilter;
    filter->schema = part->schema;
    filter->exprs.push_back(BindSearchPredicate(*search.predicate, part->schema, case_sensitive));
    filter->children.push_back(std::move(part));
    part = std::move(filter);
  }
  return UnionOf(std::move(parts), names, "$table", false, op);
}

}  // namespace iochound::binding
