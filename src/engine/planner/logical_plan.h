// The logical plan: a tree of relational operators with bound, typed expressions. Both front ends
// (KQL today, Sigma later) produce it; execution turns it into physical operators.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/planner/bound_expr.h"
#include "types/type.h"
#include "types/value.h"

namespace iochound {

struct SortKey {
  BoundExprPtr expr;
  bool descending = true;    // Kusto's default
  bool nulls_first = false;  // Kusto: nulls first when ascending, last when descending, unless stated
};

struct AggregateCall {
  const AggregateFunction* function = nullptr;
  std::vector<BoundExprPtr> args;
  std::vector<BoundArg> bound_args;
};

struct PlanNode {
  enum class Kind {
    kScan,        // table, scan_columns
    kValues,      // rows (datatable, print)
    kRange,       // range_from/to/step into one column
    kFilter,      // exprs[0]
    kProject,     // exprs, one per output column
    kSort,        // sort_keys
    kLimit,       // limit
    kTop,         // sort_keys + limit
    kAggregate,   // exprs = group keys, aggregates; output = keys then aggregates
    kArgExtreme,  // arg_max/arg_min: exprs = group keys, sort_keys[0] = the key to maximize,
                  // arg_values = expressions returned from the winning row
    kUnion,       // children
  };

  Kind kind = Kind::kFilter;
  Schema schema;  // output columns
  std::vector<std::unique_ptr<PlanNode>> children;

  TableSource* table = nullptr;
  std::string table_name;
  std::vector<int> scan_columns;

  std::vector<std::vector<Value>> rows;
  Value range_from, range_to, range_step;

  std::vector<BoundExprPtr> exprs;
  std::vector<SortKey> sort_keys;
  int64_t limit = 0;
  std::vector<AggregateCall> aggregates;
  std::vector<BoundExprPtr> arg_values;
  bool arg_max = true;
};

using PlanNodePtr = std::unique_ptr<PlanNode>;

// One line per operator, indented by depth, with the output schema's names and types.
std::string ExplainPlan(const PlanNode& root);

}  // namespace iochound
