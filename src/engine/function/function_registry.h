// The scalar and aggregate function library, looked up by name at bind time.
//
// Functions are row-at-a-time over Value: simple to write and test one by one. Hot operators that
// dominate hunts (string predicates, comparisons) have vectorized kernels in execution/ instead.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "types/type.h"
#include "types/value.h"

namespace iochound {

class SharedSubexpressions;

// What a function may need besides its arguments.
struct EvalContext {
  int64_t now_ticks = 0;  // now() and ago(), fixed once per query as Kusto does
  int threads = 1;        // threads a scan may decode and filter on
  // Bytes of rows an `order by` holds (as estimated) before it spills them, sorted, to a file.
  uint64_t sort_memory = uint64_t{256} << 20;
  // Results other queries sharing the scan computed over the same batch (shared_subexpressions.h).
  SharedSubexpressions* shared = nullptr;
};

// Argument types as the binder sees them; `constant` holds a literal argument's value (for
// functions whose result type depends on it, e.g. todynamic of a literal, or that validate
// a regex early).
struct BoundArg {
  Type type;
  bool is_constant = false;
  Value constant;
};

struct ScalarFunction {
  std::string name;
  // Result type for these arguments; throws QueryError (offset 0: the binder adds the position)
  // naming the function and what is wrong, for a bad arity or argument type.
  std::function<Type(std::span<const BoundArg> args)> bind;
  // One row. Arguments arrive with the types bind() accepted; the result must have bind()'s type
  // (or be a null of it).
  std::function<Value(std::span<const Value> args, const EvalContext& context)> eval;
};

// Accumulates one group's rows.
class AggregateState {
 public:
  virtual ~AggregateState() = default;
  virtual void Add(std::span<const Value> args) = 0;
  // Folds another partial state of the same aggregate into this one (parallel aggregation).
  virtual void Merge(AggregateState& other) = 0;
  virtual Value Finish() = 0;
};

struct AggregateFunction {
  std::string name;
  // Prefix of the default output column name: count() -> "count_", sum(v) -> "sum_v",
  // make_list(x) -> "list_x"; Kusto appends the first argument's column name when it is one.
  std::string column_prefix;
  std::function<Type(std::span<const BoundArg> args)> bind;
  std::function<std::unique_ptr<AggregateState>(std::span<const BoundArg> args)> create;
};

// nullptr when unknown. Names are case-sensitive, as in Kusto.
const ScalarFunction* FindScalarFunction(std::string_view name);
const AggregateFunction* FindAggregateFunction(std::string_view name);
// Every registered name, for "did you mean" suggestions and docs.
std::vector<std::string> ScalarFunctionNames();
std::vector<std::string> AggregateFunctionNames();

}  // namespace iochound
