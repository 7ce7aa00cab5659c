// The logical plan: a tree of relational operators with bound, typed expressions. Both front ends
// (KQL today, Sigma later) produce it; execution turns it into physical operators.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/catalog.h"
#include "engine/planner/bound_expr.h"
#include "engine/planner/parse_spec.h"
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

// A window function of a kWindow node. Its expressions see the node's input columns followed by the
// columns of the calls before it, so that `row_cumsum(x, g != prev(g))` can use prev's column.
struct WindowCall {
  enum class Function { kRowNumber, kPrev, kNext, kRowCumsum, kRowRankDense, kRowRankMin };
  Function function = Function::kRowNumber;
  Type type = Type::Long;
  BoundExprPtr value;    // the argument of prev/next/row_cumsum/row_rank_*; null for row_number
  BoundExprPtr restart;  // row_number/row_cumsum/row_rank_*: start over where true; may be null
  int64_t offset = 1;    // prev/next: how many rows back or ahead; row_number: the first number
  Value default_value;   // prev/next: the value beyond the first or last row
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
    kJoin,        // children: left, right; equal join_left_keys/join_right_keys (column indexes) match;
                  // output = join_left_columns then join_right_columns (lookup leaves out right keys)
    kMvExpand,    // exprs = the dynamic values expanded, each into output column mv_targets[i]; the
                  // other input columns repeat; limit caps rows per input row
    kWindow,      // window_calls over a serialized input: input columns, then one column per call
    kMakeSeries,  // exprs = group keys then the axis (last); aggregates per bin; output = keys, one
                  // dynamic array per aggregate, the axis array
    kTopNested,   // exprs[i] = level i's value, aggregates[i] its aggregate, nested_limits[i] its count
    kMvApply,     // children: input, subquery (over an mv-expand of kImplicitInput) run once per input
                  // row; output = the input columns apply_added_columns, then the subquery's columns
    kImplicitInput,  // the leaf of an mv-apply subquery: the current input row
    kParse,       // parse, parse-where, parse-kv: exprs[0] = the source string, parse = what it extracts
  };

  // Kusto's join flavors; innerunique is the default and keeps one left row per key.
  enum class JoinKind {
    kInnerUnique,
    kInner,
    kLeftOuter,
    kRightOuter,
    kFullOuter,
    kLeftSemi,
    kRightSemi,
    kLeftAnti,
    kRightAnti,
  };

  Kind kind = Kind::kFilter;
  Schema schema;  // output columns
  std::vector<std::unique_ptr<PlanNode>> children;

  TableSource* table = nullptr;
  std::string table_name;
  std::vector<int> scan_columns;
  // Literals one of which every row kept by the filters above the scan contains (scan_literals.h).
  std::vector<ScanLiteral> scan_literals;

  std::vector<std::vector<Value>> rows;
  Value range_from, range_to, range_step;

  std::vector<BoundExprPtr> exprs;
  std::vector<SortKey> sort_keys;
  int64_t limit = 0;
  std::vector<AggregateCall> aggregates;
  std::vector<BoundExprPtr> arg_values;
  bool arg_max = true;

  JoinKind join_kind = JoinKind::kInnerUnique;
  std::vector<int> join_left_keys, join_right_keys;
  std::vector<int> join_left_columns, join_right_columns;
  // lookup: a left row's right matches come out last-read first, the order Kusto returns them in.
  bool join_matches_reversed = false;

  std::vector<int> mv_targets;
  bool mv_bag_as_array = false;  // bagexpansion=array: a bag member becomes [key, value], not {key: value}
  int mv_index_column = -1;      // with_itemindex: the output column of the element's position

  std::vector<WindowCall> window_calls;

  // make-series: the bins are [from + i * step, from + (i + 1) * step) below `to`; a null from/to is
  // the smallest/largest axis value of the input.
  Value series_from, series_to, series_step;
  std::vector<Value> series_defaults;  // per aggregate, for bins without rows

  std::vector<int64_t> nested_limits;  // top-nested: -1 keeps every value
  std::vector<bool> nested_descending;

  std::vector<int> apply_added_columns;

  std::shared_ptr<const ParseSpec> parse;
};

using PlanNodePtr = std::unique_ptr<PlanNode>;

// One line per operator, indented by depth, with the output schema's names and types.
std::string ExplainPlan(const PlanNode& root);

}  // namespace iochound
