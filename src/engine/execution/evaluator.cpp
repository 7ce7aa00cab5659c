#include "engine/execution/evaluator.h"

#include <re2/re2.h>

#include <stdexcept>
#include <unordered_set>

#include "engine/execution/row_keys.h"
#include "engine/function/string_ops.h"

namespace iochound {
namespace {

std::shared_ptr<Column> NewColumn(Type type, size_t rows) {
  auto column = std::make_shared<Column>(type);
  column->Reserve(rows);
  return column;
}

// Kusto's three-valued logic: false wins `and`, true wins `or`, otherwise null is contagious.
ColumnPtr EvaluateLogical(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
  ColumnPtr left = Evaluate(*expr.args[0], batch, context);
  ColumnPtr right = Evaluate(*expr.args[1], batch, context);
  auto out = NewColumn(Type::Bool, batch.rows);
  bool is_and = expr.kind == BoundExpr::Kind::kAnd;
  for (size_t i = 0; i < batch.rows; ++i) {
    bool ln = left->IsNull(i), rn = right->IsNull(i);
    bool lv = !ln && left->IntAt(i) != 0, rv = !rn && right->IntAt(i) != 0;
    if (is_and) {
      if ((!ln && !lv) || (!rn && !rv))
        out->AppendInt(0);
      else if (ln || rn)
        out->AppendNull();
      else
        out->AppendInt(1);
    } else {
      if (lv || rv)
        out->AppendInt(1);
      else if (ln || rn)
        out->AppendNull();
      else
        out->AppendInt(0);
    }
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

ColumnPtr EvaluateCall(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
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

}  // namespace

ColumnPtr Evaluate(const BoundExpr& expr, const Batch& batch, const EvalContext& context) {
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

std::vector<uint32_t> SelectTrue(const Column& predicate) {
  std::vector<uint32_t> rows;
  const auto& nulls = predicate.nulls();
  const auto& values = predicate.ints();
  for (size_t i = 0; i < predicate.size(); ++i) {
    if (!nulls[i] && values[i] != 0) rows.push_back(static_cast<uint32_t>(i));
  }
  return rows;
}

Batch GatherRows(const Batch& batch, std::span<const uint32_t> rows) {
  Batch out;
  out.rows = rows.size();
  for (const auto& column : batch.columns) out.columns.push_back(column->Gather(rows));
  if (batch.sources) out.sources = batch.sources->Gather(rows);
  return out;
}

}  // namespace iochound
