#include "engine/execution/evaluator.h"

#include <re2/re2.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <unordered_set>

#include "engine/execution/row_keys.h"
#include "engine/execution/shared_subexpressions.h"
#include "engine/function/string_ops.h"

namespace iochound {
namespace {

std::shared_ptr<Column> NewColumn(Type type, size_t rows) {
  auto column = std::make_shared<Column>(type);
  column->Reserve(rows);
  return column;
}

// Kusto's three-valued logic: false wins `and`, true wins `or`, otherwise null is contagious.
// The right side runs only over the rows the left leaves open, gathered when they are few: a Sigma
// rule's detection is then evaluated over its logsource's events alone, not over every event.
ColumnPtr EvaluateLogical(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr left = Evaluate(*expr.args[0], batch, context);
  const int64_t decisive = expr.kind == BoundExpr::Kind::kAnd ? 0 : 1;
  std::vector<uint32_t> open;
  for (size_t i = 0; i < batch.rows; ++i) {
    if (left->IsNull(i) || left->IntAt(i) != decisive) open.push_back(static_cast<uint32_t>(i));
  }
  if (open.empty()) return left;
  // Evaluating the right side over every row is cheaper than gathering most of them.
  const bool gather = open.size() * 2 <= batch.rows;
  ColumnPtr right = gather ? Evaluate(*expr.args[1], GatherRows(batch, open), context)
                           : Evaluate(*expr.args[1], batch, context);
  auto out = NewColumn(Type::Bool, batch.rows);
  size_t next_open = 0;
  for (size_t i = 0; i < batch.rows; ++i) {
    if (next_open == open.size() || open[next_open] != i) {
      out->AppendInt(decisive);
      continue;
    }
    size_t r = gather ? next_open : i;
    ++next_open;
    if (!right->IsNull(r) && right->IntAt(r) == decisive)
      out->AppendInt(decisive);
    else if (left->IsNull(i) || right->IsNull(r))
      out->AppendNull();
    else
      out->AppendInt(1 - decisive);
  }
  return out;
}

ColumnPtr EvaluateNot(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr input = Evaluate(*expr.args[0], batch, context);
  auto out = NewColumn(Type::Bool, batch.rows);
  for (size_t i = 0; i < batch.rows; ++i) {
    if (input->IsNull(i))
      out->AppendNull();
    else
      out->AppendInt(input->IntAt(i) == 0 ? 1 : 0);
  }
  return out;
}

ColumnPtr EvaluateStringPredicate(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr text = Evaluate(*expr.args[0], batch, context);
  auto out = NewColumn(Type::Bool, batch.rows);
  if (expr.matcher) {
    for (size_t i = 0; i < batch.rows; ++i)
      out->AppendInt(expr.matcher->Matches(text->StringAt(i)) != expr.negated);
    return out;
  }
  ColumnPtr needle = Evaluate(*expr.args[1], batch, context);
  for (size_t i = 0; i < batch.rows; ++i) {
    string_ops::Matcher matcher(expr.string_op, needle->StringAt(i), expr.case_sensitive);
    out->AppendInt(matcher.Matches(text->StringAt(i)) != expr.negated);
  }
  return out;
}

ColumnPtr EvaluateHasAny(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr text = Evaluate(*expr.args[0], batch, context);
  const string_ops::TermSet& needles = *expr.term_set;
  auto out = NewColumn(Type::Bool, batch.rows);
  for (size_t i = 0; i < batch.rows; ++i) {
    bool match =
        expr.match_all ? needles.MatchesAll(text->StringAt(i)) : needles.MatchesAny(text->StringAt(i));
    out->AppendInt(match);
  }
  return out;
}

// `in`: nulls are never in a set (Kusto), so `null !in (...)` is true.
ColumnPtr EvaluateInSet(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr input = Evaluate(*expr.args[0], batch, context);
  auto out = NewColumn(Type::Bool, batch.rows);
  Type type = input->type();
  if (type == Type::String || type == Type::Guid) {
    std::unordered_set<std::string> set;
    for (const auto& v : expr.set) {
      set.insert(expr.case_sensitive ? v.string_value() : string_ops::FoldCase(v.string_value()));
    }
    std::string folded;
    for (size_t i = 0; i < batch.rows; ++i) {
      bool found;
      if (expr.case_sensitive) {
        found = set.count(std::string(input->StringAt(i))) > 0;
      } else {
        folded = string_ops::FoldCase(input->StringAt(i));
        found = set.count(folded) > 0;
      }
      out->AppendInt(found != expr.negated ? 1 : 0);
    }
    return out;
  }
  auto set_column = std::make_shared<Column>(type);
  for (const auto& v : expr.set) set_column->Append(v);
  for (size_t i = 0; i < batch.rows; ++i) {
    bool found = false;
    if (!input->IsNull(i)) {
      for (size_t s = 0; s < set_column->size() && !found; ++s) {
        found = !set_column->IsNull(s) && CompareNonNull(*input, i, *set_column, s) == 0;
      }
    }
    out->AppendInt(found != expr.negated ? 1 : 0);
  }
  return out;
}

ColumnPtr EvaluateRegex(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr text = Evaluate(*expr.args[0], batch, context);
  auto out = NewColumn(Type::Bool, batch.rows);
  for (size_t i = 0; i < batch.rows; ++i) {
    std::string_view s = text->StringAt(i);
    bool match = RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *expr.regex);
    out->AppendInt(match != expr.negated ? 1 : 0);
  }
  return out;
}

const Dynamic* Lookup(const Dynamic& base, const Value& key) {
  if (key.is_null()) return nullptr;
  if (key.type() == Type::String) return base.Find(key.string_value());
  if (base.kind() != Dynamic::Kind::Array) return nullptr;
  int64_t index = key.int_value();
  const auto& array = base.array();
  // Negative indexes count from the end, as in Kusto.
  if (index < 0) index += static_cast<int64_t>(array.size());
  if (index < 0 || index >= static_cast<int64_t>(array.size())) return nullptr;
  return &array[static_cast<size_t>(index)];
}

ColumnPtr EvaluateAccess(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr base = Evaluate(*expr.args[0], batch, context);
  ColumnPtr key;
  if (expr.kind == BoundExpr::Kind::kIndexAccess) key = Evaluate(*expr.args[1], batch, context);
  Value member = Value::String(expr.member);
  auto out = NewColumn(Type::Dynamic, batch.rows);
  for (size_t i = 0; i < batch.rows; ++i) {
    const Dynamic* found = nullptr;
    if (!base->IsNull(i)) {
      if (key) {
        Value k = key->ValueAt(i);
        if (!k.is_null() && k.type() == Type::Dynamic) {
          const Dynamic& d = k.dynamic_value();
          if (d.kind() == Dynamic::Kind::String)
            k = Value::String(d.string_value());
          else if (d.kind() == Dynamic::Kind::Long)
            k = Value::Long(d.int_value());
          else
            k = Value();
        }
        found = Lookup(base->DynamicAt(i), k);
      } else {
        found = Lookup(base->DynamicAt(i), member);
      }
    }
    if (found == nullptr || found->is_null())
      out->AppendNull();
    else
      out->AppendDynamic(*found);
  }
  return out;
}

// `x == constant` and `x != constant` over ints or strings, the commonest filters (every Sigma
// rule tests EventID and Provider), compared as plain values rather than boxed row by row; nullptr
// for other calls. Same semantics as the generic path: a null row is unequal to the constant.
ColumnPtr CompareWithConstant(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  const std::string& name = expr.function->name;
  if ((name != "__eq" && name != "__ne") || expr.args.size() != 2) return nullptr;
  int constant_side = expr.args[1]->kind == BoundExpr::Kind::kConstant ? 1 : 0;
  const BoundExpr& constant = *expr.args[constant_side];
  const BoundExpr& other = *expr.args[1 - constant_side];
  if (constant.kind != BoundExpr::Kind::kConstant || constant.value.is_null() ||
      constant.value.type() != constant.type) {
    return nullptr;
  }
  auto is_int = [](Type t) { return t == Type::Int || t == Type::Long; };
  bool ints = is_int(constant.type) && is_int(other.type);
  bool strings = constant.type == Type::String && other.type == Type::String;
  if (!ints && !strings) return nullptr;
  ColumnPtr values = Evaluate(other, batch, context);
  const int64_t equal = name == "__eq" ? 1 : 0;
  auto out = NewColumn(Type::Bool, batch.rows);
  if (ints) {
    int64_t wanted = constant.value.int_value();
    for (size_t i = 0; i < batch.rows; ++i)
      out->AppendInt(!values->IsNull(i) && values->IntAt(i) == wanted ? equal : 1 - equal);
  } else {
    std::string_view wanted = constant.value.string_value();
    for (size_t i = 0; i < batch.rows; ++i)
      out->AppendInt(!values->IsNull(i) && values->StringAt(i) == wanted ? equal : 1 - equal);
  }
  return out;
}

ColumnPtr EvaluateCall(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  if (ColumnPtr compared = CompareWithConstant(expr, batch, context)) return compared;
  std::vector<ColumnPtr> args;
  for (const auto& arg : expr.args) args.push_back(Evaluate(*arg, batch, context));
  auto out = NewColumn(expr.type, batch.rows);
  std::vector<Value> values(args.size());
  for (size_t i = 0; i < batch.rows; ++i) {
    for (size_t a = 0; a < args.size(); ++a) values[a] = args[a]->ValueAt(i);
    Value result = expr.function->eval(values, context);
    if (!result.is_null() && result.type() != expr.type) {
      throw std::logic_error("function " + expr.function->name + " returned " +
                             std::string(TypeName(result.type())) + " where " +
                             std::string(TypeName(expr.type)) + " was bound");
    }
    out->Append(result);
  }
  return out;
}

ColumnPtr EvaluateNode(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  switch (expr.kind) {
    case BoundExpr::Kind::kConstant:
      return Column::Constant(expr.type, expr.value, batch.rows);
    case BoundExpr::Kind::kColumn:
      return batch.columns.at(static_cast<size_t>(expr.column_index));
    case BoundExpr::Kind::kCall:
      return EvaluateCall(expr, batch, context);
    case BoundExpr::Kind::kAnd:
    case BoundExpr::Kind::kOr:
      return EvaluateLogical(expr, batch, context);
    case BoundExpr::Kind::kNot:
      return EvaluateNot(expr, batch, context);
    case BoundExpr::Kind::kStringPredicate:
      return EvaluateStringPredicate(expr, batch, context);
    case BoundExpr::Kind::kInSet:
      return EvaluateInSet(expr, batch, context);
    case BoundExpr::Kind::kHasAny:
      return EvaluateHasAny(expr, batch, context);
    case BoundExpr::Kind::kRegexMatch:
      return EvaluateRegex(expr, batch, context);
    case BoundExpr::Kind::kMemberAccess:
    case BoundExpr::Kind::kIndexAccess:
      return EvaluateAccess(expr, batch, context);
  }
  throw std::logic_error("Evaluate: unknown expression kind");
}

}  // namespace

ColumnPtr Evaluate(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  if (context.shared != nullptr) {
    if (ColumnPtr* result = context.shared->Result(expr, batch)) {
      if (!*result) *result = EvaluateNode(expr, batch, context);
      return *result;
    }
  }
  return EvaluateNode(expr, batch, context);
}

std::vector<uint32_t> SelectTrue(const Column& predicate) {
  std::vector<uint32_t> rows;
  const auto& nulls = predicate.nulls();
  const auto& values = predicate.ints();
  for (size_t i = 0; i < predicate.size(); ++i) {
    if (!nulls[i] && values[i] != 0) rows.push_back(static_cast<uint32_t>(i));
  }
  return rows;
}

namespace {

// The rows of a batch a filter's subexpressions are tested on: all of them, or a subset gathered
// into a batch of its own. The subset batches of one filter are kept, so that the leaves of an `or`
// chain over the same open rows gather them once; a shared one (SharedSubexpressions) is kept for
// every query sharing the scan, and results computed over it with it.
class RowSubsets {
 public:
  RowSubsets(const Batch& batch, const EvalContext& context) : batch_(batch), context_(context) {}
  const Batch& batch() const { return batch_; }
  const Batch& For(const std::vector<uint32_t>& rows) {
    if (rows.size() == batch_.rows) return batch_;
    if (context_.shared != nullptr) {
      if (const Batch* shared = context_.shared->Subset(batch_, rows)) return *shared;
    }
    for (const auto& [kept_rows, kept] : kept_) {
      if (kept_rows == rows) return *kept;
    }
    kept_.emplace_back(rows, std::make_unique<Batch>(GatherRows(batch_, rows)));
    return *kept_.back().second;
  }

 private:
  const Batch& batch_;
  const EvalContext& context_;
  std::vector<std::pair<std::vector<uint32_t>, std::unique_ptr<Batch>>> kept_;
};

std::vector<uint32_t> Without(const std::vector<uint32_t>& rows, const std::vector<uint32_t>& taken) {
  std::vector<uint32_t> rest;
  std::set_difference(rows.begin(), rows.end(), taken.begin(), taken.end(), std::back_inserter(rest));
  return rest;
}

std::vector<uint32_t> Merged(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> out;
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// Of `rows` (ascending), those where `expr` is `want` (true or false; never null). An `and`
// tests its right side only on the rows its left keeps, an `or` only on those its left does not
// decide: the cost follows the rows still in play, not the batch.
std::vector<uint32_t> SelectOver(const BoundExpr& expr, const std::vector<uint32_t>& rows, bool want,
                                 RowSubsets& subsets, const EvalContext& context);

std::vector<uint32_t> Select(const BoundExpr& expr, const std::vector<uint32_t>& rows, bool want,
                             RowSubsets& subsets, const EvalContext& context) {
  if (rows.empty()) return {};
  // Over a whole shared batch, a shared subexpression's rows are found once for every query.
  if (context.shared != nullptr && rows.size() == subsets.batch().rows) {
    bool* filled = nullptr;
    if (auto* selected = context.shared->Selection(expr, subsets.batch(), want, &filled)) {
      if (!*filled) {
        *selected = SelectOver(expr, rows, want, subsets, context);
        *filled = true;
      }
      return *selected;
    }
  }
  return SelectOver(expr, rows, want, subsets, context);
}

std::vector<uint32_t> SelectOver(const BoundExpr& expr, const std::vector<uint32_t>& rows, bool want,
                                 RowSubsets& subsets, const EvalContext& context) {
  switch (expr.kind) {
    case BoundExpr::Kind::kAnd:
    case BoundExpr::Kind::kOr: {
      // true wins `or` and false wins `and`: the left's winning rows are decided.
      const bool wins = expr.kind == BoundExpr::Kind::kOr;
      std::vector<uint32_t> left = Select(*expr.args[0], rows, want, subsets, context);
      if (want == wins) {
        // Mostly the left decides nothing (a rule's first branch does not apply): no copy then.
        if (left.empty()) return Select(*expr.args[1], rows, want, subsets, context);
        std::vector<uint32_t> right = Select(*expr.args[1], Without(rows, left), want, subsets, context);
        return Merged(left, right);
      }
      return Select(*expr.args[1], left, want, subsets, context);
    }
    case BoundExpr::Kind::kNot:
      return Select(*expr.args[0], rows, !want, subsets, context);
    default: {
      const Batch& subset = subsets.For(rows);
      std::vector<uint32_t> out;
      const bool shared = context.shared != nullptr && context.shared->Shares(expr);
      if (!shared && expr.kind == BoundExpr::Kind::kStringPredicate && expr.matcher) {
        // Most of a Sigma rule's tests: the rows are selected as they are tested, with no column of
        // results in between (a shared test keeps its column, for the other queries).
        ColumnPtr text = Evaluate(*expr.args[0], subset, context);
        for (size_t i = 0; i < rows.size(); ++i) {
          if ((expr.matcher->Matches(text->StringAt(i)) != expr.negated) == want) out.push_back(rows[i]);
        }
        return out;
      }
      ColumnPtr values = Evaluate(expr, subset, context);
      for (size_t i = 0; i < rows.size(); ++i) {
        if (!values->IsNull(i) && (values->IntAt(i) != 0) == want) out.push_back(rows[i]);
      }
      return out;
    }
  }
}

}  // namespace

std::vector<uint32_t> SelectWhere(const BoundExpr& predicate, const Batch& batch,
                                  const EvalContext& context) {
  std::vector<uint32_t> all(batch.rows);
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<uint32_t>(i);
  RowSubsets subsets(batch, context);
  return Select(predicate, all, true, subsets, context);
}

Batch GatherRows(const Batch& batch, std::span<const uint32_t> rows) {
  Batch out;
  out.rows = rows.size();
  for (const auto& column : batch.columns) out.columns.push_back(column->Gather(rows));
  if (batch.sources) out.sources = batch.sources->Gather(rows);
  return out;
}

}  // namespace iochound
