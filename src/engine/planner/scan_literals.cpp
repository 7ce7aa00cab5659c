#include "engine/planner/scan_literals.h"

#include <algorithm>
#include <iterator>
#include <optional>

namespace iochound {
namespace {

// Any of these literals must occur; nullopt when the expression promises nothing.
using AnyOf = std::optional<std::vector<ScanLiteral>>;

size_t ShortestLength(const std::vector<ScanLiteral>& literals) {
  size_t shortest = SIZE_MAX;
  for (const auto& literal : literals) shortest = std::min(shortest, literal.text.size());
  return shortest;
}

// Of two conjuncts, the one that rules out more records: longer literals first, then fewer.
AnyOf MoreSelective(AnyOf a, AnyOf b) {
  if (!a) return b;
  if (!b) return a;
  size_t la = ShortestLength(*a), lb = ShortestLength(*b);
  bool a_wins = la != lb ? la > lb : a->size() <= b->size();
  // Moved, not copied: a list of 100,000 IOCs is one of them.
  if (a_wins) return a;
  return b;
}

// The scan column a string expression reads unchanged; -1 if it is not such a column.
int ScanColumn(const BoundExpr& expr, const std::vector<int>& to_scan) {
  if (expr.kind != BoundExpr::Kind::kColumn || expr.type != Type::String) return -1;
  size_t index = static_cast<size_t>(expr.column_index);
  return index < to_scan.size() ? to_scan[index] : -1;
}

bool IsNonEmptyString(const Value& v) {
  return !v.is_null() && v.type() == Type::String && !v.string_value().empty();
}

// Where a predicate needs its needle not to continue a term (string_ops::Matcher): `has` and its
// prefix and suffix forms by definition, and the value's edges, which the raw record bounds by a
// quote, separator or line end, for the forms that match there.
ScanLiteral PredicateLiteral(StringOp op, std::string text, bool case_sensitive) {
  bool start = op == StringOp::kHas || op == StringOp::kHasPrefix || op == StringOp::kStartsWith ||
               op == StringOp::kEquals;
  bool end = op == StringOp::kHas || op == StringOp::kHasSuffix || op == StringOp::kEndsWith ||
             op == StringOp::kEquals;
  return {std::move(text), case_sensitive, start, end};
}

AnyOf Literals(const BoundExpr& expr, const std::vector<int>& to_scan) {
  switch (expr.kind) {
    case BoundExpr::Kind::kAnd:
      return MoreSelective(Literals(*expr.args[0], to_scan), Literals(*expr.args[1], to_scan));
    case BoundExpr::Kind::kOr: {
      AnyOf left = Literals(*expr.args[0], to_scan);
      AnyOf right = Literals(*expr.args[1], to_scan);
      if (!left || !right) return std::nullopt;
      left->insert(left->end(), std::make_move_iterator(right->begin()),
                   std::make_move_iterator(right->end()));
      return left;
    }
    case BoundExpr::Kind::kStringPredicate: {
      // Every predicate holds for an empty needle except equality, which an empty field satisfies.
      const BoundExpr& needle = *expr.args[1];
      if (expr.negated || ScanColumn(*expr.args[0], to_scan) < 0 ||
          needle.kind != BoundExpr::Kind::kConstant || !IsNonEmptyString(needle.value)) {
        return std::nullopt;
      }
      return std::vector<ScanLiteral>{
          PredicateLiteral(expr.string_op, needle.value.string_value(), expr.case_sensitive)};
    }
    case BoundExpr::Kind::kInSet: {
      if (expr.negated || ScanColumn(*expr.args[0], to_scan) < 0 || expr.set.empty()) return std::nullopt;
      std::vector<ScanLiteral> literals;
      for (const Value& v : expr.set) {
        if (!IsNonEmptyString(v)) return std::nullopt;
        literals.push_back(PredicateLiteral(StringOp::kEquals, v.string_value(), expr.case_sensitive));
      }
      return literals;
    }
    case BoundExpr::Kind::kHasAny: {
      if (expr.negated || ScanColumn(*expr.args[0], to_scan) < 0 || expr.needles.empty()) return std::nullopt;
      std::vector<ScanLiteral> literals;
      for (const std::string& needle : expr.needles) {
        if (needle.empty()) return std::nullopt;
        literals.push_back(PredicateLiteral(StringOp::kHas, needle, false));
      }
      if (!expr.match_all) return literals;
      // has_all: every needle occurs, so the longest one alone is the best test.
      return std::vector<ScanLiteral>{*std::max_element(
          literals.begin(), literals.end(),
          [](const ScanLiteral& a, const ScanLiteral& b) { return a.text.size() < b.text.size(); })};
    }
    default:
      return std::nullopt;
  }
}

// For the filters on top of a scan: maps the filter's input columns to the scan's output columns
// through filters and column-only projections, and returns the scan (null when something else is
// in between).
PlanNode* ScanBelow(PlanNode& filter, std::vector<int>& to_scan) {
  PlanNode* node = filter.children[0].get();
  to_scan.resize(node->schema.size());
  for (size_t i = 0; i < to_scan.size(); ++i) to_scan[i] = static_cast<int>(i);
  for (;;) {
    switch (node->kind) {
      case PlanNode::Kind::kScan:
        return node;
      case PlanNode::Kind::kFilter:
        break;
      case PlanNode::Kind::kProject:
        for (int& column : to_scan) {
          if (column < 0) continue;
          const BoundExpr& expr = *node->exprs[static_cast<size_t>(column)];
          column = expr.kind == BoundExpr::Kind::kColumn ? expr.column_index : -1;
        }
        break;
      default:
        return nullptr;
    }
    node = node->children[0].get();
  }
}

void Derive(PlanNode& node) {
  for (auto& child : node.children) Derive(*child);
  if (node.kind != PlanNode::Kind::kFilter) return;
  std::vector<int> to_scan;
  PlanNode* scan = ScanBelow(node, to_scan);
  if (scan == nullptr) return;
  AnyOf literals = Literals(*node.exprs[0], to_scan);
  AnyOf current;
  if (!scan->scan_literals.empty()) current = scan->scan_literals;
  if (AnyOf best = MoreSelective(std::move(current), std::move(literals)))
    scan->scan_literals = std::move(*best);
}

}  // namespace

void DeriveScanLiterals(PlanNode& root) {
  Derive(root);
}

}  // namespace iochound
