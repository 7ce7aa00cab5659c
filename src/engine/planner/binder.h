// The binder: from the parser's AST to a typed logical plan. Resolves every name (columns, let
// bindings, tables, functions), checks and infers types, and reports what is wrong with the
// position of the offending text.
#pragma once

#include <string_view>

#include "engine/catalog.h"
#include "engine/engine.h"
#include "engine/function/function_registry.h"
#include "engine/parser/parser.h"
#include "engine/planner/logical_plan.h"

namespace iochound {

// What the binder needs from execution to fold constants (`let x = ago(1d)`, toscalar(), `in (T | ...)`),
// passed in so that the planner does not depend on the executor.
class ConstantEvaluator {
 public:
  virtual ~ConstantEvaluator() = default;
  // The value of an expression that reads no columns.
  virtual Value EvaluateScalar(const BoundExpr& expr) = 0;
  // All rows of a plan, boxed.
  virtual std::vector<std::vector<Value>> Run(const PlanNode& plan) = 0;
};

// Binds the query's last tabular statement; `text` is the query `query` was parsed from; `options` say
// where _GetWatchlist() and externaldata read their files. Throws QueryError.
PlanNodePtr BindQuery(std::string_view text, const ParsedQuery& query, const Catalog& catalog,
                      ConstantEvaluator& evaluator, const QueryOptions& options);

}  // namespace iochound
