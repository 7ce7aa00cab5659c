// Vectorized evaluation of bound expressions over a batch.
#pragma once

#include "engine/function/function_registry.h"
#include "engine/planner/bound_expr.h"
#include "types/column.h"

namespace iochound {

// A column of batch.rows values of expr.type.
ColumnPtr Evaluate(const BoundExpr& expr, const Batch& batch, const EvalContext& context);

// Row indexes where a bool column is true (not false, not null): a filter's selection vector.
std::vector<uint32_t> SelectTrue(const Column& predicate);

// Row indexes where a bool predicate is true, as SelectTrue(*Evaluate(predicate, ...)) gives them,
// evaluating each part of an `and`/`or`/`not` only over the rows still in play.
std::vector<uint32_t> SelectWhere(const BoundExpr& predicate, const Batch& batch, const EvalContext& context);

// Gathers the selected rows of every column of a batch.
Batch GatherRows(const Batch& batch, std::span<const uint32_t> rows);

}  // namespace iochound
